import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { type Measurements, measurementsFromReading } from "../../../protocol/dsmr/measurements.ts";
import {
  createMeterSimulator,
  type MeterSimulatorOptions,
  nextTelegram,
} from "../../../protocol/dsmr/meter_simulator.ts";
import type { MeterReading } from "../../../protocol/dsmr/reading.ts";
import { bytesToText, readingJson } from "./_fixtures.ts";

interface Step {
  bytes: Uint8Array;
  truth: Measurements;
  reading: MeterReading;
  measured: Measurements;
  timeMs: number;
}

/** Runs a simulated meter over the given times and decodes every telegram. */
function run(options: MeterSimulatorOptions, times: number[]): Step[] {
  let state = createMeterSimulator({ startMs: times[0]!, ...options });
  return times.map((timeMs) => {
    const step = nextTelegram(state, timeMs);
    state = step.state;
    const result = decodeTelegram(step.bytes, { crc: "required" });
    if (!result.ok) throw new assert.AssertionError({ message: result.reason });
    return {
      bytes: step.bytes,
      truth: step.truth,
      reading: result.reading,
      measured: measurementsFromReading(result.reading),
      timeMs,
    };
  });
}

function every(startMs: number, stepMs: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => startMs + k * stepMs);
}

Deno.test("every simulated telegram decodes to the measurements it was built from", () => {
  fc.assert(
    fc.property(
      fc.integer(),
      fc.constantFrom<1 | 3>(1, 3),
      fc.boolean(),
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 30 }),
      (seed, phases, gas, startMs, gaps) => {
        let t = startMs;
        const times = gaps.map((gap) => (t += gap));
        for (const step of run({ seed, phases, gas }, times)) {
          assert.deepStrictEqual(step.measured, step.truth);
        }
      },
    ),
    { numRuns: 200, seed: 20_240_708 }, // fixed seed: the suite is deterministic
  );
});

