/**
 * The SDM120 variant's words: every sample telegram against its hand-made table through the
 * build's documented map, then the single-phase rules one at a time.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sdm120 } from "../../../variants/sdm120/mod.ts";
import { buildValueSuite } from "../_build_values.ts";
import { at, contextOf, EDGE_MEASUREMENTS, evaluate, sampleMeasurements } from "../_contexts.ts";
import { assertFloat32 } from "../_expect.ts";
import { SDM120_SPECS } from "./expected_map.ts";

buildValueSuite(sdm120, SDM120_SPECS);

Deno.test("sdm120 serves a single-phase telegram's own values", () => {
  // emucs171-spec annex B (1 phase): 1-0:32.7.0(230.0*V)... read from the telegram file itself.
  const m = sampleMeasurements("emucs171-spec_annexB_1ph_gas-ch1_water-ch2_CRC-ADDED.txt");
  const v = evaluate(sdm120, contextOf(m));
  assert.equal(v.get(at("input", 0x0000)), m.voltageL1V);
  assert.equal(v.get(at("input", 0x0006)), m.currentL1A);
  const power = (m.powerImportW ?? 0) - (m.powerExportW ?? 0);
  assert.equal(v.get(at("input", 0x000c)), power);
});

Deno.test("sdm120 fed a three-phase telegram: total power, summed currents, L1 voltage", () => {
  const v = evaluate(sdm120, contextOf(EDGE_MEASUREMENTS["whole amps, exporting"]!));
  // Cases from the edge set: V1 240; P = 0 − 144 W; currents 0 A each, derived as |P| / V:
  // 48 / 240 + 47.8 / 239 + 48.2 / 241 = 0.2 + 0.2 + 0.2 = 0.6 A.
  assertFloat32(v.get(at("input", 0x0000)) ?? 0, 240, "voltage = L1");
  assertFloat32(v.get(at("input", 0x000c)) ?? 0, -144, "power = the total, export negative");
  assertFloat32(v.get(at("input", 0x0006)) ?? 0, 0.6, "current = the sum of the phases'");
  assertFloat32(v.get(at("input", 0x001e)) ?? 0, -1, "PF = P / S while exporting");
});

Deno.test("sdm120 invert negates the power and swaps import and export", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  const v = evaluate(sdm120, contextOf(m, { invert: true }));
  // 1-0:1.7.0(00.000*kW) 1-0:2.7.0(02.601*kW) 1-0:1.8.0(000173.640*kWh) 1-0:2.8.0(000627.177*kWh)
  assertFloat32(v.get(at("input", 0x000c)) ?? 0, 2601, "−(0 − 2601)");
  assertFloat32(v.get(at("input", 0x0048)) ?? 0, 627.177, "import = the meter's export");
  assertFloat32(v.get(at("input", 0x004a)) ?? 0, 173.64, "export = the meter's import");
});
