/**
 * Rate limiting of the 485 LED events: the RTU slave notes every valid request and every bad
 * frame, and reports them to the LedController aggregated, at most once per
 * {@linkcode ACTIVITY_INTERVAL_MS} (leading edge at once, the rest at the end of the interval).
 * Pure: time is passed in; the owner holds the flush timer.
 *
 * @module
 */

/** Shortest time between two `rs485Activity` reports, in ms (at most 4 per second). */
export const ACTIVITY_INTERVAL_MS = 250;

/** Activity noted but not reported yet. */
export interface ActivityState {
  valid: number;
  invalid: number;
  /** When the last report went out (monotonic ms). */
  lastReportMs: number;
  /** Whether a flush timer is armed. */
  flushArmed: boolean;
}

/** Counts to report. */
export interface ActivityReport {
  readonly valid: number;
  readonly invalid: number;
}

/** What the owner does after {@linkcode noteActivity}. */
export type ActivityDecision =
  /** Send this report now. */
  | { readonly kind: "report"; readonly report: ActivityReport }
  /** Arm a flush timer for `delayMs`, then call {@linkcode flushActivity}. */
  | { readonly kind: "arm"; readonly delayMs: number }
  /** Nothing to do: a flush is armed already. */
  | { readonly kind: "wait" };

const WAIT: ActivityDecision = { kind: "wait" };

/** Nothing noted, nothing reported yet. */
export function createActivity(): ActivityState {
  return { valid: 0, invalid: 0, lastReportMs: Number.NEGATIVE_INFINITY, flushArmed: false };
}

function take(state: ActivityState, nowMs: number): ActivityReport {
  const report = { valid: state.valid, invalid: state.invalid };
  state.valid = 0;
  state.invalid = 0;
  state.lastReportMs = nowMs;
  return report;
}

/** Notes `valid` requests and `invalid` frames seen at `nowMs`. */
export function noteActivity(
  state: ActivityState,
  valid: number,
  invalid: number,
  nowMs: number,
): ActivityDecision {
  state.valid += valid;
  state.invalid += invalid;
  if (state.flushArmed || state.valid + state.invalid === 0) return WAIT;
  const since = nowMs - state.lastReportMs;
  if (since >= ACTIVITY_INTERVAL_MS) return { kind: "report", report: take(state, nowMs) };
  state.flushArmed = true;
  return { kind: "arm", delayMs: ACTIVITY_INTERVAL_MS - since };
}

/** The flush timer fired: the report of what accumulated, or null if nothing did. */
export function flushActivity(state: ActivityState, nowMs: number): ActivityReport | null {
  state.flushArmed = false;
  if (state.valid + state.invalid === 0) return null;
  return take(state, nowMs);
}
