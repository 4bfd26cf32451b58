/** A CLI printer for command tests. @module */
import type { Printer } from "../../cli/printer.ts";

/** A printer that keeps lines in memory, for tests. */
export class BufferPrinter implements Printer {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  /** Keeps a stdout line. */
  out(line: string): void {
    this.stdout.push(line);
  }
  /** Keeps the stdout lines of UTF-8 bytes (whole lines, each ending in a newline). */
  outBytes(bytes: Uint8Array): void {
    const text = new TextDecoder().decode(bytes);
    if (text === "") return;
    if (!text.endsWith("\n")) throw new TypeError(`Printer.outBytes got a partial line: "${text}"`);
    for (const line of text.slice(0, -1).split("\n")) this.stdout.push(line);
  }
  /** Keeps a stderr line. */
  err(line: string): void {
    this.stderr.push(line);
  }
}
