/**
 * The SDM630 variant's values: every sample telegram against its hand-made table, then the
 * rules one at a time (invert, derived = false, frequency, serial, 3×230 V grids, the masters'
 * plausibility checks).
 *
 * @module
 */
import assert from "node:assert/strict";
import { sdm630 } from "../../../variants/sdm630/mod.ts";
import { at, contextOf, EDGE_MEASUREMENTS, evaluate, sampleMeasurements } from "../_contexts.ts";
import { assertFloat32 } from "../_expect.ts";
import { sampleValueSuite } from "../_sample_values.ts";

sampleValueSuite(sdm630, {
  // demand period 15, system type 3, parity none = 0, address 2, baud 9600 = code 2,
  // meter code 0x0070, firmware 0x0100
  holding: { 0x0002: 15, 0x000a: 3, 0x0012: 0, 0x0014: 2, 0x001c: 2, 0xfc02: 0x70, 0xfc03: 0x100 },
  input: { 0xfc02: 0x70, 0xfc03: 0x100 },
});

const FORK = "arduino-dsmr-fork_test_full_be_3x230V_13months.txt";

function read(file: string, options = {}, crc: "required" | "optional" = "required") {
  const values = evaluate(sdm630, contextOf(sampleMeasurements(file, crc), options));
  return (address: number, space: "input" | "holding" = "input") =>
    values.get(at(space, address)) ?? 0;
}

Deno.test("sdm630 invert negates every power and swaps import and export", () => {
  const r = read(FORK, { invert: true });
  // Cases: [address, value] written from the telegram (see expected/fork_3x230v.ts).
  const cases: [number, number][] = [
    [0x000c, 55], // L1: −(0 − 55)
    [0x0010, -208], // L3: −(208 − 0)
    [0x0034, -153], // total: −(153 − 0)
    [0x0048, 7893.804], // import = the meter's export 2.8.1 + 2.8.2
    [0x004a, 18417.194], // export = the meter's import
    [0x0156, 26310.998], // total kWh unchanged
    [0x0054, -118], // demand negated
    [0x0056, -1811], // maximum demand negated
    [0x0006, 0.63], // currents stay magnitudes
    [0x001e, 0.374684924], // PF follows P: 55 / 146.79
    [0x003e, -0.394627902], // total PF: −153 / 387.707
  ];
  for (const [address, value] of cases) {
    assertFloat32(r(address), value, `0x${address.toString(16)}`);
  }
});

Deno.test("sdm630 derived = false serves the telegram's values and 0 for everything derived", () => {
  const r = read(FORK, { derived: false });
  assert.equal(r(0x0012), 0); // apparent power
  assert.equal(r(0x001e), 0); // power factor
  assert.equal(r(0x002a), 0); // average voltage
  assert.equal(r(0x0030), 0); // sum of currents
  assert.equal(r(0x00cc), 0); // L3-L1 is computed
  assertFloat32(r(0x00c8), 233, "L1-L2 is the meter's 32.7.0");
  assertFloat32(r(0x00ca), 233.9, "L2-L3 is the meter's 72.7.0");
  assertFloat32(r(0x0034), 153, "total power");
  const iskra = read("dsmr_parser_ISKRA_IE.txt", { derived: false });
  assert.equal(iskra(0x0006), 0, "whole-amp 0 A stays 0 A");
  const eon = read("dsmr_parser_V5_EON_HU.txt", { derived: false });
  assert.equal(eon(0x000c), 0, "the total is not split over the phases");
  assertFloat32(eon(0x0034), -2601, "total power");
  const domoticz = read("domoticz_P1MeterSerial_BE_T211_1ph_50213.txt", { derived: false });
  assertFloat32(domoticz(0x000c), -198, "a single-phase meter's total is its phase 1 power");
});

Deno.test("sdm630 frequency: the telegram's 14.7.0, else the nominal frequency while data comes", () => {
  assert.equal(read("dsmr_parser_V5.txt")(0x0046), 0);
  assert.equal(read("dsmr_parser_V5.txt", { nominalFrequencyHz: 50 })(0x0046), 50);
  assert.equal(read("dsmr_parser_V5_EON_HU.txt", { nominalFrequencyHz: 60 })(0x0046), 50);
  assert.equal(
    read("geduxas-arduino-dsmr_test_be_partial.txt", { nominalFrequencyHz: 50 })(0x0046),
    0,
  );
  const stale = evaluate(
    sdm630,
    contextOf(EDGE_MEASUREMENTS["identity only"]!, { nominalFrequencyHz: 50 }),
  );
  assert.equal(stale.get(at("input", 0x0046)), 0);
});

