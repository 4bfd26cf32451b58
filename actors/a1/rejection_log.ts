/**
 * Rate limit for the warnings about rejected telegrams, as a pure reducer: per reason code,
 * the first rejection is logged at once; further ones within the window are only counted, and
 * a summary per window says how many there were and the last reason. A broken cable (a CRC
 * error every second) thus writes about one line a minute, not 60.
 *
 * @module
 */

/** What is known about one reason code in the current window. */
export interface RejectionWindow {
  /** Monotonic ms when the window began. */
  readonly since: number;
  /** Rejections counted but not logged yet. */
  readonly suppressed: number;
  /** The last reason counted. */
  readonly lastReason: string;
}

/** The limiter state: one window per reason code. */
export type RejectionLog = ReadonlyMap<string, RejectionWindow>;

/** A summary line to write. */
export interface RejectionSummary {
  readonly code: string;
  readonly count: number;
  readonly lastReason: string;
  /** Length of the window summarized, ms. */
  readonly windowMs: number;
}

/** The empty limiter. */
export const NO_REJECTIONS: RejectionLog = new Map();

/**
 * Notes a rejection. `logNow` is true for the first of its code in a window (write it);
 * otherwise it is counted for the next summary.
 */
export function noteRejection(
  log: RejectionLog,
  code: string,
  reason: string,
  now: number,
  windowMs: number,
): { readonly log: RejectionLog; readonly logNow: boolean } {
  const current = log.get(code);
  const next = new Map(log);
  if (current === undefined || now - current.since >= windowMs && current.suppressed === 0) {
    next.set(code, { since: now, suppressed: 0, lastReason: reason });
    return { log: next, logNow: true };
  }
  next.set(code, { ...current, suppressed: current.suppressed + 1, lastReason: reason });
  return { log: next, logNow: false };
}

/**
 * The periodic tick: returns a summary for every code with counted rejections whose window has
 * run its length (and starts a new window for it), and forgets quiet codes.
 */
export function summarizeRejections(
  log: RejectionLog,
  now: number,
  windowMs: number,
): { readonly log: RejectionLog; readonly summaries: RejectionSummary[] } {
  const next = new Map<string, RejectionWindow>();
  const summaries: RejectionSummary[] = [];
  for (const [code, window] of log) {
    const ended = now - window.since >= windowMs;
    if (!ended) {
      next.set(code, window);
    } else if (window.suppressed > 0) {
      summaries.push({
        code,
        count: window.suppressed,
        lastReason: window.lastReason,
        windowMs: now - window.since,
      });
      next.set(code, { since: now, suppressed: 0, lastReason: window.lastReason });
    }
  }
  return { log: next, summaries };
}

/** Monotonic ms when the next summary tick is due (the earliest window end), or null. */
export function nextSummaryDue(log: RejectionLog, windowMs: number): number | null {
  let due: number | null = null;
  for (const window of log.values()) {
    const end = window.since + windowMs;
    if (due === null || end < due) due = end;
  }
  return due;
}
