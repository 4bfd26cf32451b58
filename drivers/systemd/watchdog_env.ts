/**
 * The watchdog interval systemd hands a service in `$WATCHDOG_USEC` (and `$WATCHDOG_PID`, the
 * process it is meant for), read the way `sd_watchdog_enabled(3)` reads it.
 *
 * @module
 */

/** What {@linkcode parseWatchdogEnv} found. */
export interface WatchdogEnv {
  /** The interval within which systemd expects `WATCHDOG=1`, in ms; null: no watchdog for us. */
  readonly intervalMs: number | null;
  /** Why a set variable was ignored (a malformed value), or null. */
  readonly problem: string | null;
}

const DIGITS = /^[0-9]+$/;

/**
 * Reads `WATCHDOG_USEC` and `WATCHDOG_PID`: the watchdog is ours when the interval is a
 * positive number of microseconds and `WATCHDOG_PID`, if set, is our pid.
 *
 * @param usec the value of `WATCHDOG_USEC`, or undefined when unset
 * @param pid the value of `WATCHDOG_PID`, or undefined when unset
 * @param ourPid this process's pid
 *
 * @example
 * ```ts
 * import { parseWatchdogEnv } from "./watchdog_env.ts";
 *
 * parseWatchdogEnv("30000000", undefined, 4242); // { intervalMs: 30000, problem: null }
 * ```
 */
export function parseWatchdogEnv(
  usec: string | undefined,
  pid: string | undefined,
  ourPid: number,
): WatchdogEnv {
  if (usec === undefined || usec === "") return { intervalMs: null, problem: null };
  const micros = DIGITS.test(usec) ? Number(usec) : NaN;
  if (!Number.isSafeInteger(micros) || micros === 0) {
    return {
      intervalMs: null,
      problem: `WATCHDOG_USEC "${usec}" is not a positive number of microseconds`,
    };
  }
  if (pid !== undefined && pid !== "") {
    if (!DIGITS.test(pid)) {
      return { intervalMs: null, problem: `WATCHDOG_PID "${pid}" is not a process id` };
    }
    // Set for another process (we were started by a program that did not unset it).
    if (Number(pid) !== ourPid) return { intervalMs: null, problem: null };
  }
  return { intervalMs: micros / 1000, problem: null };
}
