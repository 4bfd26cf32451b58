import assert from "node:assert/strict";
import {
  createCounters,
  formatStats,
  recordTurnaround,
  snapshotStats,
  turnaroundQuantileUs,
} from "../../../actors/modbus/counters.ts";

Deno.test("turnaround histogram puts each time in the first bucket whose bound it does not exceed", () => {
  const c = createCounters("rtu");
  // 100 µs is the first bound; 101 µs belongs to the ≤ 250 µs bucket.
  recordTurnaround(c.turnaround, 100);
  recordTurnaround(c.turnaround, 101);
  recordTurnaround(c.turnaround, 5_000_000);
  assert.equal(c.turnaround.counts[0], 1);
  assert.equal(c.turnaround.counts[1], 1);
  assert.equal(c.turnaround.counts.at(-1), 1, "beyond every bound: the last bucket");
  assert.equal(c.turnaround.count, 3);
  assert.equal(c.turnaround.maxUs, 5_000_000);
  assert.equal(c.turnaround.sumUs, 5_000_201);
});

Deno.test("turnaround histogram records the answers of one write together", () => {
  const c = createCounters("tcp");
  recordTurnaround(c.turnaround, 180, 3);
  recordTurnaround(c.turnaround, 7000, 0);
  assert.equal(c.turnaround.counts[1], 3);
  assert.equal(c.turnaround.count, 3);
  assert.equal(c.turnaround.sumUs, 540);
  assert.equal(c.turnaround.maxUs, 180, "no answer, no maximum");
});

Deno.test("turnaround quantiles are bucket bounds, the maximum beyond the last bound", () => {
  const c = createCounters("tcp");
  assert.equal(turnaroundQuantileUs(c.turnaround, 0.99), null, "nothing recorded");
  for (let i = 0; i < 98; i++) recordTurnaround(c.turnaround, 80);
  recordTurnaround(c.turnaround, 1500);
  recordTurnaround(c.turnaround, 2_500_000);
  assert.equal(turnaroundQuantileUs(c.turnaround, 0.5), 100);
  // The 99th of 100 sorted times is 1500 µs: in the ≤ 2000 µs bucket.
  assert.equal(turnaroundQuantileUs(c.turnaround, 0.99), 2000);
  assert.equal(turnaroundQuantileUs(c.turnaround, 1), 2_500_000);
});

Deno.test("negative turnarounds (a clock that stood still) count as 0", () => {
  const c = createCounters("rtu");
  recordTurnaround(c.turnaround, -3);
  assert.equal(c.turnaround.counts[0], 1);
  assert.equal(c.turnaround.sumUs, 0);
});

Deno.test("stats line of an RTU slave shows the RTU link counters and exceptions by code", () => {
  const c = createCounters("rtu");
  c.requests = 12;
  c.replies = 9;
  c.exceptions[2] = 2;
  c.exceptions[3] = 1;
  c.crcErrors = 4;
  c.otherAddress = 7;
  c.timeouts = 1;
  recordTurnaround(c.turnaround, 4200);
  const line = formatStats(c);
  assert.match(line, /^stats rtu requests=12 replies=9 exceptions=01:0,02:2,03:1,04:0,0B:0 /);
  assert.match(line, / crc_errors=4 other_address=7 /);
  assert.match(line, / timeouts=1 /);
  assert.match(line, / turnaround_p50_us=<=5000 turnaround_p99_us=<=5000 turnaround_max_us=4200 /);
  assert.doesNotMatch(line, /connections/);
});

Deno.test("stats line of a TCP server shows connections and other unit ids, no serial counters", () => {
  const c = createCounters("tcp");
  c.connectionsOpen = 3;
  c.connectionsRefused = 1;
  c.otherAddress = 2;
  c.timeouts = 4;
  const line = formatStats(c);
  assert.match(line, /^stats tcp /);
  assert.match(line, / other_unit=2 /);
  assert.match(line, / connections_open=3 accepted=0 refused=1 idle_timeouts=4 /);
  assert.match(
    line,
    / turnaround_p50_us=- turnaround_p99_us=- turnaround_max_us=0 turnaround_mean_us=-$/,
  );
  assert.doesNotMatch(line, /crc_errors/);
});

Deno.test("stats snapshot is a flat copy that later counting does not change", () => {
  const c = createCounters("rtu");
  c.requests = 5;
  c.exceptions[1] = 1;
  c.exceptions[11] = 2;
  const snap = snapshotStats(c);
  c.requests = 6;
  assert.equal(snap.requests, 5);
  assert.equal(snap.exceptions, 3);
  assert.equal(snap.turnaroundP99Us, null);
});
