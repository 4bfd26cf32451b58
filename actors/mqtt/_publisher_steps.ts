/**
 * The MqttPublisher's steps: open a connection attempt, offer and publish batches, announce to
 * Home Assistant, gather and publish the diagnostics. Each takes the state and returns the next.
 *
 * @module
 */
import { type MqttMsg, TELEGRAM_VALIDATOR } from "../messages.ts";
import type { ActorContext } from "../runtime/actor.ts";
import type { ActorRef, StatusRequested } from "../runtime/message.ts";
import { brokerConnecting } from "./broker_link.ts";
import { diagnosticsMessage } from "./diagnostics.ts";
import { discoveryMessages } from "./discovery.ts";
import { offer, type Outgoing, type PublishChannel } from "./publish_queue.ts";
import type { MqttPublisherState } from "./publisher_state.ts";
import { siteTopics } from "./topics.ts";

/** Opens a new connection attempt; its events come back as messages tagged with its number. */
export function startAttempt(
  state: MqttPublisherState,
  ctx: ActorContext<MqttMsg>,
): MqttPublisherState {
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
export function publishAll(
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
export function offerOn(
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
export function announce(
  state: MqttPublisherState,
  ctx: ActorContext<MqttMsg>,
): MqttPublisherState {
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
export function askDiagnostics(
  state: MqttPublisherState,
  ctx: ActorContext<MqttMsg>,
): MqttPublisherState {
  if (state.link.phase !== "connected") return { ...state, awaiting: new Set() };
  const names = [TELEGRAM_VALIDATOR.name, ...state.args.modbus];
  for (const name of names) {
    const to: ActorRef<StatusRequested> = { name };
    ctx.send(to, { type: "@sys.statusRequested", replyTo: ctx.self });
  }
  return { ...state, awaiting: new Set(names) };
}

/** Publishes the diagnostics from the answers gathered so far. */
export function publishDiagnostics(
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
