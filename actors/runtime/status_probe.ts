/**
 * Asks actors for their status snapshots through the bus (`@sys.statusRequested`) and gathers
 * the answers: the runtime's way to look inside without sharing any state.
 *
 * @module
 */
import type { Bus, Receiver } from "./bus.ts";
import type { ActorRef, Envelope, StatusReported, StatusRequested } from "./message.ts";

let probes = 0;

/**
 * Sends `@sys.statusRequested` to every named actor and resolves with the snapshots that came
 * back within `timeoutMs` (an actor that is restarting or stuck is simply absent).
 */
export function collectStatus(
  bus: Bus,
  actors: readonly string[],
  timeoutMs: number,
): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  const name = `statusProbe#${++probes}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      bus.unregister(receiver);
      resolve(answers);
    };
    const receiver: Receiver = {
      name,
      enqueue(envelope: Envelope): boolean {
        const msg = envelope.msg as StatusReported;
        if (msg.type !== "@sys.statusReported") return false;
        answers.set(msg.actor, msg.status);
        if (answers.size === actors.length) finish();
        return true;
      },
    };
    bus.register(receiver);
    if (actors.length === 0) return finish();
    const replyTo: ActorRef<StatusReported> = { name };
    for (const actor of actors) {
      const to: ActorRef<StatusRequested> = { name: actor };
      bus.send("status", to, { type: "@sys.statusRequested", replyTo }, null);
    }
  });
}
