import assert from "node:assert/strict";
import { filterTrace, parseTimeBound } from "../../../cli/trace/trace_filter.ts";
import { RECORDS } from "./_records.ts";

const ids = (rs: readonly { t_us: number }[]) => rs.map((r) => r.t_us);

Deno.test("trace filter --actor keeps records sent by or to that actor", () => {
  const out = filterTrace(RECORDS, { actors: ["registerStore"] });
  assert.deepEqual(ids(out), [2_000_050]);
  const led = filterTrace(RECORDS, { actors: ["ledController"] });
  assert.deepEqual(ids(led), [2_000_060, 3_000_100, 4_000_000]);
});

Deno.test("trace filter --type matches exactly, or with * as a wildcard", () => {
  assert.deepEqual(ids(filterTrace(RECORDS, { types: ["telegramFramed"] })), [
    2_000_000,
    3_000_000,
  ]);
  assert.deepEqual(ids(filterTrace(RECORDS, { types: ["@sys.*"] })), [1_000_000, 4_000_000]);
  assert.deepEqual(ids(filterTrace(RECORDS, { types: ["telegram*ed"] })).length, 4);
});

Deno.test("trace filter --since/--until accept seconds from the start", () => {
  const out = filterTrace(RECORDS, {
    since: parseTimeBound("1", "--since"),
    until: parseTimeBound("2", "--until"),
  });
  assert.deepEqual(ids(out), [2_000_000, 2_000_050, 2_000_060, 3_000_000]);
});

Deno.test("trace filter --since accepts an ISO wall-clock time", () => {
  const out = filterTrace(RECORDS, { since: parseTimeBound("2026-11-25T06:00:02Z", "--since") });
  assert.deepEqual(ids(out), [3_000_000, 3_000_100, 4_000_000]);
});

Deno.test("trace filter rejects a time that is neither seconds nor ISO, naming the flag", () => {
  assert.throws(() => parseTimeBound("yesterday", "--since"), {
    name: "SyntaxError",
    message:
      'Invalid --since: "yesterday" (expected seconds from the start, or an ISO time such as 2026-11-25T06:00:00Z)',
  });
});
