/**
 * The one relay every message delivery passes (xstate's `system._relay`): it numbers
 * messages, routes them to mailboxes and, only when a trace sink is set, records each
 * delivery with its handler time. Tracing off costs one null check.
 *
 * @module
 */
import type { Clock } from "../../drivers/clock.ts";
import { errorText } from "./error_text.ts";
import type { ActorRef, Envelope, Message } from "./message.ts";
import { summarizeMessage } from "./summary.ts";
import type { TraceRecord, TraceSink } from "./trace_record.ts";

/** Something that can receive envelopes: an actor cell or the supervisor. */
export interface Receiver {
  /** Name the receiver is registered under. */
  readonly name: string;
  /** Accepts an envelope; returns false when it was dropped (stopped, or mailbox full). */
  enqueue(envelope: Envelope): boolean;
}

/** Counts of what the bus did, for status and metrics. */
export interface BusCounters {
  /** Messages sent. */
  sent: number;
  /** Messages dropped: unknown or stopped receiver, or a full mailbox. */
  dropped: number;
}

/** After this many mailbox drains chained without a turn of the event loop, the next waits. */
export const MAX_CHAINED_DRAINS = 1000;

/** Routes messages between named receivers and writes the trace. */
export class Bus {
  readonly clock: Clock;
  readonly counters: BusCounters = { sent: 0, dropped: 0 };
  #receivers = new Map<string, Receiver>();
  #nextId = 1;
  #sink: TraceSink | null = null;
  /** Drains this bus's cells started since the event loop last had a turn. */
  #chainedDrains = 0;

  /** @param clock the clock that stamps trace records */
  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** The current trace sink, or null when tracing is off. */
  get sink(): TraceSink | null {
    return this.#sink;
  }

  /** Turns tracing on (a sink) or off (null). */
  setSink(sink: TraceSink | null): void {
    this.#sink = sink;
  }

  /** Registers a receiver under its name, replacing any previous one. */
  register(receiver: Receiver): void {
    this.#receivers.set(receiver.name, receiver);
  }

  /** Removes a receiver if it is still the registered one. */
  unregister(receiver: Receiver): void {
    if (this.#receivers.get(receiver.name) === receiver) this.#receivers.delete(receiver.name);
  }

  /** Sends `msg` from `from` to `to`; `cause` is the id of the message being handled, if any. */
  send<M extends Message>(from: string, to: ActorRef<M>, msg: M, cause: number | null): void {
    const envelope: Envelope = { id: this.#nextId++, cause, from, to: to.name, msg };
    this.counters.sent++;
    const receiver = this.#receivers.get(to.name);
    if (receiver === undefined || !receiver.enqueue(envelope)) this.counters.dropped++;
  }

  /**
   * When a cell of this bus may start draining its mailbox: on a microtask, or, once
   * {@linkcode MAX_CHAINED_DRAINS} drains have chained without a turn of the event loop, after
   * one (so I/O and timers run). The count is this bus's own and restarts at every turn.
   *
   * @example
   * ```ts
   * import { Bus } from "./bus.ts";
   * import { systemClock } from "../../drivers/clock.ts";
   *
   * const bus = new Bus(systemClock);
   * await bus.drainStart(); // the first drain of a turn starts on a microtask
   * ```
   */
  drainStart(): Promise<void> {
    if (this.#chainedDrains++ === 0) setTimeout(() => (this.#chainedDrains = 0), 0);
    return this.#chainedDrains < MAX_CHAINED_DRAINS
      ? Promise.resolve()
      : new Promise<void>((resolve) => setTimeout(resolve, 0));
  }

  /** Records a handled delivery (call only when {@linkcode sink} is set). */
  recordDelivery(envelope: Envelope, startMs: number, handlerMs: number, error?: unknown): void {
    const sink = this.#sink;
    if (sink === null) return;
    const record: TraceRecord = {
      t_us: Math.round(startMs * 1000),
      wall: new Date(this.clock.wallNow() - (this.clock.now() - startMs)).toISOString(),
      from: envelope.from,
      to: envelope.to,
      type: envelope.msg.type,
      id: envelope.id,
      cause: envelope.cause,
      summary: summarizeMessage(envelope.msg),
      handler_us: Math.round(handlerMs * 1000),
      ...(error === undefined ? {} : { error: errorText(error) }),
    };
    sink.write(record);
  }

  /** Records a runtime event such as `@sys.start` or `@sys.restart` (no-op when tracing is off). */
  recordEvent(from: string, to: string, type: `@sys.${string}`, summary: string): void {
    const sink = this.#sink;
    if (sink === null) return;
    const now = this.clock.now();
    sink.write({
      t_us: Math.round(now * 1000),
      wall: new Date(this.clock.wallNow()).toISOString(),
      from,
      to,
      type,
      id: 0,
      cause: null,
      summary,
      handler_us: null,
    });
  }
}
