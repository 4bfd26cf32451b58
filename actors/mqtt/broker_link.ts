/**
 * The state of the MQTT broker connection, as a pure reducer: waiting for the meter's serial
 * (the default client id and topics need it), connecting, connected, or waiting to retry after
 * a failure. Retries use a1mb's back-off ({@linkcode backoffMs}: 1 s doubling to 30 s); the
 * back-off starts over only after a connection that lasted `stableMs`, so a broker that accepts
 * and then drops at once (two clients with one client id) is not hammered. A failure that repeats
 * the last reason logs nothing, so a refusing broker writes one line, not one per attempt.
 *
 * @module
 */
import { type Backoff, backoffMs, type LinkLog } from "../a1/link_state.ts";

/** Where the connection is. */
export type BrokerPhase = "waiting-for-serial" | "connecting" | "connected" | "waiting";

/** The connection state kept by the MqttPublisher (plain data, for `status`). */
export interface BrokerLink {
  readonly phase: BrokerPhase;
  /** Monotonic ms of the last transition. */
  readonly since: number;
  /** Number of the current (or last) connection attempt; events of older ones are ignored. */
  readonly attempt: number;
  /** Failed attempts and short-lived connections since the last stable one (the back-off). */
  readonly failures: number;
  /** Why the last attempt failed or the last connection ended, or null. */
  readonly lastError: string | null;
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
 * logged; a failed attempt only when its reason is new.
 */
export function brokerDisconnected(
  link: BrokerLink,
  now: number,
  label: string,
  reason: string,
  backoff: Backoff,
  stableMs: number,
): BrokerStep {
  const wasConnected = link.phase === "connected";
  const failures = (wasConnected && now - link.since >= stableMs ? 0 : link.failures) + 1;
  const delay = backoffMs(failures, backoff);
  const log: LinkLog | null = wasConnected
    ? {
      level: "warning",
      template: "MQTT: connection to {broker} lost: {reason}; connecting again in {seconds} s",
      props: { broker: label, reason, seconds: delay / 1000 },
    }
    : reason === link.lastError
    ? null
    : {
      level: "error",
      template: "MQTT: cannot connect to {broker}: {reason}; trying again with back-off " +
        "({min}…{max} s)",
      props: { broker: label, reason, min: backoff.minMs / 1000, max: backoff.maxMs / 1000 },
    };
  return {
    link: {
      ...link,
      phase: "waiting",
      since: now,
      failures,
      lastError: reason,
      retryAt: now + delay,
    },
    log,
    retryInMs: delay,
  };
}
