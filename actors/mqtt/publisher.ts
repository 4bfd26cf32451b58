/**
 * The MqttPublisher actor (`[mqtt]`): owns one connection to an MQTT broker and publishes, on
 * every `readingPublished` from the A1 side, one JSON state message; keeps `online` retained on
 * the availability topic with `offline` as its last will (and publishes `offline` itself on a
 * clean stop); announces the sensors to Home Assistant at every connect and whenever Home
 * Assistant says it is back (`<discovery_prefix>/status` = `online`); and publishes diagnostics
 * every few seconds. It is a sink: a broker that is down, slow or refusing is retried with
 * a1mb's back-off, at most the newest state waits ({@linkcode offer}), and nothing here is on
 * the Modbus path.
 *
 * @module
 */
import type { MqttConfig } from "../../config/mod.ts";
import { parseMqttUrl } from "../../config/mqtt_url.ts";
import type { MqttConnection, MqttConnector } from "../../drivers/mqtt/mqtt_connection.ts";
import type { Backoff } from "../a1/link_state.ts";
import { type MqttMsg, TELEGRAM_VALIDATOR } from "../messages.ts";
import type { ActorBehavior, ActorContext } from "../runtime/actor.ts";
import { type ActorRef, type StatusRequested, unreachable } from "../runtime/message.ts";
import {
  brokerConnected,
  brokerConnecting,
  brokerDisconnected,
  type BrokerLink,
  initialBrokerLink,
} from "./broker_link.ts";
import { diagnosticsMessage } from "./diagnostics.ts";
import { discoveryMessages } from "./discovery.ts";
import {
  EMPTY_QUEUE,
  offer,
  type Outgoing,
  type PublishChannel,
  type PublishQueue,
  resume,
  settle,
  suspend,
} from "./publish_queue.ts";
import { stateMessage } from "./state_message.ts";
import { type BrokerNames, brokerNames, meterSerial, siteTopics } from "./topics.ts";

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
  /** Retry back-off. @default { minMs: 1000, maxMs: 30000 } */
  readonly backoff?: Backoff;
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
  readonly backoff: Backoff;
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

const NO_COUNTS: MqttCounters = {
  published: 0,
  dropped: 0,
  connectAttempts: 0,
  reconnects: 0,
  announcements: 0,
  publishErrors: 0,
};

/** A connection that lasted this long starts the back-off over, ms. */
const STABLE_MS = 30_000;
/** How long a clean stop waits for `offline` to be acknowledged, ms. */
const GOODBYE_MS = 800;

