import assert from "node:assert/strict";
import { Bus } from "../../../actors/runtime/bus.ts";
import type { ActorRef } from "../../../actors/runtime/message.ts";
import { collectStatus } from "../../../actors/runtime/status_probe.ts";
import { childSpec, Supervisor } from "../../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../../drivers/fake_clock.ts";
import { MemorySink, recorder, type RecorderMsg } from "./_fixtures.ts";

const A: ActorRef<RecorderMsg> = { name: "a" };
const B: ActorRef<RecorderMsg> = { name: "b" };
const withStatus = {
  ...recorder,
  status: (s: { seen: number[] }, now: number) => ({ seen: s.seen, now }),
};

Deno.test("status probe gathers each actor's status snapshot through the bus", async () => {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const sink = new MemorySink();
  bus.setSink(sink);
  const sup = new Supervisor(
    bus,
    () =>
      Promise.resolve([
        childSpec(A, withStatus, { journal: [] }),
        childSpec(B, recorder, { journal: [] }),
      ]),
  );
  await sup.start();
  bus.send("test", A, { type: "noted", value: 3 }, null);
  await settle();
  await clock.advance(1500);
  const answers = await collectStatus(bus, ["a", "b"], 1000);
  assert.deepEqual(answers.get("a"), { seen: [3], now: 1500 });
  assert.equal(answers.get("b"), null, "an actor without status() answers null");
  const asked = sink.records.filter((r) => r.type === "@sys.statusRequested").map((r) => r.to);
  assert.deepEqual(asked.sort(), ["a", "b"], "the requests are traced like any message");
  await sup.stop("done");
});

Deno.test("status probe leaves out an actor that cannot answer (crashed, waiting for its restart)", async () => {
  const bus = new Bus(new FakeClock());
  const sup = new Supervisor(
    bus,
    () =>
      Promise.resolve([
        childSpec(A, withStatus, { journal: [] }),
        childSpec(B, withStatus, { journal: [] }),
      ]),
  );
  await sup.start();
  bus.send("test", B, { type: "crashRequested", reason: "x" }, null);
  await settle();
  const answers = await collectStatus(bus, ["a", "b"], 50);
  assert.deepEqual([...answers.keys()], ["a"]);
  await sup.stop("done");
});
