/**
 * The state of the A1 source link, as a pure reducer: opening, open, waiting to retry after a
 * failure (back-off doubling from `minMs` to `maxMs`), or finished (a file replayed once). Each
 * transition says what to log; a retry that fails the same way as the last one logs nothing,
 * so a missing adapter writes one line, not one per attempt.
 *
 * @module
 */

/** Where the link is. */
export type A1LinkPhase = "opening" | "open" | "waiting" | "finished";

/** The link state kept by the A1Reader (plain data, for `status`). */
export interface A1Link {
  readonly phase: A1LinkPhase;
  /** Monotonic ms of the last transition. */
  readonly since: number;
  /** Failed opens and losses since the source last delivered bytes. */
  readonly failures: number;
  /** The last open failure or loss, or null. */
  readonly lastError: string | null;
  /** Monotonic ms of the next attempt (phase `waiting`), else null. */
  readonly retryAt: number | null;
  /** Successful opens since the start. */
  readonly opens: number;
  /** Times an open source was lost. */
  readonly losses: number;
  /** True once the open source delivered bytes (then the back-off starts over). */
  readonly healthy: boolean;
}

/** Back-off bounds, in ms. */
export interface Backoff {
  readonly minMs: number;
  readonly maxMs: number;
}

/** A log line a transition asks for (a LogTape template and its properties). */
export interface LinkLog {
  readonly level: "info" | "warning" | "error";
  readonly template: string;
  readonly props: Readonly<Record<string, string | number>>;
}

/** What a transition produced. */
export interface LinkStep {
  readonly link: A1Link;
  readonly log: LinkLog | null;
  /** Arm the reconnect timer for this many ms, or null. */
  readonly retryInMs: number | null;
}

/** The link before the first attempt. */
export function initialLink(now: number): A1Link {
  return {
    phase: "opening",
    since: now,
    failures: 0,
    lastError: null,
    retryAt: null,
    opens: 0,
    losses: 0,
    healthy: false,
  };
}

/** The delay before attempt number `failures + 1`: `minMs`, doubling, capped at `maxMs`. */
export function backoffMs(failures: number, backoff: Backoff): number {
  const doubled = backoff.minMs * 2 ** Math.max(0, Math.min(failures - 1, 30));
  return Math.min(backoff.maxMs, doubled);
}

/** The source opened. */
export function linkOpened(link: A1Link, now: number, label: string): LinkStep {
  const again = link.opens > 0 || link.failures > 0;
  return {
    link: {
      ...link,
      phase: "open",
      since: now,
      retryAt: null,
      opens: link.opens + 1,
      healthy: false,
    },
    log: {
      level: "info",
      template: again ? "A1 input open again: {source}" : "A1 input open: {source}",
      props: { source: label },
    },
    retryInMs: null,
  };
}

/** Bytes arrived: the source works, so the next failure starts the back-off over. */
export function linkHealthy(link: A1Link): A1Link {
  return link.healthy && link.failures === 0 ? link : { ...link, healthy: true, failures: 0 };
}

/** The link after a failure: waiting `delay` ms to try again. */
function waiting(link: A1Link, now: number, reason: string, delay: number): A1Link {
  return {
    ...link,
    phase: "waiting",
    since: now,
    failures: link.failures + 1,
    lastError: reason,
    retryAt: now + delay,
    healthy: false,
  };
}

/** Opening failed: wait and try again; log only a new reason. */
export function linkOpenFailed(
  link: A1Link,
  now: number,
  label: string,
  reason: string,
  backoff: Backoff,
): LinkStep {
  const delay = backoffMs(link.failures + 1, backoff);
  const log: LinkLog | null = reason === link.lastError ? null : {
    level: "error",
    template: "A1 input: {reason}; trying {source} again with back-off ({min}…{max} s)",
    props: { reason, source: label, min: backoff.minMs / 1000, max: backoff.maxMs / 1000 },
  };
  return { link: waiting(link, now, reason, delay), log, retryInMs: delay };
}

/** The open source was lost (device gone, peer closed): wait and open it again. */
export function linkLost(link: A1Link, now: number, reason: string, backoff: Backoff): LinkStep {
  const delay = backoffMs(link.failures + 1, backoff);
  return {
    link: { ...waiting(link, now, reason, delay), losses: link.losses + 1 },
    log: {
      level: "warning",
      template: "A1 input lost: {reason}; opening it again in {seconds} s",
      props: { reason, seconds: delay / 1000 },
    },
    retryInMs: delay,
  };
}

/** The reconnect timer fired: a new attempt starts (nothing to log). */
export function linkRetrying(link: A1Link, now: number): A1Link {
  return { ...link, phase: "opening", since: now, retryAt: null };
}

/** The input ended for good (a file replayed once, `loop = false`). */
export function linkFinished(link: A1Link, now: number, label: string): LinkStep {
  return {
    link: { ...link, phase: "finished", since: now, retryAt: null },
    log: {
      level: "info",
      template: "A1 input finished: {source} ended (no loop); no more telegrams",
      props: { source: label },
    },
    retryInMs: null,
  };
}
