import assert from "node:assert/strict";
import { Histogram, LATENCY_SECONDS_BOUNDS } from "../../../drivers/control/mod.ts";

Deno.test("histogram counts each observation in the first bucket whose bound it does not exceed", () => {
  const h = new Histogram([0.01, 0.1, 1]);
  for (const v of [0.005, 0.01, 0.05, 2, NaN]) h.observe(v);
  assert.deepEqual(h.snapshot({ actor: "a" }), {
    labels: { actor: "a" },
    bounds: [0.01, 0.1, 1],
    cumulativeCounts: [2, 3, 3], // 0.01 itself falls in le="0.01"; 2 only in +Inf
    sum: 0.005 + 0.01 + 0.05 + 2,
    count: 4, // NaN is not an observation
  });
  assert.throws(() => new Histogram([1, 1]), RangeError);
  assert.throws(() => new Histogram([Infinity]), RangeError);
});

Deno.test("histogram without bounds given uses the latency buckets from 100 µs to 2.5 s", () => {
  const h = new Histogram();
  h.observe(0.0003);
  const s = h.snapshot();
  assert.deepEqual(s.bounds, LATENCY_SECONDS_BOUNDS);
  assert.equal(s.bounds[0], 0.0001);
  assert.equal(s.bounds.at(-1), 2.5);
  assert.deepEqual(s.cumulativeCounts.slice(0, 3), [0, 0, 1]); // 0.0003 ≤ 0.0005
  assert.equal(s.labels, undefined);
});
