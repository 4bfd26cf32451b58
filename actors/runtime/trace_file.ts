/**
 * A trace sink that appends JSON Lines to a text output the host hands it (a size-rotated file
 * in production), buffered and written out at a short interval, so tracing never blocks a
 * handler on the disk.
 *
 * @module
 */
import type { Clock, TimerHandle } from "../../drivers/clock.ts";
import type { TextAppender } from "../../drivers/text_appender.ts";
import type { TraceRecord, TraceSink } from "./trace_record.ts";

/** Options of {@linkcode TraceFile}. */
export interface TraceFileOptions {
  /** Clock for the flush timer. */
  readonly clock: Clock;
  /** Write out buffered lines at least this often, in ms. @default 250 */
  readonly flushIntervalMs?: number;
}

/** Most lines held in memory between flushes; more are dropped and counted. */
export const MAX_BUFFERED_TRACE_LINES = 10_000;

/**
 * Appends trace records as JSON Lines to a {@linkcode TextAppender}, which it owns (closing the
 * trace closes it).
 *
 * @example
 * ```ts
 * import { TraceFile } from "./trace_file.ts";
 * import { FakeClock } from "../../drivers/fake_clock.ts";
 *
 * let text = "";
 * const out = { appendText: (t: string) => void (text += t), close: () => {} };
 * const trace = new TraceFile(out, { clock: new FakeClock() });
 * trace.write({
 *   t_us: 1000, wall: "2026-01-01T00:00:00.001Z", from: "a1Reader", to: "telegramValidator",
 *   type: "telegramFramed", id: 1, cause: null, summary: "", handler_us: 12,
 * });
 * await trace.close();
 * if (JSON.parse(text).type !== "telegramFramed") throw new Error("not written");
 * ```
 */
export class TraceFile implements TraceSink {
  readonly #out: TextAppender;
  readonly #flushIntervalMs: number;
  readonly #clock: Clock;
  #lines: string[] = [];
  #timer: TimerHandle | null = null;
  #closed = false;
  /** Lines dropped because the buffer was full (the disk could not keep up). */
  dropped = 0;

  /** Writes to `out` (created and opened by the host). */
  constructor(out: TextAppender, options: TraceFileOptions) {
    this.#out = out;
    this.#flushIntervalMs = options.flushIntervalMs ?? 250;
    this.#clock = options.clock;
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
    this.#out.close();
    return Promise.resolve();
  }

  #writeOut(): void {
    const lines = this.#lines;
    this.#lines = [];
    // Whole lines in chunks of up to 64 KiB: every rotated file holds whole lines.
    let chunk = "";
    for (const line of lines) {
      if (chunk.length + line.length > 65_536) {
        this.#out.appendText(chunk);
        chunk = "";
      }
      chunk += line;
    }
    this.#out.appendText(chunk);
  }
}
