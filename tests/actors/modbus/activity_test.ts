import assert from "node:assert/strict";
import {
  ACTIVITY_INTERVAL_MS,
  createActivity,
  flushActivity,
  noteActivity,
} from "../../../actors/modbus/activity.ts";

Deno.test("485 activity: the first event is reported at once", () => {
  const s = createActivity();
  assert.deepEqual(noteActivity(s, 1, 0, 1000), {
    kind: "report",
    report: { valid: 1, invalid: 0 },
  });
});

Deno.test("485 activity: events within the interval are aggregated into one flush", () => {
  const s = createActivity();
  noteActivity(s, 1, 0, 1000);
  assert.deepEqual(noteActivity(s, 1, 0, 1010), {
    kind: "arm",
    delayMs: ACTIVITY_INTERVAL_MS - 10,
  });
  assert.deepEqual(noteActivity(s, 0, 2, 1100), { kind: "wait" });
  assert.deepEqual(noteActivity(s, 3, 0, 1200), { kind: "wait" });
  assert.deepEqual(flushActivity(s, 1250), { valid: 4, invalid: 2 });
  assert.equal(flushActivity(s, 1500), null, "nothing left");
});

Deno.test("485 activity: at most 4 reports per second under continuous traffic", () => {
  const s = createActivity();
  let reports = 0;
  let flushAt: number | null = null;
  for (let t = 0; t < 1000; t += 5) {
    if (flushAt !== null && t >= flushAt) {
      if (flushActivity(s, t) !== null) reports++;
      flushAt = null;
    }
    const d = noteActivity(s, 1, 0, t);
    if (d.kind === "report") reports++;
    if (d.kind === "arm") flushAt = t + d.delayMs;
  }
  assert.equal(reports, 4);
});

Deno.test("485 activity: nothing noted, nothing reported", () => {
  const s = createActivity();
  assert.deepEqual(noteActivity(s, 0, 0, 0), { kind: "wait" });
});
