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
}

const encoder = new TextEncoder();

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  const data = encoder.encode(text);
  let off = 0;
  while (off < data.length) off += file.writeSync(data.subarray(off));
}

/** The process's real stdout and stderr. */
export const stdPrinter: Printer = {
  out: (line) => writeAll(Deno.stdout, line + "\n"),
  err: (line) => writeAll(Deno.stderr, line + "\n"),
};
