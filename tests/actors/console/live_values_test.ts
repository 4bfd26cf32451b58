import assert from "node:assert/strict";
import { LIVE_IDS, liveValues, NO_VALUES } from "../../../actors/console/live_values.ts";
import type { Measurements } from "../../../protocol/dsmr/measurements.ts";

/** A three-phase e-MUCS telegram's values: L1 exporting, L2 and L3 importing. */
const THREE_PHASE: Measurements = {
  powerImportW: 55,
  powerExportW: 0,
  powerImportL1W: 0,
  powerExportL1W: 1513,
  powerImportL2W: 340,
  powerExportL2W: 0,
  powerImportL3W: 1228,
  powerExportL3W: 0,
  voltageL1V: 231.4,
  voltageL2V: 229.9,
  voltageL3V: 232,
  currentL1A: 6,
  currentL2A: 1,
  currentL3A: 5,
  energyImportT1kWh: 1000.5,
  energyImportT2kWh: 2000.25,
  energyExportT1kWh: 10,
  energyExportT2kWh: 20,
  gasM3: 4321.987,
};

Deno.test("live values are the telegram's: net power per phase and in total, export negative", () => {
  assert.deepEqual(liveValues(THREE_PHASE, { invert: false }), {
    power_l1_w: -1513,
    power_l2_w: 340,
    power_l3_w: 1228,
    power_w: 55,
    voltage_l1_v: 231.4,
    voltage_l2_v: 229.9,
    voltage_l3_v: 232,
    current_l1_a: 6,
    current_l2_a: 1,
    current_l3_a: 5,
    import_kwh: 3000.75, // 1.8.1 + 1.8.2
    export_kwh: 30,
    gas_m3: 4321.987,
  });
});

Deno.test("live values with invert: powers turned round and energies swapped, as the registers", () => {
  const live = liveValues(THREE_PHASE, { invert: true });
  assert.equal(live.power_l1_w, 1513);
  assert.equal(live.power_w, -55);
  assert.equal(live.import_kwh, 30);
  assert.equal(live.export_kwh, 3000.75);
  assert.equal(live.voltage_l1_v, 231.4, "voltages and currents are not turned");
  assert.equal(live.current_l1_a, 6);
});

/** Measurements and the live values they give, one rule each. */
const CASES: readonly [
  what: string,
  m: Measurements,
  expected: Partial<Record<string, unknown>>,
][] = [
  // A total sent (Luxembourg, Austria) wins over the tariff sum.
  ["a total energy wins over the tariffs", {
    energyImportTotalkWh: 5,
    energyImportT1kWh: 1,
    energyImportT2kWh: 1,
  }, { import_kwh: 5, export_kwh: null }],
  // One tariff missing counts as 0, as the registers count it.
  ["a missing tariff counts as 0", { energyExportT2kWh: 7.5 }, { export_kwh: 7.5 }],
  // One of a power pair missing counts as 0; neither sent is no value, never 0.
  ["one side of a power pair is enough", { powerExportL2W: 40 }, {
    power_l2_w: -40,
    power_l1_w: null,
    power_w: null,
  }],
  // No −0 for an idle phase under invert.
  ["an idle phase is 0, not −0", { powerImportL1W: 0, powerExportL1W: 0 }, { power_l1_w: 0 }],
  // A telegram without gas shows none.
  ["no gas channel, no gas", { voltageL1V: 230 }, { gas_m3: null }],
];

for (const [what, m, expected] of CASES) {
  Deno.test(`live values: ${what}`, () => {
    const live = liveValues(m, { invert: false }) as Record<string, unknown>;
    for (const [id, value] of Object.entries(expected)) {
      assert.ok(Object.is(live[id], value), `${id}: ${live[id]}, expected ${value}`);
    }
  });
}

Deno.test("live values: an idle phase is 0 under invert too, not −0", () => {
  const live = liveValues({ powerImportL1W: 0, powerExportL1W: 0 }, { invert: true });
  assert.ok(Object.is(live.power_l1_w, 0));
});

Deno.test("an empty telegram has no live value at all", () => {
  assert.deepEqual(liveValues({}, { invert: false }), NO_VALUES);
  assert.deepEqual(Object.keys(NO_VALUES), [...LIVE_IDS]);
});
