/**
 * The DTSU666 variant's words: every sample telegram against its hand-made table through the
 * build's documented map, then a worked example in raw words and the sign rules.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dtsu666 } from "../../../variants/dtsu666/mod.ts";
import { buildValueSuite, sampleImage } from "../_build_values.ts";
import { at, contextOf, evaluate, sampleMeasurements } from "../_contexts.ts";
import { assertFloat32 } from "../_expect.ts";
import { fork3x230v } from "../expected/fork_3x230v.ts";
import { DTSU666_SPECS } from "./expected_map.ts";

buildValueSuite(dtsu666, DTSU666_SPECS);

Deno.test("dtsu666 sends the 3×230 V fork telegram's figures as Chint's scaled floats", () => {
  const image = sampleImage(dtsu666, fork3x230v, fork3x230v.files[0]!);
  const words = (a: number) => [image.holding[a], image.holding[a + 1]];
  // Worked by hand: 1-0:32.7.0(233.0*V) → 2330.0 = 0x4511A000; 1-0:1.7.0(00.153*kW) → 1530.0 =
  // 0x44BF4000; 1-0:31.7.0(000.63*A) → 630.0 = 0x441D8000.
  assert.deepEqual(words(0x2006), [0x4511, 0xa000]);
  assert.deepEqual(words(0x2012), [0x44bf, 0x4000]);
  assert.deepEqual(words(0x200c), [0x441d, 0x8000]);
  assert.equal(image.holding[0x000b], 167);
  // FC04 reads nothing: the DTSU666 answers FC03 only.
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: null });
});

Deno.test("dtsu666 power is positive importing; invert negates it and swaps the energies", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  const plain = evaluate(dtsu666, contextOf(m));
  // 1-0:1.7.0(00.000*kW) 1-0:2.7.0(02.601*kW): exporting 2601 W.
  assertFloat32(plain.get(at("holding", 0x2012)) ?? 0, -2601, "Pt while exporting");
  const inverted = evaluate(dtsu666, contextOf(m, { invert: true }));
  assertFloat32(inverted.get(at("holding", 0x2012)) ?? 0, 2601, "Pt inverted");
  // 1-0:1.8.0(000173.640*kWh) 1-0:2.8.0(000627.177*kWh)
  assertFloat32(inverted.get(at("holding", 0x101e)) ?? 0, 627.177, "import = the meter's export");
  assertFloat32(inverted.get(at("holding", 0x401e)) ?? 0, 627.177, "in both blocks");
});
