/**
 * The MqttPublisher's outgoing queue, as a pure reducer: per channel (state, diagnostics,
 * discovery, availability) one batch in flight and at most the newest batch waiting behind it.
 * A newer batch replaces the waiting one (the replaced one counts as dropped), so a slow or
 * absent broker never makes a1mb hold more than one state message. A batch goes out at most
 * {@linkcode SEND_WINDOW} messages at a time: brokers take only so many unacknowledged QoS 2
 * messages from a client (mosquitto: 20) and silently drop the rest.
 *
 * @module
 */

/** The kinds of message the publisher sends, each with its own one-deep queue. */
export type PublishChannel = "state" | "diagnostics" | "discovery" | "availability";

/** Every channel, in the order waiting batches go out after a connect. */
export const PUBLISH_CHANNELS: readonly PublishChannel[] = [
  "availability",
  "discovery",
  "state",
  "diagnostics",
];

/**
 * Most messages of one batch in flight at once; with one each on the other three channels, at
 * most 11 messages are unacknowledged (below mosquitto's default of 20).
 */
export const SEND_WINDOW = 8;

/** One message to publish (QoS is the connection's). */
export interface Outgoing {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/** A batch waiting to be sent. */
export interface WaitingBatch {
  readonly messages: readonly Outgoing[];
  /** Monotonic ms when it was offered. */
  readonly since: number;
}

/** One channel: the batch in flight (sent, and still to send), and the newest one waiting. */
export interface ChannelQueue {
  /** Messages sent and not settled yet. */
  readonly outstanding: number;
  /** Messages of the batch in flight not sent yet (they go as earlier ones settle). */
  readonly rest: readonly Outgoing[];
  readonly waiting: WaitingBatch | null;
}

/** The whole queue (plain data). */
export type PublishQueue = Readonly<Record<PublishChannel, ChannelQueue>>;

/** What a step asks the actor to publish now, and how many batches it dropped. */
export interface QueueStep {
  readonly queue: PublishQueue;
  /** Send these now (on `channel`). */
  readonly send: readonly Outgoing[];
  /** Batches dropped by this step (replaced while waiting, or too old to send). */
  readonly dropped: number;
}

const IDLE: ChannelQueue = { outstanding: 0, rest: [], waiting: null };

/** A queue with nothing in flight and nothing waiting. */
export const EMPTY_QUEUE: PublishQueue = {
  state: IDLE,
  diagnostics: IDLE,
  discovery: IDLE,
  availability: IDLE,
};

/** Whether a channel has nothing in flight. */
function idle(q: ChannelQueue): boolean {
  return q.outstanding === 0 && q.rest.length === 0;
}

/** Starts sending `messages` on an idle channel: the first window now, the rest as they settle. */
function start(
  queue: PublishQueue,
  channel: PublishChannel,
  messages: readonly Outgoing[],
): { queue: PublishQueue; send: readonly Outgoing[] } {
  const send = messages.slice(0, SEND_WINDOW);
  const rest = messages.slice(SEND_WINDOW);
  return {
    queue: { ...queue, [channel]: { outstanding: send.length, rest, waiting: null } },
    send,
  };
}

/**
 * Offers a batch on `channel`: sent at once when connected and nothing is in flight there,
 * otherwise it waits, replacing (dropping) a batch already waiting.
 *
 * @example
 * ```ts
 * import { EMPTY_QUEUE, offer } from "./publish_queue.ts";
 * const msg = { topic: "a1mb/x/state", payload: "{}", retain: false };
 * const first = offer(EMPTY_QUEUE, "state", [msg], 0, true); // first.send: [msg]
 * const second = offer(first.queue, "state", [msg], 1000, true); // waits: second.send: []
 * offer(second.queue, "state", [msg], 2000, true).dropped; // 1: the waiting one was replaced
 * ```
 */
export function offer(
  queue: PublishQueue,
  channel: PublishChannel,
  messages: readonly Outgoing[],
  now: number,
  connected: boolean,
): QueueStep {
  const q = queue[channel];
  if (connected && idle(q) && q.waiting === null) {
    return { ...start(queue, channel, messages), dropped: 0 };
  }
  return {
    queue: { ...queue, [channel]: { ...q, waiting: { messages, since: now } } },
    send: [],
    dropped: q.waiting === null ? 0 : 1,
  };
}

/** One message on `channel` settled (acknowledged or failed): the next one may go. */
export function settle(
  queue: PublishQueue,
  channel: PublishChannel,
  connected: boolean,
): QueueStep {
  const q = queue[channel];
  const outstanding = Math.max(0, q.outstanding - 1);
  if (!connected) {
    return { queue: { ...queue, [channel]: { ...q, outstanding } }, send: [], dropped: 0 };
  }
  const [next, ...rest] = q.rest;
  if (next !== undefined) {
    return {
      queue: { ...queue, [channel]: { ...q, outstanding: outstanding + 1, rest } },
      send: [next],
      dropped: 0,
    };
  }
  if (outstanding > 0 || q.waiting === null) {
    return { queue: { ...queue, [channel]: { ...q, outstanding } }, send: [], dropped: 0 };
  }
  return { ...start(queue, channel, q.waiting.messages), dropped: 0 };
}

/**
 * The connection closed: nothing is in flight any more (MQTT.js fails those callbacks), and only
 * the state keeps its waiting batch (availability, discovery and diagnostics are made afresh at
 * the next connect).
 */
export function suspend(queue: PublishQueue): PublishQueue {
  return { ...EMPTY_QUEUE, state: { ...IDLE, waiting: queue.state.waiting } };
}

/**
 * Connected: sends what waits, except a state batch older than `maxAgeMs` (a value that old would
 * be read as current; it counts as dropped).
 */
export function resume(queue: PublishQueue, now: number, maxAgeMs: number): {
  readonly queue: PublishQueue;
  readonly send: readonly {
    readonly channel: PublishChannel;
    readonly messages: readonly Outgoing[];
  }[];
  readonly dropped: number;
} {
  let next = queue;
  let dropped = 0;
  const send: { channel: PublishChannel; messages: readonly Outgoing[] }[] = [];
  for (const channel of PUBLISH_CHANNELS) {
    const q = next[channel];
    if (q.waiting === null || !idle(q)) continue;
    if (channel === "state" && now - q.waiting.since > maxAgeMs) {
      next = { ...next, state: IDLE };
      dropped++;
      continue;
    }
    const started = start(next, channel, q.waiting.messages);
    next = started.queue;
    send.push({ channel, messages: started.send });
  }
  return { queue: next, send, dropped };
}
