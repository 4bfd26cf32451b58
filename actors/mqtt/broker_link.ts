/**
 * The state of the MQTT broker connection, as a pure reducer: waiting for the meter's serial
 * (the default client id and topics need it), connecting, connected, or waiting to retry after
 * a failure. Retries use a1mb's one back-off (`runtime/backoff.ts`: 1 s doubling to 30 s by
 * default). What counts as a success for it is MQTT's own rule: the broker accepting a
 * connection (CONNACK) is not enough, because a broker can accept and drop at once, over and
 * over (two clients with one client id throw each other off; an ACL or a plugin that disconnects
 * after the CONNACK); only a connection that lasted `stableMs` starts the back-off over, so such
 * a broker is retried at 1, 2, 4 … 30 s and not once a second for ever. A failure that repeats
 * the last reason logs nothing, so a refusing broker writes one line, not one per attempt.
 *
 * @module
 */
import type { LinkLog } from "../a1/link_state.ts";
import {
  type Backoff,
  backoffFailed,
  type BackoffPolicy,
  backoffSucceeded,
} from "../runtime/backoff.ts";

/** Where the connection is. */
export type BrokerPhase = "waiting-for-serial" | "connecting" | "connected" | "waiting";

/**
 * The connection state kept by the MqttPublisher (plain data, for `status`). Its back-off part:
 * `failures` counts failed attempts and short-lived connections since the last one that lasted
 * `stableMs`; `lastError` says why the last attempt failed or the last connection ended.
 */
export interface BrokerLink extends Backoff {
  readonly phase: BrokerPhase;
  /** Monotonic ms of the last transition. */
  readonly since: number;
  /** Number of the current (or last) connection attempt; events of older ones are ignored. */
  readonly attempt: number;
  /** Monotonic ms of the next attempt (phase `waiting`), else null. */
  readonly retryAt: number | null;
  /** Connections the broker accepted. */
  readonly connects: number;
}

/** What a transition produced. */
export interface BrokerStep {
  readonly link: BrokerLink;
  readonly log: LinkLog | null;
  /** Arm the reconnect timer for this many ms, or null. */
  readonly retryInMs: number | null;
}

/** The link before the first attempt. */
export function initialBrokerLink(now: number): BrokerLink {
  return {
    phase: "waiting-for-serial",
    since: now,
    attempt: 0,
    failures: 0,
    lastError: null,
    retryAt: null,
    connects: 0,
  };
}

/** A new connection attempt starts. */
export function brokerConnecting(link: BrokerLink, now: number): BrokerLink {
  return { ...link, phase: "connecting", since: now, attempt: link.attempt + 1, retryAt: null };
}

/** The broker accepted the connection. */
export function brokerConnected(link: BrokerLink, now: number, label: string): BrokerStep {
  const again = link.connects > 0 || link.lastError !== null;
  return {
    link: { ...link, phase: "connected", since: now, connects: link.connects + 1 },
    log: {
      level: "info",
      template: again ? "MQTT: connected again to {broker}" : "MQTT: connected to {broker}",
      props: { broker: label },
    },
    retryInMs: null,
  };
}

/**
 * The attempt failed, or the connection ended: wait and try again. A lost connection is always
 * logged; a failed attempt only when its reason is new. A connection that lasted `stableMs` was
 * a success for the back-off, so the wait after it starts over at `policy.minMs`.
 */
export function brokerDisconnected(
  link: BrokerLink,
  now: number,
  label: string,
  reason: string,
  policy: BackoffPolicy,
  stableMs: number,
): BrokerStep {
  const wasConnected = link.phase === "connected";
  const lasted = wasConnected && now - link.since >= stableMs;
  const step = backoffFailed(lasted ? backoffSucceeded(link).backoff : link, reason, now, policy);
  const log: LinkLog | null = wasConnected
    ? {
      level: "warning",
      template: "MQTT: connection to {broker} lost: {reason}; connecting again in {seconds} s",
      props: { broker: label, reason, seconds: step.delayMs / 1000 },
    }
    : !step.changed
    ? null
    : {
      level: "error",
      template: "MQTT: cannot connect to {broker}: {reason}; trying again with back-off " +
        "({min}…{max} s)",
      props: { broker: label, reason, min: policy.minMs / 1000, max: policy.maxMs / 1000 },
    };
  return {
    link: { ...link, ...step.backoff, phase: "waiting", since: now, retryAt: step.retryAt },
    log,
    retryInMs: step.delayMs,
  };
}
