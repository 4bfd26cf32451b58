/**
 * The one back-off for every retry (the A1 source, the RS485 port, the Modbus TCP listener, the
 * passthrough and HomeWizard API listeners (`listen_retry.ts`), the MQTT broker, and the
 * supervisor's restart of a crashed actor with its own bounds), as a pure reducer over the
 * caller's clock: the delay for failure number n (`minMs`, doubling, capped at `maxMs`), a reset
 * on success, and whether a failure changes what is wrong, so the caller logs each change once
 * and not every retry.
 *
 * The caller owns the waiting: it sleeps for {@linkcode BackoffStep.delayMs} on its injected
 * clock, or arms a timer for it.
 *
 * @example A link that fails twice the same way, then comes back
 * ```ts
 * import { BACKOFF_START, backoffFailed, backoffSucceeded } from "./backoff.ts";
 *
 * const policy = { minMs: 1000, maxMs: 30_000 };
 * const first = backoffFailed(BACKOFF_START, "no such device", 0, policy);
 * // first.delayMs 1000, first.changed true: log it
 * const second = backoffFailed(first.backoff, "no such device", 1000, policy);
 * // second.delayMs 2000, second.changed false: the same problem, stay quiet
 * const back = backoffSucceeded(second.backoff);
 * // back.recovered true, back.backoff.failures 0: the next failure waits 1000 again
 * ```
 *
 * @module
 */

/** Back-off bounds, ms. */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly minMs: number;
  /** Longest delay: doubling stops here. */
  readonly maxMs: number;
}

/** The bounds every reconnection uses unless told otherwise: 1 s doubling to 30 s. */
export const RECONNECT_BACKOFF: BackoffPolicy = { minMs: 1000, maxMs: 30_000 };

/** Where a retrying link stands: plain data, for status. */
export interface Backoff {
  /** Failures since the last success. */
  readonly failures: number;
  /** The last failure's reason (kept after a success, for status), or null. */
  readonly lastError: string | null;
}

/** Before the first attempt. */
export const BACKOFF_START: Backoff = { failures: 0, lastError: null };

/** What a failure leads to. */
export interface BackoffStep {
  /** The state after the failure. */
  readonly backoff: Backoff;
  /** Wait this long before the next attempt, ms. */
  readonly delayMs: number;
  /** When the next attempt is due on the caller's clock: `now + delayMs`. */
  readonly retryAt: number;
  /**
   * True when this failure changes what is wrong (the first since a success, or a new reason):
   * log it. False for the same failure again.
   */
  readonly changed: boolean;
}

/**
 * The policy from optional start arguments, {@linkcode RECONNECT_BACKOFF} for what is absent.
 * @throws {RangeError} when `retryMinMs` is not above 0 or `retryMaxMs` is below it
 */
export function backoffPolicy(
  args: { readonly retryMinMs?: number; readonly retryMaxMs?: number },
): BackoffPolicy {
  const minMs = args.retryMinMs ?? RECONNECT_BACKOFF.minMs;
  const maxMs = args.retryMaxMs ?? Math.max(minMs, RECONNECT_BACKOFF.maxMs);
  if (!(minMs > 0)) throw new RangeError(`Invalid retry delay: "${minMs}" ms (must be above 0)`);
  if (!(maxMs >= minMs)) {
    throw new RangeError(`Invalid longest retry delay: "${maxMs}" ms (below the first, ${minMs})`);
  }
  return { minMs, maxMs };
}

/**
 * The delay after failure number `failures` (1 for the first): `minMs` doubled per failure
 * after the first, capped at `maxMs`.
 *
 * @example
 * ```ts
 * import { backoffDelayMs } from "./backoff.ts";
 *
 * [1, 2, 3, 6, 7].map((n) => backoffDelayMs(n, { minMs: 1000, maxMs: 30_000 }));
 * // [1000, 2000, 4000, 30000, 30000]
 * ```
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  const doublings = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(policy.maxMs, policy.minMs * 2 ** doublings);
}

/** An attempt failed (open refused, or an open link lost) at `now` for `reason`. */
export function backoffFailed(
  backoff: Backoff,
  reason: string,
  now: number,
  policy: BackoffPolicy,
): BackoffStep {
  const failures = backoff.failures + 1;
  const delayMs = backoffDelayMs(failures, policy);
  return {
    backoff: { failures, lastError: reason },
    delayMs,
    retryAt: now + delayMs,
    changed: backoff.failures === 0 || reason !== backoff.lastError,
  };
}

/**
 * An attempt succeeded: the next failure waits `minMs` again. `recovered` is true when it ends
 * a run of failures (log "working again" then). Returns the same state when nothing failed.
 */
export function backoffSucceeded(backoff: Backoff): { backoff: Backoff; recovered: boolean } {
  if (backoff.failures === 0) return { backoff, recovered: false };
  return { backoff: { ...backoff, failures: 0 }, recovered: true };
}
