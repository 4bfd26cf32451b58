/**
 * Asks one actor through the bus and waits for its answer, from outside the actors (the host's
 * control endpoints): a one-shot receiver is registered under a fresh name, handed to the actor
 * as the reply address, and removed when the answer or the time-out comes
 * ({@linkcode awaitReplies}, which `collectStatus` gathers status answers with too): no state
 * is shared.
 *
 * @module
 */
import type { Bus, Receiver } from "./bus.ts";
import type { ActorRef, Envelope, Message } from "./message.ts";

let asks = 0;

/**
 * Sends `make(replyTo)` to `to` and resolves with the first message of type `replyType` that
 * comes back within `timeoutMs`, or null when none does (the actor is restarting, stopped or
 * stuck). Sent from `from` (the name that shows in traces).
 *
 * @example
 * ```ts
 * import { ask } from "./ask.ts";
 * import { Bus } from "./bus.ts";
 * import { systemClock } from "../../drivers/clock.ts";
 * const bus = new Bus(systemClock);
 * // Nobody is registered as "configManager" here: the answer is null after 10 ms.
 * const answer = await ask(bus, "console", { name: "configManager" },
 *   (replyTo) => ({ type: "rebootRequested", reason: "test", replyTo }), "rebootAnswered", 10);
 * // answer === null
 * ```
 */
export async function ask<M extends Message, R extends Message>(
  bus: Bus,
  from: string,
  to: ActorRef<M>,
  make: (replyTo: ActorRef<R>) => M,
  replyType: R["type"],
  timeoutMs: number,
): Promise<R | null> {
  let answer: R | null = null;
  await awaitReplies<R>(bus, from, replyType, timeoutMs, (replyTo) => {
    bus.send(from, to, make(replyTo), null);
  }, (reply) => {
    answer = reply;
    return true;
  });
  return answer;
}

/**
 * The one-shot receiver behind {@linkcode ask} and {@linkcode collectStatus}: registers a
 * receiver under a fresh name (`from#n`), hands its address to `send`, gives each message of
 * `replyType` that reaches it to `take` (which says whether that was the last one wanted), and
 * resolves when `take` says so or after `timeoutMs`, whichever comes first; the receiver is gone
 * by then, so a late answer is dropped. Messages of other types are not taken.
 *
 * @example
 * ```ts
 * import { awaitReplies } from "./ask.ts";
 * import { Bus } from "./bus.ts";
 * import { systemClock } from "../../drivers/clock.ts";
 *
 * type Pong = { readonly type: "pong"; readonly n: number };
 * const bus = new Bus(systemClock);
 * const seen: number[] = [];
 * await awaitReplies<Pong>(bus, "test", "pong", 1000, (replyTo) => {
 *   // Stands for actors answering: two replies to the one-shot address.
 *   bus.send("a", replyTo, { type: "pong", n: 1 }, null);
 *   bus.send("b", replyTo, { type: "pong", n: 2 }, null);
 * }, (reply) => seen.push(reply.n) === 2);
 * // seen: [1, 2]
 * ```
 */
export function awaitReplies<R extends Message>(
  bus: Bus,
  from: string,
  replyType: R["type"],
  timeoutMs: number,
  send: (replyTo: ActorRef<R>) => void,
  take: (reply: R) => boolean,
): Promise<void> {
  const name = `${from}#${++asks}`;
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      bus.unregister(receiver);
      resolve();
    };
    const receiver: Receiver = {
      name,
      enqueue(envelope: Envelope): boolean {
        if (done || envelope.msg.type !== replyType) return false;
        if (take(envelope.msg as R)) finish();
        return true;
      },
    };
    const timer = setTimeout(finish, timeoutMs);
    bus.register(receiver);
    send({ name });
  });
}
