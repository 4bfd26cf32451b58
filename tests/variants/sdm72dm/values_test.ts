/**
 * The SDM72D-M V2 variant's values: every sample telegram against its hand-made table (the
 * SDM630 values at the addresses both meters share, and the SDM72D-M's own registers), then
 * its own rules.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sdm72dm } from "../../../variants/sdm72dm/mod.ts";
import { at, contextOf, DEFAULT_SETTINGS, evaluate, sampleMeasurements } from "../_contexts.ts";
import { assertFloat32 } from "../_expect.ts";
import { sampleValueSuite } from "../_sample_values.ts";

sampleValueSuite(sdm72dm, {
  // system type 3, parity none = 0, address 2, baud 9600 = code 2, meter code 0x0089
  holding: { 0x000a: 3, 0x0012: 0, 0x0014: 2, 0x001c: 2, 0xfc02: 0x89 },
  input: { 0xfc02: 0x89 },
});

Deno.test("sdm72dm invert swaps the import/export powers and energies, and negates net", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  const values = evaluate(sdm72dm, contextOf(m, { invert: true }));
  const r = (a: number) => values.get(at("input", a)) ?? 0;
  // Cases from the telegram: 1.7.0 = 0, 2.7.0 = 2.601 kW, 1.8.0 = 173.640, 2.8.0 = 627.177
  assertFloat32(r(0x0500), 2601, "import power = the meter's export");
  assert.equal(r(0x0502), 0, "export power = the meter's import");
  assertFloat32(r(0x0184), 627.177, "resettable import");
  assertFloat32(r(0x018c), 453.537, "net = 627.177 − 173.640");
  assertFloat32(r(0x0034), 2601, "total power −(0 − 2601)");
});

Deno.test("sdm72dm shows a configured 38400 baud as code 4, which it will not take as a write", () => {
  const settings = (key: string) => key === "modbus.rtu.baud" ? 38400 : DEFAULT_SETTINGS(key);
  const values = evaluate(sdm72dm, contextOf({}, {}, true, settings));
  assert.equal(values.get(at("holding", 0x001c)), 4);
});

Deno.test("sdm72dm has none of the SDM630-only registers", () => {
  const addresses = new Set(
    sdm72dm.registers.filter((d) => d.space === "input").map((d) => d.address),
  );
  // Phase angles, reactive energy, demand, THD, per-phase energy (manual: not on the SDM72D-M).
  for (const a of [0x0024, 0x0042, 0x004c, 0x0054, 0x00ea, 0x015a, 0x017c]) {
    assert.ok(!addresses.has(a), `0x${a.toString(16)}`);
  }
});
