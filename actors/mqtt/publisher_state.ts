/**
 * The MqttPublisher's start arguments, state, counters and status snapshot (what `a1mb status`,
 * `/status` and `/metrics` show of the MQTT connection).
 *
 * @module
 */
import type { MqttConfig } from "../../config/mod.ts";
import type { MqttConnection, MqttConnector } from "../../drivers/mqtt/mqtt_connection.ts";
import type { BackoffPolicy } from "../runtime/backoff.ts";
import type { BrokerLink } from "./broker_link.ts";
import type { PublishQueue } from "./publish_queue.ts";
import type { BrokerNames } from "./topics.ts";

/** Start arguments of the MqttPublisher. */
export interface MqttPublisherArgs {
  /** `[mqtt]`, with a non-empty `url`. */
  readonly config: MqttConfig;
  /** Opens a connection (the MQTT.js driver in a1mb; the fleet bench uses the same). */
  readonly connect: MqttConnector;
  /** The build's variant id and the model it emulates, and a1mb's version (discovery). */
  readonly variantId: string;
  readonly variantModel: string;
  readonly swVersion: string;
  /** `a1.stale_after_s` in ms: Home Assistant's `expire_after`, and the oldest state sent late. */
  readonly staleAfterMs: number;
  /** Names of the Modbus slaves whose request counts go into the diagnostics. */
  readonly modbus: readonly string[];
  /** First delay before connecting again after a failure, ms. @default 1000 */
  readonly retryMinMs?: number;
  /** Longest delay before connecting again, ms. @default 30000 */
  readonly retryMaxMs?: number;
  /** Interval of the diagnostics message, ms. @default 10000 */
  readonly diagnosticsIntervalMs?: number;
  /** How long to wait for the broker's CONNACK, ms. @default 10000 */
  readonly connectTimeoutMs?: number;
}

/** What the publisher counts (since it started). */
export interface MqttCounters {
  /** State messages the broker acknowledged (QoS 1, 2) or that were written (QoS 0). */
  readonly published: number;
  /** State messages never sent: replaced by a newer one while waiting, or too old at reconnect. */
  readonly dropped: number;
  /** Connection attempts. */
  readonly connectAttempts: number;
  /** Connections after the first. */
  readonly reconnects: number;
  /** Discovery announcements sent. */
  readonly announcements: number;
  /** Publishes that failed (the connection dropped under them). */
  readonly publishErrors: number;
}

/** State of the MqttPublisher. */
export interface MqttPublisherState {
  readonly args: MqttPublisherArgs;
  /** The back-off bounds (`retryMinMs`, `retryMaxMs`). */
  readonly policy: BackoffPolicy;
  readonly diagnosticsIntervalMs: number;
  readonly hostname: string;
  readonly port: number;
  readonly tls: boolean;
  readonly serial: string | null;
  readonly names: BrokerNames | null;
  readonly link: BrokerLink;
  readonly connection: MqttConnection | null;
  readonly queue: PublishQueue;
  /** State fields seen so far (the sensors to announce). */
  readonly stateKeys: ReadonlySet<string>;
  readonly lastReceivedAt: number | null;
  /** Status snapshots gathered for the diagnostics, by actor name. */
  readonly answers: ReadonlyMap<string, unknown>;
  /** Actors asked and not answered yet in this diagnostics round. */
  readonly awaiting: ReadonlySet<string>;
  readonly counters: MqttCounters;
}

/** What `a1mb status` and `/metrics` show of the MQTT connection. */
export interface MqttStatus {
  readonly broker: string;
  readonly state: BrokerLink["phase"];
  readonly connected: boolean;
  readonly client_id: string | null;
  readonly topic_prefix: string | null;
  /** Seconds in the current state. */
  readonly since_s: number;
  /** Seconds until the next attempt (state `waiting`), or null. */
  readonly retry_in_s: number | null;
  readonly last_error: string | null;
  readonly published: number;
  readonly dropped: number;
  readonly reconnects: number;
  readonly connect_attempts: number;
  readonly announcements: number;
  readonly publish_errors: number;
}

/** Counters at start. */
export const NO_COUNTS: MqttCounters = {
  published: 0,
  dropped: 0,
  connectAttempts: 0,
  reconnects: 0,
  announcements: 0,
  publishErrors: 0,
};

/** The status snapshot. */
export function mqttStatus(state: MqttPublisherState, now: number): MqttStatus {
  const c = state.counters;
  return {
    broker: state.args.config.url,
    state: state.link.phase,
    connected: state.link.phase === "connected",
    client_id: state.names?.clientId ?? null,
    topic_prefix: state.names?.topicPrefix ?? null,
    since_s: Math.round((now - state.link.since) / 100) / 10,
    retry_in_s: state.link.retryAt === null
      ? null
      : Math.max(0, Math.round((state.link.retryAt - now) / 100) / 10),
    last_error: state.link.lastError,
    published: c.published,
    dropped: c.dropped,
    reconnects: c.reconnects,
    connect_attempts: c.connectAttempts,
    announcements: c.announcements,
    publish_errors: c.publishErrors,
  };
}

/** `mqtt://host:1883 as a1mb-XYZ`, for the log. */
export function brokerLabel(state: MqttPublisherState): string {
  return `${state.args.config.url} as ${state.names?.clientId ?? "?"}`;
}
