import assert from "node:assert/strict";
import type { ActorBehavior } from "../../../actors/runtime/actor.ts";
import { Bus } from "../../../actors/runtime/bus.ts";
import type { ActorRef } from "../../../actors/runtime/message.ts";
import { childSpec, SUPERVISOR, Supervisor } from "../../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../../drivers/fake_clock.ts";
import { MemorySink, recorder, type RecorderMsg } from "./_fixtures.ts";

const A: ActorRef<RecorderMsg> = { name: "a" };
const B: ActorRef<RecorderMsg> = { name: "b" };
const C: ActorRef<RecorderMsg> = { name: "c" };

function tree(journal: string[], clock = new FakeClock(), opts = {}) {
  const bus = new Bus(clock);
  let builds = 0;
  const sup = new Supervisor(bus, () => {
    builds++;
    journal.push(`build:${builds}`);
    return Promise.resolve([
      childSpec(A, recorder, { journal }),
      childSpec(B, recorder, { journal }),
      childSpec(C, recorder, { journal }),
    ]);
  }, { backoffBaseMs: 100, backoffMaxMs: 10_000, intensity: 3, periodMs: 60_000, ...opts });
  return { bus, sup, clock };
}

Deno.test("supervisor starts children in declared order and stops them in reverse", async () => {
  const journal: string[] = [];
  const { sup } = tree(journal);
  await sup.start();
  assert.deepEqual(sup.childNames, ["a", "b", "c"]);
  await sup.stop("test over");
  assert.deepEqual(journal, [
    "build:1",
    "a:start",
    "b:start",
    "c:start",
    "c:stop",
    "b:stop",
    "a:stop",
  ]);
  assert.deepEqual(await sup.done, { code: 0, reason: "test over" });
});

Deno.test("supervisor restarts a crashed child after an exponential back-off on fake time", async () => {
  const journal: string[] = [];
  const { bus, sup, clock } = tree(journal);
  await sup.start();
  journal.length = 0;

  bus.send("test", B, { type: "crashRequested", reason: "first" }, null);
  await settle();
  assert.deepEqual(journal, ["b:stop"], "postStop runs before the restart");
  await clock.advance(99);
  assert.deepEqual(journal, ["b:stop"], "not restarted before 100 ms");
  await clock.advance(1);
  assert.deepEqual(journal, ["b:stop", "b:start"], "restarted at 100 ms");

  journal.length = 0;
  bus.send("test", B, { type: "crashRequested", reason: "second" }, null);
  await settle();
  await clock.advance(199);
  assert.deepEqual(journal, ["b:stop"], "second back-off is 200 ms");
  await clock.advance(1);
  assert.deepEqual(journal, ["b:stop", "b:start"]);
  assert.equal(sup.restartCounts.get("b"), 2);
  assert.equal(sup.cell("a")?.status, "running", "one_for_one: siblings are untouched");
  await sup.stop("done");
});

Deno.test("messages sent while a child waits for its restart are handled after it", async () => {
  const journal: string[] = [];
  const { bus, sup, clock } = tree(journal);
  await sup.start();
  bus.send("test", A, { type: "crashRequested", reason: "x" }, null);
  await settle();
  bus.send("test", A, { type: "noted", value: 42 }, null);
  await clock.advance(100);
  assert.ok(journal.includes("a:noted:42"));
  assert.ok(journal.indexOf("a:noted:42") > journal.lastIndexOf("a:start"));
  await sup.stop("done");
});

Deno.test("supervisor escalates past intensity restarts in the period: stops all, exits non-zero", async () => {
  const journal: string[] = [];
  const { bus, sup, clock } = tree(journal);
  await sup.start();
  for (let i = 1; i <= 3; i++) {
    bus.send("test", C, { type: "crashRequested", reason: `crash ${i}` }, null);
    await settle();
    await clock.advance(10_000);
  }
  assert.equal(sup.cell("c")?.status, "running", "three restarts are within intensity 3");
  journal.length = 0;
  bus.send("test", C, { type: "crashRequested", reason: "crash 4" }, null);
  await settle();
  const exit = await sup.done;
  assert.equal(exit.code, 70);
  assert.equal(
    exit.reason,
    '4 crashes in 60 s across the tree (c 4), more than 3 restarts: giving up (last error, in actor "c": crash 4)',
  );
  assert.deepEqual(journal, ["c:stop", "b:stop", "a:stop"]);
});