Deno.test("the simulator is deterministic for a seed and a sequence of times", () => {
  const times = every(Date.UTC(2024, 6, 8, 10), 1000, 20);
  const a = run({ seed: 9 }, times).map((s) => bytesToText(s.bytes));
  const b = run({ seed: 9 }, times).map((s) => bytesToText(s.bytes));
  const c = run({ seed: 10 }, times).map((s) => bytesToText(s.bytes));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("a simulated Belgian telegram has the e-MUCS 1.7 object set", () => {
  const [three] = run({ seed: 1 }, [Date.UTC(2024, 6, 8, 10)]);
  const [one] = run({ seed: 1, phases: 1, gas: false }, [Date.UTC(2024, 6, 8, 10)]);
  assert.deepEqual([...three!.reading.objects.keys()], [
    "0-0:96.1.4",
    "0-0:96.1.1",
    "0-0:1.0.0",
    "1-0:1.8.1",
    "1-0:1.8.2",
    "1-0:2.8.1",
    "1-0:2.8.2",
    "0-0:96.14.0",
    "1-0:1.4.0",
    "1-0:1.6.0",
    "0-0:98.1.0",
    "1-0:1.7.0",
    "1-0:2.7.0",
    "1-0:21.7.0",
    "1-0:41.7.0",
    "1-0:61.7.0",
    "1-0:22.7.0",
    "1-0:42.7.0",
    "1-0:62.7.0",
    "1-0:32.7.0",
    "1-0:52.7.0",
    "1-0:72.7.0",
    "1-0:31.7.0",
    "1-0:51.7.0",
    "1-0:71.7.0",
    "0-0:96.3.10",
    "0-0:17.0.0",
    "1-0:31.4.0",
    "0-0:96.13.0",
    "0-1:24.1.0",
    "0-1:96.1.1",
    "0-1:24.4.0",
    "0-1:24.2.3",
  ]); // deno-fmt-ignore
  assert.equal(three!.reading.header, "FLU5\\253769484_A");
  assert.deepEqual(readingJson(three!.reading).objects["0-0:96.1.4"], {
    value: "50217",
    unit: null,
  });
  assert.match(three!.measured.equipmentId!, /^1SAG\d{10}$/);
  assert.deepEqual(three!.reading.objects.get("0-1:24.1.0"), {
    kind: "text",
    value: "003",
    raw: "003",
  });
  const history = three!.reading.objects.get("0-0:98.1.0");
  assert.ok(history?.kind === "peakHistory" && history.entries.length === 13);
  assert.equal(one!.reading.header, "FLU5\\253770234_A");
  assert.ok(!one!.reading.objects.has("1-0:52.7.0") && !one!.reading.objects.has("0-1:24.1.0"));
  assert.ok(one!.reading.objects.has("1-0:21.7.0") && one!.reading.objects.has("1-0:31.7.0"));
});

Deno.test("simulated energy counters never decrease and totals are the net of the phases", () => {
  // Three days in July every 7 minutes: PV on L1 by day, consumption at night.
  const steps = run({ seed: 5 }, every(Date.UTC(2024, 6, 5), 420_000, 3 * 24 * 60 / 7));
  let exportingWhileImporting = 0;
  for (let k = 0; k < steps.length; k++) {
    const m = steps[k]!.measured;
    const net = [1, 2, 3].map((l) =>
      (m[`powerImportL${l}W` as keyof Measurements] as number) -
      (m[`powerExportL${l}W` as keyof Measurements] as number)
    );
    const total = net.reduce((a, b) => a + b, 0);
    assert.equal(m.powerImportW! - m.powerExportW!, total);
    assert.ok(m.powerImportW === 0 || m.powerExportW === 0, "only one total is non-zero");
    for (let l = 1; l <= 3; l++) {
      const volts = m[`voltageL${l}V` as keyof Measurements] as number;
      const amps = m[`currentL${l}A` as keyof Measurements] as number;
      assert.ok(volts >= 225 && volts <= 240, `voltage ${volts}`);
      assert.ok(Math.abs(amps - Math.abs(net[l - 1]!) / volts) <= 0.005 + 1e-9, "I = |P| / V");
    }
    if (net.some((p) => p < 0) && net.some((p) => p > 0)) exportingWhileImporting++;
    if (k > 0) {
      const p = steps[k - 1]!.measured;
      for (
        const key of [
          "energyImportT1kWh",
          "energyImportT2kWh",
          "energyExportT1kWh",
          "energyExportT2kWh",
        ] as const
      ) {
        assert.ok(m[key]! >= p[key]!, key);
      }
    }
  }
  assert.ok(exportingWhileImporting > 10, "PV makes L1 export while L2/L3 import");
  const first = steps[0]!.measured;
  const last = steps[steps.length - 1]!.measured;
  assert.ok(
    last.energyImportT1kWh! + last.energyImportT2kWh! >
      first.energyImportT1kWh! + first.energyImportT2kWh!,
  );
  assert.ok(
    last.energyExportT1kWh! + last.energyExportT2kWh! >
      first.energyExportT1kWh! + first.energyExportT2kWh!,
  );
});

Deno.test("the simulated meter uses tariff 2 from 22:00 to 07:00 local time and at weekends", () => {
  const cases: [utc: number, night: boolean][] = [
    [Date.UTC(2024, 6, 8, 4, 59), true], // Monday 06:59 CEST
    [Date.UTC(2024, 6, 8, 5, 0), false], // Monday 07:00 CEST
    [Date.UTC(2024, 6, 8, 19, 59), false], // Monday 21:59 CEST
    [Date.UTC(2024, 6, 8, 20, 0), true], // Monday 22:00 CEST
    [Date.UTC(2024, 0, 8, 5, 59), true], // Monday 06:59 CET
    [Date.UTC(2024, 0, 8, 6, 0), false], // Monday 07:00 CET
    [Date.UTC(2024, 6, 6, 10, 0), true], // Saturday noon
    [Date.UTC(2024, 6, 7, 10, 0), true], // Sunday noon
    [Date.UTC(2024, 6, 5, 21, 59), true], // Friday 23:59 CEST
  ];
  for (const [utc, night] of cases) {
    const [step] = run({ seed: 3 }, [utc]);
    assert.equal(step!.measured.tariff, night ? 2 : 1, new Date(utc).toISOString());
  }
});

Deno.test("the simulated clock says S in summer time and W in winter time", () => {
  const cases: [utc: number, tst: string][] = [
    [Date.UTC(2024, 9, 27, 0, 59, 59), "241027025959S"], // last summer second
    [Date.UTC(2024, 9, 27, 1, 0, 0), "241027020000W"], // the hour repeats in winter time
    [Date.UTC(2024, 2, 31, 0, 59, 59), "240331015959W"],
    [Date.UTC(2024, 2, 31, 1, 0, 0), "240331030000S"], // 02:00 is skipped
  ];
  for (const [utc, tst] of cases) {
    const [step] = run({ seed: 1 }, [utc]);
    assert.ok(bytesToText(step!.bytes).includes(`0-0:1.0.0(${tst})`), tst);
    assert.equal(step!.measured.meterTimeMs, utc);
  }
});

Deno.test("the simulated gas meter updates every 5 minutes", () => {
  const steps = run({ seed: 11 }, every(Date.UTC(2024, 0, 10, 12, 0, 30), 30_000, 60));
  for (let k = 1; k < steps.length; k++) {
    const slot = Math.floor(steps[k]!.timeMs / 300_000);
    const previousSlot = Math.floor(steps[k - 1]!.timeMs / 300_000);
    const gas = steps[k]!.reading.objects.get("0-1:24.2.3");
    const before = steps[k - 1]!.reading.objects.get("0-1:24.2.3");
    assert.ok(gas?.kind === "timedNumber" && before?.kind === "timedNumber");
    assert.equal(gas.timestamp!.epochMs, slot * 300_000);
    if (slot === previousSlot) assert.equal(gas.value, before.value);
    else assert.ok(gas.value >= before.value);
  }
  const values = new Set(steps.map((s) => s.measured.gasM3));
  // 12:00:30 → 12:30:00 crosses 6 five-minute boundaries: at most 6 updates.
  assert.ok(values.size > 1 && values.size <= 7, `${values.size} values`);
});

Deno.test("a new month moves the month peak into the 13-month history", () => {
  const times = every(Date.UTC(2024, 6, 31, 20, 0), 60_000, 6 * 60); // 31 July 22:00 → 1 Aug 04:00 CEST
  const steps = run({ seed: 4 }, times);
  const july = steps.find((s) => s.timeMs === Date.UTC(2024, 6, 31, 21, 59))!;
  const august = steps[steps.length - 1]!;
  const peakJuly = july.reading.objects.get("1-0:1.6.0");
  const history = august.reading.objects.get("0-0:98.1.0");
  assert.ok(peakJuly?.kind === "timedNumber" && history?.kind === "peakHistory");
  assert.equal(history.entries.length, 13);
  const newest = history.entries[12]!;
  assert.deepEqual(newest.monthStart, { epochMs: Date.UTC(2024, 6, 31, 22), offsetMinutes: 120 });
  assert.ok(newest.value >= peakJuly.value);
  assert.ok(august.measured.demandMaxMonthW! > 0 && august.measured.demandAverageW! >= 0);
  const months = history.entries.map((e) => e.monthStart!.epochMs);
  assert.deepEqual(months, [...months].sort((a, b) => a - b), "oldest first");
});
