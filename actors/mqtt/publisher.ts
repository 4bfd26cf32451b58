/**
 * The MqttPublisher actor (`[mqtt]`): owns one connection to an MQTT broker and publishes, on
 * every accepted telegram (`telegramPublished` from the TelegramValidator), one JSON state
 * message; keeps `online` retained on the availability topic with `offline` as its last will
 * (and publishes `offline` itself on a clean stop); announces the sensors to Home Assistant at
 * every connect and whenever Home Assistant says it is back (`<discovery_prefix>/status` =
 * `online`); and publishes diagnostics every few seconds. It is a sink: a broker that is down,
 * slow or refusing is retried with a1mb's back-off (`runtime/backoff.ts`), at most the newest
 * state waits (see `publish_queue.ts`), and nothing here is on the Modbus path.
 *
 * @module
 */
import { parseMqttUrl } from "../../config/mqtt_url.ts";
import type { MqttMsg } from "../messages.ts";
import type { ActorBehavior } from "../runtime/actor.ts";
import { backoffPolicy } from "../runtime/backoff.ts";
import { unreachable } from "../runtime/message.ts";
import {
  announce,
  askDiagnostics,
  offerOn,
  publishAll,
  publishDiagnostics,
  startAttempt,
} from "./_publisher_steps.ts";
import { brokerConnected, brokerDisconnected, initialBrokerLink } from "./broker_link.ts";
import { EMPTY_QUEUE, resume, settle, suspend } from "./publish_queue.ts";
import {
  brokerLabel,
  type MqttPublisherArgs,
  type MqttPublisherState,
  mqttStatus,
  NO_COUNTS,
} from "./publisher_state.ts";
import { stateMessage } from "./state_message.ts";
import { brokerNames, meterSerial, siteTopics } from "./topics.ts";

export {
  type MqttCounters,
  type MqttPublisherArgs,
  type MqttPublisherState,
  type MqttStatus,
  mqttStatus,
} from "./publisher_state.ts";

/**
 * A connection that lasted this long starts the back-off over, ms (see `broker_link.ts`: a
 * broker that accepts and drops at once must not be retried every second).
 */
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
      policy: backoffPolicy(args),
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
      case "telegramPublished": {
        const { reading, measurements, receivedAt } = msg.telegram;
        let s: MqttPublisherState = { ...state, lastReceivedAt: receivedAt };
        if (s.serial === null) {
          const serial = meterSerial(measurements, reading.header);
          s = { ...s, serial, names: s.names ?? brokerNames(s.args.config, serial) };
          if (s.link.phase === "waiting-for-serial") s = startAttempt(s, ctx);
        }
        const values = stateMessage(measurements, reading);
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
          state.policy,
          STABLE_MS,
        );
        if (step.log !== null) ctx.log[step.log.level](step.log.template, step.log.props);
        void state.connection?.close();
        ctx.sendAfter({ type: "reconnectDue" }, step.retryInMs ?? state.policy.minMs);
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
