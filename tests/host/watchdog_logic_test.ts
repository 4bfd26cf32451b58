import assert from "node:assert/strict";
import type { ActorBehavior } from "../../actors/runtime/actor.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import type { ActorRef } from "../../actors/runtime/message.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import {
  INITIAL_WATCHDOG_STATE,
  maxBusyMsFor,
  pingPeriodMs,
  type WatchdogAction,
  type WatchdogEvent,
  WatchdogKeeper,
  type WatchdogState,
  watchdogStep,
} from "../../host/watchdog_logic.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";

/** systemd's WatchdogSec=30 in ms, as deploy/a1mb.service sets it. */
const INTERVAL = 30_000;

/** A target that records each notification with the fake time it was sent at. */
function recordingTarget(clock: FakeClock) {
  const sent: string[] = [];
  const at = () => clock.now();
  return {
    sent,
    target: {
      ready: () => sent.push(`READY@${at()}`),
      watchdog: () => sent.push(`WATCHDOG@${at()}`),
      stopping: () => sent.push(`STOPPING@${at()}`),
    },
  };
}

/** One event and the actions the rule must give for it, from a given state. */
const STEP_CASES: readonly {
  name: string;
  state: WatchdogState;
  event: WatchdogEvent;
  actions: WatchdogAction[];
}[] = [
  // A healthy tick pings.
  {
    name: "healthy tick",
    state: INITIAL_WATCHDOG_STATE,
    event: { type: "tick", healthy: true },
    actions: [{ type: "sendWatchdog" }],
  },
  // The first unhealthy tick reports the change and does not ping.
  {
    name: "first unhealthy tick",
    state: INITIAL_WATCHDOG_STATE,
    event: { type: "tick", healthy: false },
    actions: [{ type: "healthChanged", healthy: false }],
  },
  // Still unhealthy: nothing at all.
  {
    name: "still unhealthy",
    state: { ...INITIAL_WATCHDOG_STATE, healthy: false },
    event: { type: "tick", healthy: false },
    actions: [],
  },
  // Recovery reports the change and pings again.
  {
    name: "recovery",
    state: { ...INITIAL_WATCHDOG_STATE, healthy: false },
    event: { type: "tick", healthy: true },
    actions: [{ type: "healthChanged", healthy: true }, { type: "sendWatchdog" }],
  },
  // The host is ready: READY once.
  {
    name: "host ready",
    state: INITIAL_WATCHDOG_STATE,
    event: { type: "hostReady" },
    actions: [{ type: "sendReady" }],
  },
  // Ready again (a reboot of the actor tree): READY is not repeated.
  {
    name: "host ready again",
    state: { ...INITIAL_WATCHDOG_STATE, readySent: true },
    event: { type: "hostReady" },
    actions: [],
  },
  // Stop: STOPPING.
  {
    name: "stop",
    state: INITIAL_WATCHDOG_STATE,
    event: { type: "stop" },
    actions: [{ type: "sendStopping" }],
  },
  // After the stop, not even a healthy tick pings.
  {
    name: "tick after stop",
    state: { ...INITIAL_WATCHDOG_STATE, stopped: true },
    event: { type: "tick", healthy: true },
    actions: [],
  },
];

for (const c of STEP_CASES) {
  Deno.test(`watchdog rule: ${c.name}`, () => {
    assert.deepEqual(watchdogStep(c.state, c.event).actions, c.actions);
  });
}

Deno.test("watchdog ping period and handler busy limit are half the interval", () => {
  assert.equal(pingPeriodMs(30_000), 15_000);
  assert.equal(maxBusyMsFor(30_000), 15_000);
  assert.equal(maxBusyMsFor(null), 15_000);
  assert.equal(maxBusyMsFor(null, 5_000), 5_000);
});

Deno.test("watchdog keeper pings at start and every half interval while healthy", async () => {
  const clock = new FakeClock();
  const { sent, target } = recordingTarget(clock);
  const keeper = new WatchdogKeeper({ intervalMs: INTERVAL, healthy: () => true, target, clock });
  keeper.start();
  await clock.advance(60_000);
  assert.deepEqual(sent, [
    "WATCHDOG@0",
    "WATCHDOG@15000",
    "WATCHDOG@30000",
    "WATCHDOG@45000",
    "WATCHDOG@60000",
  ]);
  assert.equal(keeper.pings, 5);
  keeper.stop();
});

