/**
 * An append-only text file that rotates by size: `name` → `name.1` → … → `name.<keep>`, the
 * oldest deleted. Used for the trace and the log file.
 *
 * @module
 */

import type { TextAppender } from "./text_appender.ts";

/** Options of {@linkcode RotatingFile}. */
export interface RotatingFileOptions {
  /** Rotate before the file would grow past this many bytes. */
  readonly maxBytes: number;
  /** Rotated files kept beside the current one. */
  readonly keep: number;
}

const encoder = new TextEncoder();

/** A size-rotated append-only file with synchronous, complete writes. */
export class RotatingFile implements TextAppender {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  #file: Deno.FsFile | null;
  #size: number;

  /** Opens (creating or appending to) `path`. */
  constructor(path: string, options: RotatingFileOptions) {
    if (!(options.maxBytes > 0)) {
      throw new RangeError(`Rotating file size limit must be positive: got ${options.maxBytes}`);
    }
    this.path = path;
    this.#maxBytes = options.maxBytes;
    this.#keep = Math.max(0, Math.floor(options.keep));
    this.#file = Deno.openSync(path, { append: true, create: true });
    this.#size = this.#file.statSync().size;
  }

  /** Current size of the file in bytes. */
  get size(): number {
    return this.#size;
  }

  /** Appends whole lines; rotates first when they would push the file past the limit. */
  appendText(text: string): void {
    if (this.#file === null || text.length === 0) return;
    const data = encoder.encode(text);
    if (this.#size > 0 && this.#size + data.length > this.#maxBytes) this.#rotate();
    let off = 0;
    while (off < data.length) off += this.#file.writeSync(data.subarray(off));
    this.#size += data.length;
  }

  /** Closes the file; later writes are ignored. */
  close(): void {
    this.#file?.close();
    this.#file = null;
  }

  #rotate(): void {
    this.#file?.close();
    if (this.#keep === 0) {
      Deno.removeSync(this.path);
    } else {
      for (let i = this.#keep; i >= 1; i--) {
        const from = i === 1 ? this.path : `${this.path}.${i - 1}`;
        try {
          Deno.renameSync(from, `${this.path}.${i}`);
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
      }
    }
    this.#file = Deno.openSync(this.path, { append: true, create: true });
    this.#size = 0;
  }
}
