/**
 * The DTSU666-H variant's words: every sample telegram against its hand-made table through the
 * documented layout, a worked example in raw words, the layout's shape, and the sign rule.
 *
 * @module
 */
import assert from "node:assert/strict";
import { HUAWEI_BLOCK, POWER_SCALE } from "../../../variants/dtsu666h/block.ts";
import { dtsu666h } from "../../../variants/dtsu666h/mod.ts";
import { buildValueSuite, sampleImage } from "../_build_values.ts";
import { at, contextOf, evaluate, sampleMeasurements } from "../_contexts.ts";
import { assertFloat32 } from "../_expect.ts";
import { fork3x230v } from "../expected/fork_3x230v.ts";
import { DTSU666H_SPECS } from "./expected_map.ts";

buildValueSuite(dtsu666h, DTSU666H_SPECS);

Deno.test("dtsu666h: the Huawei block is 40 floats, the 80 registers the SUN2000 reads at once", () => {
  assert.equal(HUAWEI_BLOCK.length, 40);
  assert.equal(POWER_SCALE, 1, "watts, as the best evidence says");
});

Deno.test("dtsu666h sends the fork telegram's power and the probe's answer in raw words", () => {
  const image = sampleImage(dtsu666h, fork3x230v, fork3x230v.files[0]!);
  // 1-0:1.7.0(00.153*kW) − 2.7.0 = 153 W = float 0x43190000 at 0x084E (2126).
  assert.deepEqual([image.holding[0x084e], image.holding[0x084f]], [0x4319, 0x0000]);
  assert.equal(image.holding[0x07d1], 0x3b11);
  assert.deepEqual([...image.holding.subarray(0x08a6, 0x08b0)], new Array(10).fill(0));
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: null });
});

Deno.test("dtsu666h power is positive importing; invert flips it for an inverter that wants it so", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  // 1-0:1.7.0(00.000*kW) 1-0:2.7.0(02.601*kW): exporting 2601 W.
  assertFloat32(evaluate(dtsu666h, contextOf(m)).get(at("holding", 0x084e)) ?? 0, -2601, "P");
  const inverted = evaluate(dtsu666h, contextOf(m, { invert: true }));
  assertFloat32(inverted.get(at("holding", 0x084e)) ?? 0, 2601, "P inverted");
});
