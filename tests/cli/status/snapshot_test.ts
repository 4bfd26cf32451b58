import assert from "node:assert/strict";
import { buildStatusSnapshot } from "../../../cli/status/snapshot.ts";
import { createCounters, recordTurnaround } from "../../../actors/modbus/counters.ts";
import { DEFAULT_CONFIG } from "../../../config/mod.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";

function snapshot(answers: Map<string, unknown>) {
  return buildStatusSnapshot({
    build: { variant: sdm630, target: "x86_64-unknown-linux-gnu" },
    config: DEFAULT_CONFIG,
    configPath: null,
    startedAtWallMs: 0,
    nowWallMs: 1000,
    rssBytes: 1,
    reboots: 0,
    actors: [],
    answers,
  });
}

Deno.test("status snapshot works out each transport's turnaround percentiles, never above the maximum", () => {
  const counters = createCounters("tcp");
  for (let i = 0; i < 99; i++) recordTurnaround(counters.turnaround, 180);
  recordTurnaround(counters.turnaround, 600);
  const s = snapshot(new Map([["modbusTcp", { serving: true, counters }]]));
  const us = s.modbus.tcp?.turnaround_us;
  assert.equal(us?.max, 600);
  assert.ok(us?.p50 !== null && us?.p50 !== undefined && us.p50 >= 180 && us.p50 <= 600);
  assert.ok(us?.p99 !== null && us?.p99 !== undefined && us.p99 >= us.p50 && us.p99 <= 600);
  assert.equal(s.modbus.rtu, null);
});

Deno.test("status snapshot has no turnaround before the first reply, and the console's feed when it runs", () => {
  const s = snapshot(
    new Map<string, unknown>([
      ["modbusTcp", { serving: true, counters: createCounters("tcp") }],
      ["consoleFeed", { live: null, history_points: 0 }],
    ]),
  );
  assert.deepEqual(s.modbus.tcp?.turnaround_us, { p50: null, p99: null, max: null });
  assert.deepEqual(s.console, { live: null, history_points: 0 });
  assert.equal(snapshot(new Map()).console, null);
});