Deno.test("sdm630 serial: configured, from the id's last 9 digits, else 1", () => {
  const serial = (m: Record<string, string>, options = {}, hasReading = true) =>
    evaluate(sdm630, contextOf(m, options, hasReading)).get(at("holding", 0xfc00));
  // Cases: equipment id → serial.
  assert.equal(serial({ equipmentId: "1SAG3100138726" }), 100138726); // 13100138726 → last 9
  assert.equal(serial({ equipmentId: "E0047000007630817" }), 7630817); // leading zeros drop
  assert.equal(serial({ equipmentId: "09610" }), 9610); // short id
  assert.equal(serial({ equipmentId: "SAGEMCOM" }), 1); // no digits
  assert.equal(serial({ equipmentId: "000000000000" }), 1); // digits make 0
  assert.equal(serial({}), 1); // a telegram without id
  assert.equal(serial({}, {}, false), 1); // no telegram yet
  assert.equal(serial({ equipmentId: "1SAG3100138726" }, { serial: 4294967295 }), 4294967295);
});

Deno.test("sdm630 3×230 V grid announced by 1-0:94.32.1(230): line voltages are the meter's", () => {
  const values = evaluate(sdm630, contextOf(EDGE_MEASUREMENTS["3x230 V grid announced"]!));
  const r = (a: number) => values.get(at("input", a)) ?? 0;
  assertFloat32(r(0x00c8), 231.2, "L1-L2 = 32.7.0");
  assertFloat32(r(0x00ca), 229.8, "L2-L3 = 72.7.0");
  // √(231.2² + 229.8² − 231.2 · 229.8) = √53131.72 = 230.5031887
  assertFloat32(r(0x00cc), 230.5031887, "L3-L1");
  assert.equal(r(0x0002), 0, "L2 voltage served as the meter gives it");
  const grid400 = evaluate(sdm630, contextOf(EDGE_MEASUREMENTS["3N×400 V grid, dead L2"]!));
  // 3N×400 V with a dead L2: √(230.1² + 0 + 0) = 230.1, never the 3×230 V rule.
  assertFloat32(grid400.get(at("input", 0x00c8)) ?? 0, 230.1, "L1-L2 with L2 dead");
});

Deno.test("sdm630 openWB's checks pass on every sample telegram that carries 1-0:32.7.0", () => {
  const files = [
    FORK,
    "domoticz_P1MeterSerial_BE_T211_1ph_50213.txt",
    "dsmr_parser_FLUVIUS_V171.txt",
    "dsmr_parser_FLUVIUS_V171_ALT.txt",
    "dsmr_parser_ISKRA_IE.txt",
    "dsmr_parser_V5.txt",
    "dsmr_parser_V5_EON_HU.txt",
    "dsmrhub_TelegramMappingTests_BE_1ph_50217_empty98.txt",
    "edge_gas-invalid-timestamp_V5.txt",
    "emucs171-spec_annexB_1ph_gas-ch1_water-ch2_CRC-ADDED.txt",
    "influx-recorder_BE_1ph_50216_nogas.txt",
    "p1smartmeter-cs_NL_Sagemcom_XS210_1ph_gas.txt",
  ];
  for (const file of files) {
    const r = read(file);
    const voltages = [r(0x0000), r(0x0002), r(0x0004)];
    for (const v of voltages) assert.ok(v === 0 || (v > 200 && v < 250), `${file}: ${voltages}`);
    const currents = r(0x0006) + r(0x0008) + r(0x000a);
    const power = r(0x000c) + r(0x000e) + r(0x0010); // openWB sums the phase powers
    assert.equal(currents === 0, power === 0, `${file}: ΣI = ${currents}, ΣP = ${power}`);
    assert.notEqual(r(0xfc00, "holding"), 0, `${file}: serial 0`);
  }
});
