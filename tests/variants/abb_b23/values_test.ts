/**
 * The ABB B23 variant's words: every sample telegram against its hand-made table through the
 * documented map, then worked examples in raw words (uint64 energy, int32 power while exporting,
 * Victron's probe) and the sign rule.
 *
 * @module
 */
import assert from "node:assert/strict";
import { abb_b23 } from "../../../variants/abb_b23/mod.ts";
import { buildValueSuite, sampleImage } from "../_build_values.ts";
import { at, contextOf, evaluate, sampleMeasurements } from "../_contexts.ts";
import { eonHu } from "../expected/eon_hu.ts";
import { fork3x230v } from "../expected/fork_3x230v.ts";
import { ABB_B23_SPECS } from "./expected_map.ts";

buildValueSuite(abb_b23, ABB_B23_SPECS);

Deno.test("abb_b23 answers Victron's probe: 0x8960 × 2 reads the uint32 0x42323320", () => {
  const image = sampleImage(abb_b23, fork3x230v, fork3x230v.files[0]!);
  assert.deepEqual([image.holding[0x8960], image.holding[0x8961]], [0x4232, 0x3320]);
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: null });
});

Deno.test("abb_b23 sends energies as uint64 and power as int32, high word first", () => {
  const image = sampleImage(abb_b23, eonHu, eonHu.files[0]!);
  const words = (a: number, n: number) => [...image.holding.subarray(a, a + n)];
  // Worked by hand from the telegram: 1-0:1.8.0(000173.640*kWh) × 100 = 17364 = 0x43D4;
  // 1-0:2.8.0(000627.177*kWh) × 100 = 62717.7 → 62718 = 0xF4FE;
  // 1-0:2.7.0(02.601*kW): −2601 W × 100 = −260100 = 0xFFFC07FC.
  assert.deepEqual(words(0x5000, 4), [0, 0, 0, 0x43d4]);
  assert.deepEqual(words(0x5004, 4), [0, 0, 0, 0xf4fe]);
  assert.deepEqual(words(0x5b14, 2), [0xfffc, 0x07fc]);
});

Deno.test("abb_b23 invert negates the power and swaps the energies", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  const v = evaluate(abb_b23, contextOf(m, { invert: true }));
  assert.equal(v.get(at("holding", 0x5b14)), 2601);
  assert.equal(v.get(at("holding", 0x5000)), 627.177);
  assert.equal(v.get(at("holding", 0x5004)), 173.64);
});
