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
  /** Keeps a stderr line. */
  err(line: string): void {
    this.stderr.push(line);
  }
}