/** A tree of three children on the default intensity (5 restarts in 60 s). */
function defaultTree(journal: string[]) {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(A, recorder, { journal }),
      childSpec(B, recorder, { journal }),
      childSpec(C, recorder, { journal }),
    ]));
  return { bus, sup, clock };
}

/** Crashes `ref`, then lets `gapMs` of fake time pass (restarts fire within the gap). */
async function crash(
  t: { bus: Bus; clock: FakeClock },
  ref: ActorRef<RecorderMsg>,
  gapMs: number,
): Promise<void> {
  t.bus.send("test", ref, { type: "crashRequested", reason: `${ref.name} broke` }, null);
  await settle();
  await t.clock.advance(gapMs);
}

Deno.test("restart intensity is counted across the tree: six crashes of three children in 60 s give up", async () => {
  const journal: string[] = [];
  const t = defaultTree(journal);
  await t.sup.start();
  // Five crashes in 50 s, spread over the three children: five restarts, the limit.
  for (const ref of [A, B, C, A, B]) await crash(t, ref, 10_000);
  assert.deepEqual(
    [t.sup.cell("a")?.status, t.sup.cell("b")?.status, t.sup.cell("c")?.status],
    ["running", "running", "running"],
    "five restarts in 60 s are within the intensity",
  );
  assert.deepEqual(Object.fromEntries(t.sup.restartCounts), { a: 2, b: 2, c: 1 });
  journal.length = 0;
  // The sixth, 50 s after the first: no child crashed more than twice, yet the tree gives up.
  await crash(t, C, 0);
  const exit = await t.sup.done;
  assert.equal(exit.code, 70);
  assert.equal(
    exit.reason,
    '6 crashes in 60 s across the tree (a 2, b 2, c 2), more than 5 restarts: giving up (last error, in actor "c": c broke)',
  );
  assert.deepEqual(journal, ["c:stop", "b:stop", "a:stop"], "clean stop, in reverse order");
});

Deno.test("restart intensity is a sliding window: six crashes over 61 s keep the tree going", async () => {
  const journal: string[] = [];
  const t = defaultTree(journal);
  await t.sup.start();
  // Crashes at 0, 12.2, 24.4, 36.6, 48.8 and 61 s: never six within one 60 s window.
  for (const ref of [A, B, C, A, B]) await crash(t, ref, 12_200);
  await crash(t, C, 1_000);
  assert.deepEqual(
    [t.sup.cell("a")?.status, t.sup.cell("b")?.status, t.sup.cell("c")?.status],
    ["running", "running", "running"],
  );
  assert.deepEqual(Object.fromEntries(t.sup.restartCounts), { a: 2, b: 2, c: 2 });
  // A seventh crash 1 s later would make six within 60 s (12.2 … 62 s): that one gives up.
  await crash(t, A, 0);
  assert.equal((await t.sup.done).code, 70);
});

Deno.test("a single child crashing four times in a minute is restarted each time", async () => {
  const journal: string[] = [];
  const t = defaultTree(journal);
  await t.sup.start();
  journal.length = 0;
  for (let i = 0; i < 4; i++) await crash(t, B, 10_000);
  assert.equal(t.sup.cell("b")?.status, "running");
  assert.equal(t.sup.restartCounts.get("b"), 4);
  assert.deepEqual(journal, Array(4).fill(["b:stop", "b:start"]).flat());
  await t.sup.stop("done");
  assert.equal((await t.sup.done).code, 0);
});

Deno.test("crashes spread beyond the period do not escalate", async () => {
  const journal: string[] = [];
  const { bus, sup, clock } = tree(journal);
  await sup.start();
  for (let i = 1; i <= 6; i++) {
    bus.send("test", C, { type: "crashRequested", reason: `crash ${i}` }, null);
    await settle();
    await clock.advance(30_000);
  }
  assert.equal(sup.cell("c")?.status, "running");
  await sup.stop("done");
  assert.equal((await sup.done).code, 0);
});