Deno.test("a hung actor stops the pings and its recovery resumes them", async () => {
  const clock = new FakeClock();
  const { sent, target } = recordingTarget(clock);
  let healthy = true;
  const changes: boolean[] = [];
  const keeper = new WatchdogKeeper({
    intervalMs: INTERVAL,
    healthy: () => healthy,
    target,
    clock,
    onHealthChange: (h) => changes.push(h),
  });
  keeper.start();
  await clock.advance(20_000); // pings at 0 and 15000
  healthy = false;
  await clock.advance(40_000); // ticks at 30000, 45000, 60000: no ping
  assert.deepEqual(sent, ["WATCHDOG@0", "WATCHDOG@15000"]);
  assert.deepEqual(changes, [false]);
  healthy = true;
  await clock.advance(15_000); // tick at 75000
  assert.deepEqual(sent, ["WATCHDOG@0", "WATCHDOG@15000", "WATCHDOG@75000"]);
  assert.deepEqual(changes, [false, true]);
  keeper.stop();
});

Deno.test("a health check that throws counts as unhealthy", async () => {
  const clock = new FakeClock();
  const { sent, target } = recordingTarget(clock);
  const keeper = new WatchdogKeeper({
    intervalMs: INTERVAL,
    healthy: () => {
      throw new Error("supervisor gone");
    },
    target,
    clock,
  });
  keeper.start();
  await clock.advance(30_000);
  assert.deepEqual(sent, []);
  keeper.stop();
});

Deno.test("READY is sent once, when the host says ready, not at start", async () => {
  const clock = new FakeClock();
  const { sent, target } = recordingTarget(clock);
  const keeper = new WatchdogKeeper({ intervalMs: INTERVAL, healthy: () => true, target, clock });
  keeper.start();
  await clock.advance(10_000);
  assert.ok(!sent.some((s) => s.startsWith("READY")), "not ready before the host says so");
  keeper.markReady();
  await clock.advance(10_000);
  keeper.markReady(); // e.g. after an in-process reboot
  assert.deepEqual(sent.filter((s) => s.startsWith("READY")), ["READY@10000"]);
  keeper.stop();
});

Deno.test("stop sends STOPPING once, cancels the timer, and no ping follows", async () => {
  const clock = new FakeClock();
  const { sent, target } = recordingTarget(clock);
  const keeper = new WatchdogKeeper({ intervalMs: INTERVAL, healthy: () => true, target, clock });
  keeper.start();
  await clock.advance(1_000);
  keeper.stop();
  keeper.stop();
  assert.equal(clock.pendingTimers, 0);
  await clock.advance(60_000);
  keeper.markReady();
  keeper.start();
  assert.deepEqual(sent, ["WATCHDOG@0", "STOPPING@1000"]);
});

Deno.test("without a watchdog interval no timer runs, but READY and STOPPING still go out", async () => {
  const clock = new FakeClock();
  const { sent, target } = recordingTarget(clock);
  const keeper = new WatchdogKeeper({ intervalMs: null, healthy: () => true, target, clock });
  keeper.start();
  assert.equal(clock.pendingTimers, 0);
  keeper.markReady();
  await clock.advance(60_000);
  keeper.stop();
  assert.deepEqual(sent, ["READY@0", "STOPPING@60000"]);
});

Deno.test("a real supervisor with a hung handler stops the pings until the handler returns", async () => {
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
  const { sent, target } = recordingTarget(clock);
  const keeper = new WatchdogKeeper({
    intervalMs: INTERVAL,
    healthy: () => sup.healthy(maxBusyMsFor(INTERVAL)),
    target,
    clock,
  });
  keeper.start();
  keeper.markReady();
  bus.send("test", H, { type: "hangRequested" }, null); // busy from t = 0
  await settle();
  await clock.advance(60_000);
  // Busy 15 s is still within the limit (ping at 15000); at 30000 and later it is hung.
  assert.deepEqual(sent, ["WATCHDOG@0", "READY@0", "WATCHDOG@15000"]);
  release();
  await settle();
  await clock.advance(15_000);
  assert.deepEqual(sent.slice(3), ["WATCHDOG@75000"]);
  keeper.stop();
  await sup.stop("done");
});
