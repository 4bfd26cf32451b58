/**
 * Gives start-up's garbage back to the system (`drivers/heap_trim.ts`): once, when the host is
 * ready. The first start of a newly installed bundle analyses and caches it, and the C heap keeps
 * the ~20 MB that took resident for as long as the process runs unless trimmed. It is not repeated
 * under way: a trim takes up to 2 ms and holds the C heap's locks, which the RTU thread must never
 * wait for. Where the trim cannot run (not glibc, no FFI), it says so once.
 *
 * @module
 */

/** What the trimmer needs. */
export interface HeapTrimmerOptions {
  /** Releases the free pages (the driver's `releaseFreeHeap`); may throw why it cannot. */
  readonly trim: () => boolean;
  /** Told once why trimming stopped (for a log line). */
  readonly onError?: (message: string) => void;
}

/**
 * Trims on demand ({@linkcode HeapTrimmer.trimNow}) until a trim fails or it is stopped.
 *
 * @example
 * ```ts
 * import { HeapTrimmer } from "./heap_trimmer.ts";
 *
 * let trims = 0;
 * const trimmer = new HeapTrimmer({ trim: () => (trims++, true) });
 * trimmer.trimNow(); // trims: 1
 * trimmer.stop();
 * trimmer.trimNow(); // trims: still 1
 * ```
 */
export class HeapTrimmer {
  readonly #options: HeapTrimmerOptions;
  #failed = false;
  #stopped = false;

  /** @param options the trim call and where a failure is told */
  constructor(options: HeapTrimmerOptions) {
    this.#options = options;
  }

  /** Trims now (when start-up is complete). */
  trimNow(): void {
    if (this.#failed || this.#stopped) return;
    try {
      this.#options.trim();
    } catch (error) {
      this.#failed = true;
      this.#options.onError?.(
        `Cannot release free memory: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Stops trimming; idempotent. */
  stop(): void {
    this.#stopped = true;
  }
}
