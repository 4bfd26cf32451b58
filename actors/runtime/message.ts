/**
 * The shape every actor message shares, the envelope the bus wraps around it, and typed
 * actor references.
 *
 * @module
 */

/** Every message is a plain object tagged by its `type`. */
export interface Message {
  readonly type: string;
}

/** A message on its way through the bus, with the ids that make traces readable. */
export interface Envelope<M extends Message = Message> {
  /** Unique, increasing id of this delivery. */
  readonly id: number;
  /** Id of the message whose handler sent this one, or null. */
  readonly cause: number | null;
  /** Name of the sender (an actor, `supervisor` or `system`). */
  readonly from: string;
  /** Name of the receiver. */
  readonly to: string;
  /** The message itself. */
  readonly msg: M;
}

/**
 * A typed address of an actor. Sending a message the actor does not accept is a compile
 * error: the phantom `accepts` member makes refs contravariant in their message type.
 */
export interface ActorRef<M extends Message> {
  /** The actor's name, as it appears in logs and traces. */
  readonly name: string;
  /** Type-level only: the messages this actor accepts. Never called. */
  readonly accepts?: (msg: M) => void;
}

/** Asserts at compile time that a `switch` over a union is exhaustive. */
export function unreachable(value: never): never {
  throw new TypeError(`Unhandled message: ${JSON.stringify(value)}`);
}

/** Runtime request for an actor's status snapshot, answered by the cell, not the handler. */
export interface StatusRequested {
  readonly type: "@sys.statusRequested";
  /** Where the `@sys.statusReported` answer goes. */
  readonly replyTo: ActorRef<StatusReported>;
}

/** An actor's answer to {@linkcode StatusRequested}: its `status()` snapshot, or null if none. */
export interface StatusReported {
  readonly type: "@sys.statusReported";
  /** The actor's name. */
  readonly actor: string;
  /** The snapshot. */
  readonly status: unknown;
}
