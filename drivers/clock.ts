/**
 * Time as the actors see it: a monotonic clock, the wall clock and timers, injected so tests
 * can run on fake time.
 *
 * @module
 */

/** Opaque handle of a timer started through a {@linkcode Clock}. */
export type TimerHandle = number | ReturnType<typeof setTimeout>;

/** The source of time and timers for the runtime and every actor. */
export interface Clock {
  /** Monotonic time in milliseconds (fractional), for durations and deadlines. */
  now(): number;
  /** Wall-clock time in milliseconds since the Unix epoch, for timestamps people read. */
  wallNow(): number;
  /** Calls `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** The real clock: `performance.now()`, `Date.now()` and the platform's timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
};
