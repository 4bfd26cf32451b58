/**
 * A sleep on an injected clock that an AbortSignal cuts short.
 *
 * @module
 */
import type { Clock } from "../clock.ts";

/** Waits `ms` on `clock`; rejects with `signal.reason` when `signal` aborts first. */
export function sleepOn(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
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
