import assert from "node:assert/strict";
import { ask } from "../../../actors/runtime/ask.ts";
import { Bus, type Receiver } from "../../../actors/runtime/bus.ts";
import type { ActorRef, Envelope } from "../../../actors/runtime/message.ts";
import { systemClock } from "../../../drivers/clock.ts";

type Ping = { readonly type: "ping"; readonly replyTo: ActorRef<Pong> };
type Pong = { readonly type: "pong"; readonly n: number };

/** A receiver that answers every ping with `n` pongs of other types first. */
function echo(bus: Bus, answer: boolean): Receiver {
  const receiver: Receiver = {
    name: "echo",
    enqueue(envelope: Envelope) {
      const msg = envelope.msg as Ping;
      if (answer) {
        bus.send("echo", msg.replyTo as ActorRef<{ type: string }>, { type: "noise" }, null);
        bus.send("echo", msg.replyTo, { type: "pong", n: 7 }, null);
      }
      return true;
    },
  };
  bus.register(receiver);
  return receiver;
}

Deno.test("ask resolves with the answer of the asked type and unregisters its receiver", async () => {
  const bus = new Bus(systemClock);
  echo(bus, true);
  const before = bus.counters.dropped;
  let asker = "";
  const answer = await ask<Ping, Pong>(
    bus,
    "test",
    { name: "echo" },
    (replyTo) => {
      asker = replyTo.name;
      return { type: "ping", replyTo };
    },
    "pong",
    1000,
  );
  assert.deepEqual(answer, { type: "pong", n: 7 });
  assert.equal(bus.counters.dropped, before + 1, "the message of another type was not taken");
  // The one-shot receiver is gone: a late answer is dropped.
  bus.send("echo", { name: asker }, { type: "pong", n: 8 }, null);
  assert.equal(bus.counters.dropped, before + 2);
});

Deno.test("ask resolves with null when nobody answers in time", async () => {
  const bus = new Bus(systemClock);
  echo(bus, false);
  const started = performance.now();
  const answer = await ask<Ping, Pong>(
    bus,
    "test",
    { name: "echo" },
    (replyTo) => ({
      type: "ping",
      replyTo,
    }),
    "pong",
    30,
  );
  assert.equal(answer, null);
  assert.ok(performance.now() - started >= 25);
});
