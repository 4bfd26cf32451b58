import assert from "node:assert/strict";
import { HISTORY_SPAN_MS, PowerHistory } from "../../../actors/console/power_history.ts";

const sample = (t: number, w: number) => ({ t, l1: w, l2: w + 1, l3: null, total: 2 * w + 1 });

Deno.test("power history keeps one sample per second: a later one in the same second replaces it", () => {
  const h = new PowerHistory();
  h.add(sample(10_000, 1));
  h.add(sample(10_400, 2));
  h.add(sample(10_999, 3));
  h.add(sample(11_000, 4));
  assert.equal(h.size, 2);
  assert.deepEqual(h.series(0, 11_000), {
    t: [10_999, 11_000],
    l1: [3, 4],
    l2: [4, 5],
    l3: [null, null],
    total: [7, 9],
  });
});

Deno.test("power history serves only what is newer than since and within the last hour", () => {
  const h = new PowerHistory();
  for (let s = 0; s < 100; s++) h.add(sample(s * 1000, s));
  assert.deepEqual(h.series(96_000, 99_000).l1, [97, 98, 99]);
  // An hour later only the last samples of the span are left.
  const now = 99_000 + HISTORY_SPAN_MS - 2_000;
  assert.deepEqual(h.series(0, now).l1, [98, 99]);
});

Deno.test("power history holds at most an hour of seconds, dropping the oldest", () => {
  const h = new PowerHistory();
  const start = 1_700_000_000_000;
  for (let s = 0; s < 4000; s++) h.add(sample(start + s * 1000, s));
  assert.equal(h.size, 3600);
  const series = h.series(0, start + 3999 * 1000);
  assert.equal(series.t.length, 3600);
  assert.equal(series.l1[0], 400, "the 400 oldest were dropped");
  assert.equal(series.l1.at(-1), 3999);
});

Deno.test("power history ignores a sample older than the newest (a clock step back)", () => {
  const h = new PowerHistory();
  h.add(sample(50_000, 1));
  h.add(sample(40_000, 2));
  assert.deepEqual(h.series(0, 50_000).l1, [1]);
});
