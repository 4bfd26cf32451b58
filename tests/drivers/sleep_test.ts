import assert from "node:assert/strict";
import { FakeClock } from "../../drivers/fake_clock.ts";
import { sleep } from "../../drivers/sleep.ts";

/** Whether `p` has settled, and how (after the already-queued callbacks ran). */
async function outcome(p: Promise<void>): Promise<"pending" | "resolved" | string> {
  let state = "pending";
  p.then(() => (state = "resolved"), (e) => (state = `rejected: ${e?.name ?? e}`));
  await new Promise((r) => setTimeout(r, 0));
  return state;
}

Deno.test("sleep resolves once its time has passed on the clock, not before", async () => {
  const clock = new FakeClock();
  const slept = sleep(clock, 1000, new AbortController().signal);
  await clock.advance(999);
  assert.equal(await outcome(slept), "pending");
  await clock.advance(1);
  assert.equal(await outcome(slept), "resolved");
  assert.equal(clock.pendingTimers, 0);
});

Deno.test("sleep rejects with the signal's reason when aborted, and leaves no timer", async () => {
  const clock = new FakeClock();
  const stop = new AbortController();
  const slept = sleep(clock, 1000, stop.signal);
  assert.equal(clock.pendingTimers, 1);
  stop.abort();
  assert.equal(await outcome(slept), "rejected: AbortError");
  assert.equal(clock.pendingTimers, 0);
  // A reason the aborter gives is the rejection.
  const other = new AbortController();
  const cut = sleep(clock, 1000, other.signal);
  const reason = new Error("the slave is stopping");
  other.abort(reason);
  await assert.rejects(cut, (e) => e === reason);
});

Deno.test("sleep rejects at once on a signal already aborted, starting no timer", async () => {
  const clock = new FakeClock();
  const slept = sleep(clock, 1000, AbortSignal.abort());
  assert.equal(clock.pendingTimers, 0);
  assert.equal(await outcome(slept), "rejected: AbortError");
});

Deno.test("sleep without a signal just waits", async () => {
  const clock = new FakeClock();
  const slept = sleep(clock, 50);
  await clock.advance(49);
  assert.equal(await outcome(slept), "pending");
  await clock.advance(1);
  assert.equal(await outcome(slept), "resolved");
});

Deno.test("sleep leaves no abort listener behind: a loop sleeping on one signal for years does not grow", async () => {
  const clock = new FakeClock();
  const stop = new AbortController();
  const signal = stop.signal;
  let listeners = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    listeners--;
    remove(...args);
  }) as typeof signal.removeEventListener;
  for (let i = 0; i < 20; i++) {
    const slept = sleep(clock, 10, signal);
    await clock.advance(10);
    await slept;
  }
  assert.equal(listeners, 0);
  assert.equal(clock.pendingTimers, 0);
});
