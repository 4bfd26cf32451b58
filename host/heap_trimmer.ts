/**
 * Keeps the C heap's free pages from staying resident (`drivers/heap_trim.ts`): once when the
 * host is ready (start-up's garbage: up to ~20 MB on the first start of a new bundle) and then
 * every {@linkcode HEAP_TRIM_EVERY_MS}. Each trim takes well under a millisecond on the main
 * thread. Where the trim cannot run (not glibc, no FFI), it says so once and stops trying.
 *
 * @module
 */
import type { Clock, TimerHandle } from "../drivers/clock.ts";

/** How often the host trims the C heap, ms. */
export const HEAP_TRIM_EVERY_MS = 30_000;

/** What the trimmer needs. */
export interface HeapTrimmerOptions {
  /** Releases the free pages (the driver's `releaseFreeHeap`); may throw why it cannot. */
  readonly trim: () => boolean;
  /** Time source of the timer. */
  readonly clock: Clock;
  /** Told once why trimming stopped (for a log line). */
  readonly onError?: (message: string) => void;
  /** @default HEAP_TRIM_EVERY_MS */
  readonly everyMs?: number;
}

/**
 * Trims now ({@linkcode HeapTrimmer.trimNow}) and every `everyMs` once started.
 *
 * @example
 * ```ts
 * import { HeapTrimmer } from "./heap_trimmer.ts";
 * import { FakeClock } from "../drivers/fake_clock.ts";
 *
 * const clock = new FakeClock();
 * let trims = 0;
 * const trimmer = new HeapTrimmer({ trim: () => (trims++, true), clock, everyMs: 1000 });
 * trimmer.start();
 * trimmer.trimNow(); // trims: 1
 * await clock.advance(2000); // trims: 3
 * trimmer.stop();
 * ```
 */
export class HeapTrimmer {
  readonly #options: HeapTrimmerOptions;
  #timer: TimerHandle | null = null;
  #failed = false;
  #stopped = false;

  /** @param options the trim call, the clock, where a failure is told */
  constructor(options: HeapTrimmerOptions) {
    this.#options = options;
  }

  /** Starts the periodic trims (the first one `everyMs` from now). */
  start(): void {
    if (this.#stopped || this.#timer !== null) return;
    this.#schedule();
  }

  /** Trims now (e.g. when start-up is complete). */
  trimNow(): void {
    if (this.#failed || this.#stopped) return;
    try {
      this.#options.trim();
    } catch (error) {
      this.#failed = true;
      this.#clear();
      this.#options.onError?.(
        `Cannot release free memory: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Stops the periodic trims; idempotent. */
  stop(): void {
    this.#stopped = true;
    this.#clear();
  }

  #schedule(): void {
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = null;
      this.trimNow();
      if (!this.#failed && !this.#stopped) this.#schedule();
    }, this.#options.everyMs ?? HEAP_TRIM_EVERY_MS);
  }

  #clear(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
