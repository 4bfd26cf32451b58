/**
 * Asks one actor through the bus and waits for its answer, from outside the actors (the host's
 * control endpoints): a one-shot receiver is registered under a fresh name, handed to the actor
 * as the reply address, and removed when the answer or the time-out comes. The same way
 * {@linkcode collectStatus} gathers status answers: no state is shared.
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
export function ask<M extends Message, R extends Message>(
  bus: Bus,
  from: string,
  to: ActorRef<M>,
  make: (replyTo: ActorRef<R>) => M,
  replyType: R["type"],
  timeoutMs: number,
): Promise<R | null> {
  const name = `${from}#${++asks}`;
  return new Promise((resolve) => {
    const finish = (answer: R | null) => {
      clearTimeout(timer);
      bus.unregister(receiver);
      resolve(answer);
    };
    const receiver: Receiver = {
      name,
      enqueue(envelope: Envelope): boolean {
        if (envelope.msg.type !== replyType) return false;
        finish(envelope.msg as R);
        return true;
      },
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    bus.register(receiver);
    bus.send(from, to, make({ name }), null);
  });
}
