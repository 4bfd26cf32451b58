import assert from "node:assert/strict";
import { Bus, MAX_CHAINED_DRAINS } from "../../../actors/runtime/bus.ts";
import { Cell } from "../../../actors/runtime/cell.ts";
import type { ActorRef } from "../../../actors/runtime/message.ts";
import { FakeClock, settle } from "../../../drivers/fake_clock.ts";
import { MemorySink, recorder, type RecorderMsg } from "./_fixtures.ts";

const A: ActorRef<RecorderMsg> = { name: "a" };
const B: ActorRef<RecorderMsg> = { name: "b" };

Deno.test("cell delivers messages in the order they were sent", async () => {
  const bus = new Bus(new FakeClock());
  const journal: string[] = [];
  const cell = new Cell(A, recorder, { journal }, bus);
  await cell.start();
  for (let i = 0; i < 100; i++) bus.send("test", A, { type: "noted", value: i }, null);
  await settle();
  assert.deepEqual(cell.state?.seen, Array.from({ length: 100 }, (_, i) => i));
  await cell.stop();
});

Deno.test("cell handles one message at a time, even when the handler awaits", async () => {
  const bus = new Bus(new FakeClock());
  const journal: string[] = [];
  const cell = new Cell(A, recorder, { journal }, bus);
  await cell.start();
  bus.send("test", A, { type: "slowNoted", value: 1, ms: 20 }, null);
  bus.send("test", A, { type: "slowNoted", value: 2, ms: 1 }, null);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(journal, ["a:start", "a:begin:1", "a:end:1", "a:begin:2", "a:end:2"]);
  await cell.stop();
});

Deno.test("cell queues messages sent before it started and handles them once running", async () => {
  const bus = new Bus(new FakeClock());
  const journal: string[] = [];
  const cell = new Cell(A, recorder, { journal }, bus);
  bus.send("test", A, { type: "noted", value: 7 }, null);
  await settle();
  assert.deepEqual(journal, []);
  await cell.start();
  await settle();
  assert.deepEqual(journal, ["a:start", "a:noted:7"]);
  await cell.stop();
});

Deno.test("cell reports a handler exception as a failure naming the message", async () => {
  const bus = new Bus(new FakeClock());
  const cell = new Cell(A, recorder, { journal: [] }, bus);
  const failures: string[] = [];
  cell.onFailure = (f) =>
    failures.push(`${f.phase}:${f.envelope?.msg.type}:${(f.error as Error).message}`);
  await cell.start();
  bus.send("test", A, { type: "crashRequested", reason: "boom" }, null);
  await settle();
  assert.deepEqual(failures, ["handle:crashRequested:boom"]);
  assert.equal(cell.status, "crashed");
  await cell.stop();
});

Deno.test("cell stops: runs postStop, drops later messages, cancels its timers", async () => {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const journal: string[] = [];
  const cell = new Cell(
    A,
    {
      ...recorder,
      preStart(ctx, args) {
        ctx.sendAfter({ type: "noted", value: 99 }, 1000);
        return recorder.preStart(ctx, args);
      },
    },
    { journal },
    bus,
  );
  await cell.start();
  assert.equal(clock.pendingTimers, 1);
  await cell.stop();
  assert.equal(clock.pendingTimers, 0);
  bus.send("test", A, { type: "noted", value: 1 }, null);
  await clock.advance(2000);
  assert.deepEqual(journal, ["a:start", "a:stop"]);
  assert.equal(bus.counters.dropped, 1);
});

Deno.test("messages sent by a handler carry the handled message's id as their cause", async () => {
  const bus = new Bus(new FakeClock());
  const sink = new MemorySink();
  bus.setSink(sink);
  const journal: string[] = [];
  const b = new Cell(B, recorder, { journal }, bus);
  const a = new Cell(A, recorder, { journal, peer: B }, bus);
  await b.start();
  await a.start();
  bus.send("test", A, { type: "forwardRequested", value: 5 }, null);
  await settle();
  // Records are written when a handler finishes, so look them up by type, not position.
  const first = sink.records.find((r) => r.type === "forwardRequested");
  const second = sink.records.find((r) => r.type === "noted");
  assert.equal(first?.type, "forwardRequested");
  assert.equal(first?.cause, null);
  assert.equal(second?.type, "noted");
  assert.equal(second?.from, "a");
  assert.equal(second?.to, "b");
  assert.equal(second?.cause, first?.id);
  await a.stop();
  await b.stop();
});

