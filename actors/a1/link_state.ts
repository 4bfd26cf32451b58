/**
 * The state of the A1 source link, as a pure reducer: opening, open, waiting to retry after a
 * failure (the shared back-off of `runtime/backoff.ts`, doubling from `minMs` to `maxMs`), or
 * finished (a file replayed once). Each transition says what to log; a retry that fails the same
 * way as the last one logs nothing, so a missing adapter writes one line, not one per attempt.
 *
 * @module
 */
import {
  type Backoff,
  backoffFailed,
  type BackoffPolicy,
  backoffSucceeded,
} from "../runtime/backoff.ts";

/** Where the link is. */
export type A1LinkPhase = "opening" | "open" | "waiting" | "finished";

/**
 * The link state kept by the A1Reader (plain data, for `status`). Its back-off part:
 * `failures` counts failed opens and losses since the source last delivered bytes; `lastError`
 * is the last open failure or loss, or null.
 */
export interface A1Link extends Backoff {
  readonly phase: A1LinkPhase;
  /** Monotonic ms of the last transition. */
  readonly since: number;
  /** Monotonic ms of the next attempt (phase `waiting`), else null. */
  readonly retryAt: number | null;
  /** Successful opens since the start. */
  readonly opens: number;
  /** Times an open source was lost. */
  readonly losses: number;
  /** True once the open source delivered bytes (then the back-off starts over). */
  readonly healthy: boolean;
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
  if (link.healthy && link.failures === 0) return link;
  return { ...link, ...backoffSucceeded(link).backoff, healthy: true };
}

/** The link after a failure at `now`: waiting to try again, and how long. */
function waiting(
  link: A1Link,
  now: number,
  reason: string,
  policy: BackoffPolicy,
): { link: A1Link; delayMs: number; changed: boolean } {
  const step = backoffFailed(link, reason, now, policy);
  return {
    link: {
      ...link,
      ...step.backoff,
      phase: "waiting",
      since: now,
      retryAt: step.retryAt,
      healthy: false,
    },
    delayMs: step.delayMs,
    changed: step.changed,
  };
}

/** Opening failed: wait and try again; log only a new reason. */
export function linkOpenFailed(
  link: A1Link,
  now: number,
  label: string,
  reason: string,
  policy: BackoffPolicy,
): LinkStep {
  const next = waiting(link, now, reason, policy);
  const log: LinkLog | null = !next.changed ? null : {
    level: "error",
    template: "A1 input: {reason}; trying {source} again with back-off ({min}…{max} s)",
    props: { reason, source: label, min: policy.minMs / 1000, max: policy.maxMs / 1000 },
  };
  return { link: next.link, log, retryInMs: next.delayMs };
}

/** The open source was lost (device gone, peer closed): wait and open it again. */
export function linkLost(
  link: A1Link,
  now: number,
  reason: string,
  policy: BackoffPolicy,
): LinkStep {
  const next = waiting(link, now, reason, policy);
  return {
    link: { ...next.link, losses: link.losses + 1 },
    log: {
      level: "warning",
      template: "A1 input lost: {reason}; opening it again in {seconds} s",
      props: { reason, seconds: next.delayMs / 1000 },
    },
    retryInMs: next.delayMs,
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
