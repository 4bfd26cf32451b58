/**
 * A bounded FIFO of envelopes: runtime (`@sys.*`) messages go before user messages, and a full
 * mailbox drops the newest user message and counts it rather than growing without bound.
 *
 * @module
 */
import type { Envelope } from "./message.ts";

/** Default number of user messages a mailbox holds. */
export const DEFAULT_MAILBOX_CAPACITY = 1024;

/** A bounded queue with a priority lane for runtime messages. */
export class Mailbox {
  readonly capacity: number;
  #system: Envelope[] = [];
  #user: (Envelope | undefined)[];
  #head = 0;
  #size = 0;
  #dropped = 0;

  /** @param capacity maximum number of queued user messages */
  constructor(capacity = DEFAULT_MAILBOX_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Mailbox capacity must be a positive integer: got ${capacity}`);
    }
    this.capacity = capacity;
    this.#user = new Array(capacity);
  }

  /** Queues an envelope; returns false when a user message was dropped because the box is full. */
  push(envelope: Envelope): boolean {
    if (envelope.msg.type.startsWith("@sys.")) {
      this.#system.push(envelope);
      return true;
    }
    if (this.#size === this.capacity) {
      this.#dropped++;
      return false;
    }
    this.#user[(this.#head + this.#size) % this.capacity] = envelope;
    this.#size++;
    return true;
  }

  /** Takes the next envelope: runtime messages first, then user messages in arrival order. */
  shift(): Envelope | undefined {
    const sys = this.#system.shift();
    if (sys !== undefined) return sys;
    if (this.#size === 0) return undefined;
    const envelope = this.#user[this.#head];
    this.#user[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#size--;
    return envelope;
  }

  /** Number of queued envelopes. */
  get length(): number {
    return this.#system.length + this.#size;
  }

  /** Number of user messages dropped because the mailbox was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Empties the mailbox and returns how many envelopes it held. */
  clear(): number {
    const n = this.length;
    this.#system = [];
    this.#user = new Array(this.capacity);
    this.#head = 0;
    this.#size = 0;
    return n;
  }
}
