/**
 * The one sleep: a wait on an injected {@linkcode Clock} (fake time in tests) that an
 * AbortSignal cuts short. On abort it rejects with `signal.reason` (an `AbortError`
 * `DOMException` unless the aborter gave another reason), like `setTimeout` of
 * `node:timers/promises` and std's `delay`: code after the `await` never runs once the owner
 * stops, and the owner's task ends with the abort, which the actor runtime ignores for a stopped
 * actor. A caller that wants to carry on after an abort says so with `.catch(() => {})`.
 *
 * @module
 */
import type { Clock } from "./clock.ts";

/**
 * Resolves after `ms` on `clock`; rejects with `signal.reason` as soon as `signal` aborts (at
 * once when it already has). Either way it leaves no timer and no abort listener behind.
 *
 * @example
 * ```ts
 * import { sleep } from "./sleep.ts";
 * import { FakeClock } from "./fake_clock.ts";
 *
 * const clock = new FakeClock();
 * const stop = new AbortController();
 * const slept = sleep(clock, 1000, stop.signal);
 * await clock.advance(1000); // slept resolves
 * await slept;
 *
 * const cut = sleep(clock, 1000, stop.signal);
 * stop.abort();
 * await cut.catch((reason) => reason.name); // "AbortError"
 * ```
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal === undefined) {
    return new Promise((resolve) => void clock.setTimeout(resolve, ms));
  }
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal.reason);
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