Deno.test("a child whose preStart fails is retried with back-off", async () => {
  const journal: string[] = [];
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const failStarts = { remaining: 2 };
  const sup = new Supervisor(
    bus,
    () => Promise.resolve([childSpec(A, recorder, { journal, failStarts })]),
    { backoffBaseMs: 100 },
  );
  await sup.start();
  assert.equal(sup.cell("a")?.status, "crashed");
  await clock.advance(100);
  assert.equal(sup.cell("a")?.status, "crashed", "second attempt fails too");
  await clock.advance(200);
  assert.equal(sup.cell("a")?.status, "running");
  assert.deepEqual(journal, ["a:start"]);
  await sup.stop("done");
});

Deno.test("reboot stops all in reverse, rebuilds (reloading config) and starts all in order", async () => {
  const journal: string[] = [];
  const { bus, sup } = tree(journal);
  await sup.start();
  journal.length = 0;
  bus.send("test", SUPERVISOR, { type: "rebootRequested", reason: "settings written" }, null);
  await settle();
  await settle();
  assert.deepEqual(journal, [
    "c:stop",
    "b:stop",
    "a:stop",
    "build:2",
    "a:start",
    "b:start",
    "c:start",
  ]);
  assert.equal(sup.reboots, 1);
  await sup.stop("done");
});

Deno.test("a reboot whose rebuild fails shuts the tree down with a non-zero exit", async () => {
  const journal: string[] = [];
  const bus = new Bus(new FakeClock());
  let builds = 0;
  const sup = new Supervisor(bus, () => {
    if (++builds > 1) return Promise.reject(new Error("config.toml:3: key a1.baud: bad"));
    return Promise.resolve([childSpec(A, recorder, { journal })]);
  });
  await sup.start();
  await sup.reboot("test");
  const exit = await sup.done;
  assert.equal(exit.code, 70);
  assert.match(exit.reason, /reboot failed: config.toml:3/);
});

Deno.test("supervisor is unhealthy while a handler hangs, healthy again once it returns", async () => {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  let release!: () => void;
  type HangMsg = { readonly type: "hangRequested" };
  const hanger: ActorBehavior<HangMsg, null, null> = {
    preStart: () => null,
    async handle(state) {
      await new Promise<void>((r) => (release = r));
      return state;
    },
  };
  const H: ActorRef<HangMsg> = { name: "hanger" };
  const sup = new Supervisor(bus, () => Promise.resolve([childSpec(H, hanger, null)]));
  await sup.start();
  assert.equal(sup.healthy(5000), true);
  bus.send("test", H, { type: "hangRequested" }, null);
  await settle();
  await clock.advance(4000);
  assert.equal(sup.healthy(5000), true, "busy 4 s is still within 5 s");
  await clock.advance(2000);
  assert.equal(sup.healthy(5000), false, "busy 6 s: hung");
  release();
  await settle();
  assert.equal(sup.healthy(5000), true);
  await sup.stop("done");
});

Deno.test("the trace of a crash shows the message that crashed the handler and the restart", async () => {
  const journal: string[] = [];
  const { bus, sup, clock } = tree(journal);
  const sink = new MemorySink();
  bus.setSink(sink);
  await sup.start();
  bus.send("test", B, { type: "crashRequested", reason: "bad byte 0x7f" }, null);
  await settle();
  await clock.advance(100);
  const crash = sink.records.find((r) => r.error !== undefined);
  assert.equal(crash?.to, "b");
  assert.equal(crash?.type, "crashRequested");
  assert.equal(crash?.error, "bad byte 0x7f");
  assert.equal(crash?.summary, 'reason="bad byte 0x7f"');
  const restart = sink.records.find((r) => r.type === "@sys.restart");
  assert.equal(restart?.to, "b");
  assert.equal(restart?.summary, 'attempt=1 delay_ms=100 error="bad byte 0x7f"');
  assert.deepEqual(
    sink.records.filter((r) => r.type === "@sys.start").map((r) => r.to),
    ["a", "b", "c"],
  );
  await sup.stop("done");
});