Deno.test("typed refs: sending a message the actor does not accept is a compile error", () => {
  const bus = new Bus(new FakeClock());
  type OtherMsg = { readonly type: "unrelated" };
  const other: ActorRef<OtherMsg> = { name: "other" };
  // @ts-expect-error: "noted" is not an OtherMsg
  bus.send("test", other, { type: "noted", value: 1 }, null);
  // @ts-expect-error: a ref to a recorder is not a ref to OtherMsg's actor
  const wrong: ActorRef<OtherMsg> = A;
  assert.equal(wrong.name, "a");
});

Deno.test("a handler's send never runs the receiver's handler inside it (no nesting, no stack growth)", async () => {
  const bus = new Bus(new FakeClock());
  type Ping = { readonly type: "pinged"; readonly n: number };
  const P: ActorRef<Ping> = { name: "p" };
  const Q: ActorRef<Ping> = { name: "q" };
  const order: string[] = [];
  let last = 0;
  const pinger = (peer: ActorRef<Ping>) => ({
    preStart: () => null,
    handle(
      state: null,
      msg: Ping,
      ctx: { name: string; send: (to: ActorRef<Ping>, m: Ping) => void },
    ) {
      if (msg.n < 3) order.push(`${ctx.name}:begin:${msg.n}`);
      if (msg.n < 50_000) ctx.send(peer, { type: "pinged", n: msg.n + 1 });
      else last = msg.n;
      if (msg.n < 3) order.push(`${ctx.name}:end:${msg.n}`);
      return state;
    },
  });
  const p = new Cell(P, pinger(Q), null, bus);
  const q = new Cell(Q, pinger(P), null, bus);
  await p.start();
  await q.start();
  bus.send("test", P, { type: "pinged", n: 0 }, null);
  while (last === 0) await new Promise((r) => setTimeout(r, 10));
  assert.equal(last, 50_000, "50 000 synchronous ping-pongs without a stack overflow");
  assert.deepEqual(order.slice(0, 4), ["p:begin:0", "p:end:0", "q:begin:1", "q:end:1"]);
  await p.stop();
  await q.stop();
});

Deno.test("each bus counts its own chained drains: a busy bus does not make another wait", async () => {
  const busy = new Bus(new FakeClock());
  const quiet = new Bus(new FakeClock());
  // The busy bus spends its whole budget of drains for this turn of the event loop.
  for (let i = 1; i < MAX_CHAINED_DRAINS; i++) void busy.drainStart();
  const order: string[] = [];
  void busy.drainStart().then(() => order.push("busy"));
  void quiet.drainStart().then(() => order.push("quiet"));
  await Promise.resolve();
  assert.deepEqual(order, ["quiet"], "the other bus drains on a microtask");
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(order, ["quiet", "busy"], "the busy bus waited for a turn of the event loop");
  await new Promise((r) => setTimeout(r, 0));
  const next: string[] = [];
  void busy.drainStart().then(() => next.push("busy"));
  await Promise.resolve();
  assert.deepEqual(next, ["busy"], "after the turn, the busy bus's count starts again");
});

Deno.test("a cell on a second bus handles its message at once while the first bus is out of drains", async () => {
  const busy = new Bus(new FakeClock());
  const other = new Bus(new FakeClock());
  const journal: string[] = [];
  const cell = new Cell(B, recorder, { journal }, other);
  await cell.start();
  for (let i = 0; i < MAX_CHAINED_DRAINS; i++) void busy.drainStart();
  other.send("test", B, { type: "noted", value: 1 }, null);
  // A few microtasks, no macrotask: enough only if the drain starts on a microtask.
  for (let i = 0; i < 5; i++) await Promise.resolve();
  assert.deepEqual(journal, ["b:start", "b:noted:1"]);
  await cell.stop();
});
