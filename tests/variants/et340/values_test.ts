/**
 * The ET340 variant's words: every sample telegram against its hand-made table through the
 * build's documented map, then a worked example in raw words (low word first) and the mode-B
 * signs.
 *
 * @module
 */
import assert from "node:assert/strict";
import { et340 } from "../../../variants/et340/mod.ts";
import { buildValueSuite, sampleImage } from "../_build_values.ts";
import { at, contextOf, evaluate, sampleMeasurements } from "../_contexts.ts";
import { fork3x230v } from "../expected/fork_3x230v.ts";
import { ET340_SPECS } from "./expected_map.ts";

buildValueSuite(et340, ET340_SPECS);

Deno.test("et340 sends the 3×230 V fork telegram's figures as integers, low word first", () => {
  const image = sampleImage(et340, fork3x230v, fork3x230v.files[0]!);
  const words = (a: number) => [image.holding[a], image.holding[a + 1]];
  // Worked by hand: 1-0:31.7.0(000.63*A) with L1 exporting (1-0:22.7.0(00.055*kW)) → −630 =
  // 0xFFFFFD8A; 1-0:71.7.0(001.03*A), L3 importing → 1030 = 0x00000406; PF L1 = −55 / 146.79 →
  // −375 = 0xFE89; export 7893.804 kWh → 78938 = 0x0001345A.
  assert.deepEqual(words(0x000c), [0xfd8a, 0xffff]);
  assert.deepEqual(words(0x0010), [0x0406, 0x0000]);
  assert.equal(image.holding[0x002e], 0xfe89);
  assert.deepEqual(words(0x004e), [0x345a, 0x0001]);
  assert.equal(image.holding[0x000b], 345);
  assert.deepEqual([image.holding[0x1002], image.holding[0x1103]], [0, 1]);
  // The per-phase export counters exist (Victron checks 0x0060) and read 0.
  assert.deepEqual([...image.holding.subarray(0x0060, 0x0066)], [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: "holding" });
});

Deno.test("et340 in mode B: power, current and power factor negative while exporting", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  // 1-0:2.7.0(02.601*kW), 1-0:22.7.0 / 42.7.0 / 62.7.0 all exporting.
  const plain = evaluate(et340, contextOf(m));
  assert.equal(plain.get(at("holding", 0x0028)), -2601);
  for (const a of [0x000c, 0x000e, 0x0010, 0x002e, 0x002f, 0x0030, 0x0031]) {
    assert.ok((plain.get(at("holding", a)) ?? 0) < 0, `0x${a.toString(16)}`);
  }
  const inverted = evaluate(et340, contextOf(m, { invert: true }));
  for (const a of [0x0028, 0x000c, 0x000e, 0x0010, 0x0031]) {
    assert.ok((inverted.get(at("holding", a)) ?? 0) > 0, `0x${a.toString(16)} inverted`);
  }
  // 1-0:1.8.0(000173.640*kWh) 1-0:2.8.0(000627.177*kWh)
  assert.equal(inverted.get(at("holding", 0x0034)), 627.177, "import = the meter's export");
  assert.equal(inverted.get(at("holding", 0x004e)), 173.64, "export = the meter's import");
});
