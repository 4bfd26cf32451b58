/**
 * Where the CLI writes what it prints: stdout for results, stderr for problems. Injectable so
 * command tests capture output.
 *
 * @module
 */

/** Output channels of a command. */
export interface Printer {
  /** Writes a line (a newline is added) to standard output. */
  out(line: string): void;
  /** Writes a line (a newline is added) to standard error. */
  err(line: string): void;
  /**
   * Writes UTF-8 bytes to standard output as they are: whole lines, each ending in a newline.
   * For commands that print many lines (`decode`): one write for a batch of them.
   */
  outBytes(bytes: Uint8Array): void;
}

const encoder = new TextEncoder();

function writeAll(file: { writeSync(p: Uint8Array): number }, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += file.writeSync(data.subarray(off));
}

/** The process's real stdout and stderr. */
export const stdPrinter: Printer = {
  out: (line) => writeAll(Deno.stdout, encoder.encode(line + "\n")),
  err: (line) => writeAll(Deno.stderr, encoder.encode(line + "\n")),
  outBytes: (bytes) => writeAll(Deno.stdout, bytes),
};
