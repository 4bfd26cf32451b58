/**
 * Asks actors for their status snapshots through the bus (`@sys.statusRequested`) and gathers
 * the answers: the runtime's way to look inside without sharing any state.
 *
 * @module
 */
import { awaitReplies } from "./ask.ts";
import type { Bus } from "./bus.ts";
import type { ActorRef, StatusReported, StatusRequested } from "./message.ts";

/**
 * Sends `@sys.statusRequested` to every named actor and resolves with the snapshots that came
 * back within `timeoutMs` (an actor that is restarting or stuck is simply absent).
 */
export async function collectStatus(
  bus: Bus,
  actors: readonly string[],
  timeoutMs: number,
): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  if (actors.length === 0) return answers;
  await awaitReplies<StatusReported>(bus, "status", "@sys.statusReported", timeoutMs, (replyTo) => {
    for (const actor of actors) {
      const to: ActorRef<StatusRequested> = { name: actor };
      bus.send("status", to, { type: "@sys.statusRequested", replyTo }, null);
    }
  }, (reply) => {
    answers.set(reply.actor, reply.status);
    return answers.size === actors.length;
  });
  return answers;
}
