import assert from "node:assert/strict";
import {
  BACKOFF_START,
  backoffDelayMs,
  backoffFailed,
  backoffPolicy,
  backoffSucceeded,
  RECONNECT_BACKOFF,
} from "../../../actors/runtime/backoff.ts";

const POLICY = { minMs: 1000, maxMs: 30_000 };

Deno.test("back-off: 1 s doubling to 30 s, and no further", () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 50, 10_000].map((n) => backoffDelayMs(n, POLICY)),
    [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000],
  );
});

Deno.test("back-off: every reconnection defaults to 1 s doubling to 30 s", () => {
  assert.deepEqual(RECONNECT_BACKOFF, POLICY);
  assert.deepEqual(backoffPolicy({}), POLICY);
  assert.deepEqual(backoffPolicy({ retryMinMs: 10, retryMaxMs: 40 }), { minMs: 10, maxMs: 40 });
  // A first delay above the default longest one: no doubling at all.
  assert.deepEqual(backoffPolicy({ retryMinMs: 60_000 }), { minMs: 60_000, maxMs: 60_000 });
});

/** Policies that cannot work, and the words that say why. */
const BAD_POLICIES: readonly {
  args: { retryMinMs?: number; retryMaxMs?: number };
  error: RegExp;
}[] = [
  // Zero would retry in a busy loop.
  { args: { retryMinMs: 0 }, error: /Invalid retry delay: "0" ms \(must be above 0\)/ },
  // NaN from a bad computation.
  { args: { retryMinMs: Number.NaN }, error: /Invalid retry delay: "NaN" ms/ },
  // A longest delay below the first.
  {
    args: { retryMinMs: 1000, retryMaxMs: 500 },
    error: /Invalid longest retry delay: "500" ms \(below the first, 1000\)/,
  },
];

for (const c of BAD_POLICIES) {
  Deno.test(`back-off: refuses ${JSON.stringify(c.args)}`, () => {
    assert.throws(
      () => backoffPolicy(c.args),
      (e) => e instanceof RangeError && c.error.test(e.message),
    );
  });
}

Deno.test("back-off: each failure waits longer, due on the caller's clock", () => {
  let backoff = BACKOFF_START;
  const steps: { delayMs: number; retryAt: number }[] = [];
  let now = 500;
  for (let i = 0; i < 4; i++) {
    const step = backoffFailed(backoff, "no such device", now, POLICY);
    steps.push({ delayMs: step.delayMs, retryAt: step.retryAt });
    backoff = step.backoff;
    now = step.retryAt;
  }
  assert.deepEqual(steps, [
    { delayMs: 1000, retryAt: 1500 },
    { delayMs: 2000, retryAt: 3500 },
    { delayMs: 4000, retryAt: 7500 },
    { delayMs: 8000, retryAt: 15_500 },
  ]);
  assert.deepEqual(backoff, { failures: 4, lastError: "no such device" });
});

Deno.test("back-off: a success starts the delays over and says it ended a run of failures", () => {
  const failed = backoffFailed(
    backoffFailed(BACKOFF_START, "refused", 0, POLICY).backoff,
    "refused",
    0,
    POLICY,
  );
  const back = backoffSucceeded(failed.backoff);
  assert.equal(back.recovered, true);
  assert.deepEqual(back.backoff, { failures: 0, lastError: "refused" }, "the reason stays");
  assert.equal(backoffFailed(back.backoff, "refused", 0, POLICY).delayMs, 1000);
  // Nothing had failed: the same state, nothing to say.
  const again = backoffSucceeded(back.backoff);
  assert.equal(again.recovered, false);
  assert.equal(again.backoff, back.backoff);
});

Deno.test("back-off: a failure is a change to log only when it is the first or a new reason", () => {
  const reasons = ["ENOENT", "ENOENT", "ENOENT", "EACCES", "EACCES", "ENOENT"];
  let backoff = BACKOFF_START;
  const changed: boolean[] = [];
  for (const reason of reasons) {
    const step = backoffFailed(backoff, reason, 0, POLICY);
    changed.push(step.changed);
    backoff = step.backoff;
  }
  assert.deepEqual(changed, [true, false, false, true, false, true]);
  // After a success the same reason is news again: the link worked in between.
  const back = backoffSucceeded(backoff).backoff;
  assert.equal(backoffFailed(back, "ENOENT", 0, POLICY).changed, true);
});