/** The MqttPublisher behaviour. */
export const mqttPublisher: ActorBehavior<MqttMsg, MqttPublisherState, MqttPublisherArgs> = {
  preStart(ctx, args) {
    const url = parseMqttUrl(args.config.url);
    if (!url.ok) throw new TypeError(`Invalid mqtt.url "${args.config.url}": ${url.reason}`);
    const diagnosticsIntervalMs = args.diagnosticsIntervalMs ?? 10_000;
    let state: MqttPublisherState = {
      args,
      backoff: args.backoff ?? { minMs: 1000, maxMs: 30_000 },
      diagnosticsIntervalMs,
      hostname: url.hostname,
      port: url.port,
      tls: url.tls,
      serial: null,
      names: brokerNames(args.config, null),
      link: initialBrokerLink(ctx.clock.now()),
      connection: null,
      queue: EMPTY_QUEUE,
      stateKeys: new Set(),
      lastReceivedAt: null,
      answers: new Map(),
      awaiting: new Set(),
      counters: NO_COUNTS,
    };
    if (state.names !== null) state = startAttempt(state, ctx);
    else ctx.log.info("MQTT: waiting for the first telegram to name the meter (client id, topics)");
    ctx.sendAfter({ type: "diagnosticsDue" }, diagnosticsIntervalMs);
    return state;
  },

  status: (state, now) => mqttStatus(state, now),

  handle(state, msg, ctx) {
    switch (msg.type) {
      case "readingPublished": {
        let s: MqttPublisherState = { ...state, lastReceivedAt: msg.receivedAt };
        if (s.serial === null) {
          const serial = meterSerial(msg.measurements, msg.reading.header);
          s = { ...s, serial, names: s.names ?? brokerNames(s.args.config, serial) };
          if (s.link.phase === "waiting-for-serial") s = startAttempt(s, ctx);
        }
        const values = stateMessage(msg.measurements, msg.reading);
        const keys = Object.keys(values);
        if (keys.some((k) => !s.stateKeys.has(k))) {
          s = announce({ ...s, stateKeys: new Set([...s.stateKeys, ...keys]) }, ctx);
        }
        return offerOn(s, "state", [{
          topic: siteTopics(s.names!.topicPrefix).state,
          payload: JSON.stringify(values),
          retain: false,
        }], ctx);
      }
      case "brokerConnected": {
        if (msg.attempt !== state.link.attempt) return state;
        const step = brokerConnected(state.link, ctx.clock.now(), brokerLabel(state));
        ctx.log[step.log!.level](step.log!.template, step.log!.props);
        let s: MqttPublisherState = {
          ...state,
          link: step.link,
          counters: {
            ...state.counters,
            reconnects: state.counters.reconnects + (state.link.connects > 0 ? 1 : 0),
          },
        };
        s = offerOn(s, "availability", [{
          topic: siteTopics(s.names!.topicPrefix).availability,
          payload: "online",
          retain: true,
        }], ctx);
        if (s.args.config.discovery) {
          const topic = `${s.args.config.discovery_prefix}/status`;
          s.connection?.subscribe(topic, s.args.config.qos, (error) => {
            if (error !== null) {
              ctx.log.warn("MQTT: cannot subscribe to {topic}: {error}", { topic, error });
            }
          });
        }
        s = announce(s, ctx);
        const resumed = resume(s.queue, ctx.clock.now(), s.args.staleAfterMs);
        s = {
          ...s,
          queue: resumed.queue,
          counters: { ...s.counters, dropped: s.counters.dropped + resumed.dropped },
        };
        for (const { channel, messages } of resumed.send) publishAll(s, channel, messages, ctx);
        return askDiagnostics(s, ctx);
      }
      case "brokerDisconnected": {
        if (msg.attempt !== state.link.attempt) return state;
        const step = brokerDisconnected(
          state.link,
          ctx.clock.now(),
          brokerLabel(state),
          msg.reason,
          state.backoff,
          STABLE_MS,
        );
        if (step.log !== null) ctx.log[step.log.level](step.log.template, step.log.props);
        void state.connection?.close();
        ctx.sendAfter({ type: "reconnectDue" }, step.retryInMs ?? state.backoff.minMs);
        return { ...state, link: step.link, connection: null, queue: suspend(state.queue) };
      }
      case "reconnectDue":
        return state.link.phase === "waiting" ? startAttempt(state, ctx) : state;
      case "publishSettled": {
        if (msg.attempt !== state.link.attempt) return state;
        const ok = msg.error === null;
        const counters = {
          ...state.counters,
          published: state.counters.published + (ok && msg.channel === "state" ? 1 : 0),
          publishErrors: state.counters.publishErrors + (ok ? 0 : 1),
        };
        if (!ok) ctx.log.debug("MQTT: {channel} publish failed: {error}", { ...msg });
        const step = settle(state.queue, msg.channel, state.link.phase === "connected");
        const s = { ...state, queue: step.queue, counters };
        publishAll(s, msg.channel, step.send, ctx);
        return s;
      }
      case "homeAssistantStatus":
        if (msg.attempt !== state.link.attempt || msg.payload !== "online") return state;
        ctx.log.info("MQTT: Home Assistant is online again: announcing the sensors");
        return announce(state, ctx);
      case "diagnosticsDue": {
        ctx.sendAfter({ type: "diagnosticsDue" }, state.diagnosticsIntervalMs);
        // A round not complete by now goes out with the answers it has.
        const s = state.awaiting.size > 0 ? publishDiagnostics(state, ctx) : state;
        return askDiagnostics(s, ctx);
      }
      case "@sys.statusReported": {
        const answers = new Map(state.answers).set(msg.actor, msg.status);
        const awaiting = new Set(state.awaiting);
        const waited = awaiting.delete(msg.actor);
        const s = { ...state, answers, awaiting };
        return waited && awaiting.size === 0 ? publishDiagnostics(s, ctx) : s;
      }
      default:
        return unreachable(msg);
    }
  },

  async postStop(state) {
    const connection = state.connection;
    if (connection === null) return;
    if (state.link.phase !== "connected" || state.names === null) return await connection.close();
    await connection.close({
      topic: siteTopics(state.names.topicPrefix).availability,
      payload: "offline",
      qos: state.args.config.qos,
      retain: true,
    }, GOODBYE_MS);
  },
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
function brokerLabel(state: MqttPublisherState): string {
  return `${state.args.config.url} as ${state.names?.clientId ?? "?"}`;
}

/** Opens a new connection attempt; its events come back as messages tagged with its number. */
function startAttempt(state: MqttPublisherState, ctx: ActorContext<MqttMsg>): MqttPublisherState {
  const names = state.names!;
  const link = brokerConnecting(state.link, ctx.clock.now());
  const attempt = link.attempt;
  const cfg = state.args.config;
  const haStatus = `${cfg.discovery_prefix}/status`;
  const connection = state.args.connect({
    hostname: state.hostname,
    port: state.port,
    tls: state.tls,
    caFile: cfg.ca_file === "" ? null : cfg.ca_file,
    clientId: names.clientId,
    username: cfg.username === "" ? null : cfg.username,
    password: cfg.password === "" ? null : cfg.password,
    passwordFile: cfg.password_file === "" ? null : cfg.password_file,
    keepaliveS: cfg.keepalive_s,
    will: {
      topic: siteTopics(names.topicPrefix).availability,
      payload: "offline",
      qos: cfg.qos,
      retain: true,
    },
    connectTimeoutMs: state.args.connectTimeoutMs ?? 10_000,
  }, {
    connected: () => ctx.send(ctx.self, { type: "brokerConnected", attempt }),
    disconnected: (reason) => ctx.send(ctx.self, { type: "brokerDisconnected", attempt, reason }),
    message: (topic, payload) => {
      if (topic === haStatus) ctx.send(ctx.self, { type: "homeAssistantStatus", attempt, payload });
    },
  });
  return {
    ...state,
    link,
    connection,
    counters: { ...state.counters, connectAttempts: state.counters.connectAttempts + 1 },
  };
}

/** Publishes each message; each one's outcome comes back as `publishSettled`. */
function publishAll(
  state: MqttPublisherState,
  channel: PublishChannel,
  messages: readonly Outgoing[],
  ctx: ActorContext<MqttMsg>,
): void {
  const connection = state.connection;
  if (connection === null) return;
  const attempt = state.link.attempt;
  for (const m of messages) {
    connection.publish(
      { ...m, qos: state.args.config.qos },
      (error) => ctx.send(ctx.self, { type: "publishSettled", attempt, channel, error }),
    );
  }
}

/** Offers a batch on `channel` (see {@linkcode offer}) and sends what may go now. */
function offerOn(
  state: MqttPublisherState,
  channel: PublishChannel,
  messages: readonly Outgoing[],
  ctx: ActorContext<MqttMsg>,
): MqttPublisherState {
  const step = offer(
    state.queue,
    channel,
    messages,
    ctx.clock.now(),
    state.link.phase === "connected",
  );
  const s = {
    ...state,
    queue: step.queue,
    counters: channel === "state"
      ? { ...state.counters, dropped: state.counters.dropped + step.dropped }
      : state.counters,
  };
  publishAll(s, channel, step.send, ctx);
  return s;
}

/** Announces every sensor known so far, when connected, with discovery on and the serial known. */
function announce(state: MqttPublisherState, ctx: ActorContext<MqttMsg>): MqttPublisherState {
  const cfg = state.args.config;
  if (!cfg.discovery || state.serial === null || state.link.phase !== "connected") return state;
  const messages = discoveryMessages({
    discoveryPrefix: cfg.discovery_prefix,
    topicPrefix: state.names!.topicPrefix,
    serial: state.serial,
    variantId: state.args.variantId,
    variantModel: state.args.variantModel,
    swVersion: state.args.swVersion,
    expireAfterS: Math.round(state.args.staleAfterMs / 1000),
  }, state.stateKeys);
  const s = offerOn(state, "discovery", messages, ctx);
  return { ...s, counters: { ...s.counters, announcements: s.counters.announcements + 1 } };
}

/** Asks the TelegramValidator and the Modbus slaves for their status (while connected). */
function askDiagnostics(state: MqttPublisherState, ctx: ActorContext<MqttMsg>): MqttPublisherState {
  if (state.link.phase !== "connected") return { ...state, awaiting: new Set() };
  const names = [TELEGRAM_VALIDATOR.name, ...state.args.modbus];
  for (const name of names) {
    const to: ActorRef<StatusRequested> = { name };
    ctx.send(to, { type: "@sys.statusRequested", replyTo: ctx.self });
  }
  return { ...state, awaiting: new Set(names) };
}

/** Publishes the diagnostics from the answers gathered so far. */
function publishDiagnostics(
  state: MqttPublisherState,
  ctx: ActorContext<MqttMsg>,
): MqttPublisherState {
  const s = { ...state, awaiting: new Set<string>() };
  if (s.link.phase !== "connected") return s;
  const payload = diagnosticsMessage({
    lastReceivedAt: s.lastReceivedAt,
    now: ctx.clock.now(),
    answers: s.answers,
    modbus: s.args.modbus,
  });
  return offerOn(s, "diagnostics", [{
    topic: siteTopics(s.names!.topicPrefix).diagnostics,
    payload: JSON.stringify(payload),
    retain: false,
  }], ctx);
}
