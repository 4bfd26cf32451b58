/**
 * What an actor is: a state built in `preStart`, a handler for one typed message union, and an
 * optional `postStop` that releases what the state owns (ractor's actor shape).
 *
 * @module
 */
import type { Logger } from "@logtape/logtape";
import type { Clock } from "../../drivers/clock.ts";
import type { ActorRef, Message } from "./message.ts";

/** What a handler may do besides returning its next state. */
export interface ActorContext<M extends Message> {
  /** The actor's name. */
  readonly name: string;
  /** A typed reference to this actor, to hand to others or to send to itself. */
  readonly self: ActorRef<M>;
  /** The injected clock. */
  readonly clock: Clock;
  /** The actor's logger (category `["a1mb", name]`). */
  readonly log: Logger;
  /** Aborted when this incarnation of the actor stops (stop, restart or reboot). */
  readonly signal: AbortSignal;
  /** Sends a message; its trace `cause` is the message being handled, if any. */
  send<T extends Message>(to: ActorRef<T>, msg: T): void;
  /** Sends `msg` to this actor after `ms`; the returned function cancels it. Cleared on stop. */
  sendAfter(msg: M, ms: number): () => void;
  /**
   * Runs a background task this actor owns (a read loop, a server). It gets the incarnation's
   * abort signal; a rejection is reported as a failure of the actor.
   */
  spawn(name: string, task: (signal: AbortSignal) => Promise<void>): void;
  /** Reports a failed resource: handled exactly like an exception in the handler. */
  fail(error: unknown): void;
}

/** The behaviour of an actor with message union `M`, state `S` and start arguments `A`. */
export interface ActorBehavior<M extends Message, S, A> {
  /** Builds the state (and acquires resources); a restart is just `preStart` again. */
  preStart(ctx: ActorContext<M>, args: A): S | Promise<S>;
  /** Handles one message and returns the next state. Messages arrive one at a time, in order. */
  handle(state: S, msg: M, ctx: ActorContext<M>): S | Promise<S>;
  /** Releases what the state owns. Called on stop and before a restart. */
  postStop?(state: S, ctx: ActorContext<M>): void | Promise<void>;
  /**
   * A plain, JSON-ready snapshot of the state for `a1mb status` and metrics (pure; `now` is the
   * clock's monotonic ms). The runtime answers `@sys.statusRequested` with it, between messages.
   */
  status?(state: S, now: number): unknown;
}
