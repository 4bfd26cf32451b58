import assert from "node:assert/strict";
import { requestRealtime, type SchedulingCalls } from "../../drivers/realtime.ts";
import { EPERM } from "../../drivers/ffi/errno.ts";

/** A kernel double: grants SCHED_FIFO up to `allowUpTo` (0: never), records what was asked. */
function kernel(allowUpTo: number, rlimit: number, refusal = EPERM) {
  const asked: number[] = [];
  const sys: SchedulingCalls = {
    setFifo(priority) {
      asked.push(priority);
      return priority <= allowUpTo ? 0 : refusal;
    },
    rtprioLimit: () => rlimit,
  };
  return { sys, asked };
}

Deno.test("real-time request: granted at the priority asked for", () => {
  const k = kernel(99, 0);
  assert.deepEqual(requestRealtime(10, k.sys), { policy: "fifo", priority: 10 });
  assert.deepEqual(k.asked, [10]);
});

Deno.test("real-time request: a lower RLIMIT_RTPRIO (LimitRTPRIO=5) is used instead of failing", () => {
  const k = kernel(5, 5);
  assert.deepEqual(requestRealtime(10, k.sys), { policy: "fifo", priority: 5 });
  assert.deepEqual(k.asked, [10, 5]);
});

Deno.test("real-time request: refused without the right, the thread stays normal and the reason names the fix", () => {
  const k = kernel(0, 0);
  assert.deepEqual(requestRealtime(10, k.sys), {
    policy: "normal",
    reason: "real-time scheduling refused (EPERM): run as root or give the service LimitRTPRIO=10",
  });
  assert.deepEqual(k.asked, [10], "no retry without a limit");
});

Deno.test("real-time request: another refusal is described by its errno", () => {
  const k = kernel(0, 0, 22);
  assert.deepEqual(requestRealtime(10, k.sys), {
    policy: "normal",
    reason: "real-time scheduling refused (EINVAL): invalid argument",
  });
});

Deno.test("real-time request: a priority outside 1…99 is a RangeError", () => {
  for (const bad of [0, 100, 1.5, Number.NaN]) {
    assert.throws(() => requestRealtime(bad, kernel(99, 0).sys), RangeError, String(bad));
  }
});
