/**
 * A trace sink that appends JSON Lines to a size-rotated file, buffered and written out at a
 * short interval, so tracing never blocks a handler on the disk.
 *
 * @module
 */
import { type Clock, systemClock, type TimerHandle } from "../../drivers/clock.ts";
import { RotatingFile } from "../../drivers/rotating_file.ts";
import type { TraceRecord, TraceSink } from "./trace_record.ts";

/** Options of {@linkcode TraceFile}. */
export interface TraceFileOptions {
  /** Rotate when the file would grow past this many bytes. @default 10 MiB */
  readonly maxBytes?: number;
  /** Number of rotated files kept beside the current one. @default 3 */
  readonly keep?: number;
  /** Write out buffered lines at least this often, in ms. @default 250 */
  readonly flushIntervalMs?: number;
  /** Clock for the flush timer. @default systemClock */
  readonly clock?: Clock;
}

/** Most lines held in memory between flushes; more are dropped and counted. */
export const MAX_BUFFERED_TRACE_LINES = 10_000;

/** Appends trace records to a size-rotated JSON Lines file. */
export class TraceFile implements TraceSink {
  readonly path: string;
  readonly #file: RotatingFile;
  readonly #flushIntervalMs: number;
  readonly #clock: Clock;
  #lines: string[] = [];
  #timer: TimerHandle | null = null;
  #closed = false;
  /** Lines dropped because the buffer was full (the disk could not keep up). */
  dropped = 0;

  /** Opens (creating or appending to) the trace file. */
  constructor(path: string, options: TraceFileOptions = {}) {
    this.path = path;
    this.#file = new RotatingFile(path, {
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      keep: options.keep ?? 3,
    });
    this.#flushIntervalMs = options.flushIntervalMs ?? 250;
    this.#clock = options.clock ?? systemClock;
  }

  /** Buffers one record; it reaches the file within the flush interval. */
  write(record: TraceRecord): void {
    if (this.#closed) return;
    if (this.#lines.length >= MAX_BUFFERED_TRACE_LINES) {
      this.dropped++;
      return;
    }
    this.#lines.push(JSON.stringify(record) + "\n");
    if (this.#timer === null) {
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = null;
        this.#writeOut();
      }, this.#flushIntervalMs);
    }
  }

  /** Writes out every buffered line now. */
  flush(): Promise<void> {
    this.#writeOut();
    return Promise.resolve();
  }

  /** Flushes and closes the file; later writes are ignored. */
  close(): Promise<void> {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#writeOut();
    this.#closed = true;
    this.#file.close();
    return Promise.resolve();
  }

  #writeOut(): void {
    const lines = this.#lines;
    this.#lines = [];
    // Whole lines in chunks of up to 64 KiB: every rotated file holds whole lines.
    let chunk = "";
    for (const line of lines) {
      if (chunk.length + line.length > 65_536) {
        this.#file.appendText(chunk);
        chunk = "";
      }
      chunk += line;
    }
    this.#file.appendText(chunk);
  }
}
