import assert from "node:assert/strict";
import {
  nextSummaryDue,
  NO_REJECTIONS,
  noteRejection,
  type RejectionLog,
  summarizeRejections,
} from "../../../actors/a1/rejection_log.ts";

const MINUTE = 60_000;

Deno.test("rejection log: the first of a code logs at once, repeats are summarized per window", () => {
  let log: RejectionLog = NO_REJECTIONS;
  const now: boolean[] = [];
  for (let t = 0; t < 10; t++) {
    const noted = noteRejection(log, "crc-mismatch", `crc-mismatch #${t}`, t * 1000, MINUTE);
    log = noted.log;
    now.push(noted.logNow);
  }
  assert.deepEqual(now, [true, false, false, false, false, false, false, false, false, false]);
  assert.equal(nextSummaryDue(log, MINUTE), MINUTE);
  assert.deepEqual(summarizeRejections(log, 59_999, MINUTE).summaries, [], "window not over");
  const tick = summarizeRejections(log, MINUTE, MINUTE);
  assert.deepEqual(tick.summaries, [{
    code: "crc-mismatch",
    count: 9,
    lastReason: "crc-mismatch #9",
    windowMs: MINUTE,
  }]);
  // The flood goes on: the next one is counted for the next summary, not logged.
  assert.equal(noteRejection(tick.log, "crc-mismatch", "again", MINUTE + 1, MINUTE).logNow, false);
});

Deno.test("rejection log: each code has its own window", () => {
  let log: RejectionLog = NO_REJECTIONS;
  const a = noteRejection(log, "crc-mismatch", "a", 0, MINUTE);
  log = a.log;
  const b = noteRejection(log, "bad-value", "b", 10, MINUTE);
  assert.equal(a.logNow, true);
  assert.equal(b.logNow, true);
});

Deno.test("rejection log: a quiet code is forgotten, so a rare rejection is always logged", () => {
  let log = noteRejection(NO_REJECTIONS, "frame-restarted", "x", 0, MINUTE).log;
  const tick = summarizeRejections(log, MINUTE, MINUTE);
  assert.deepEqual(tick.summaries, []);
  assert.equal(tick.log.size, 0);
  assert.equal(nextSummaryDue(tick.log, MINUTE), null);
  log = tick.log;
  assert.equal(noteRejection(log, "frame-restarted", "y", 5 * MINUTE, MINUTE).logNow, true);
});
