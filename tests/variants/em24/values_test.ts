/**
 * The EM24 variant's words: every sample telegram against its hand-made table through the
 * build's documented map, then a worked example in raw words (low word first) and the sign rules.
 *
 * @module
 */
import assert from "node:assert/strict";
import { em24 } from "../../../variants/em24/mod.ts";
import { buildValueSuite, sampleImage } from "../_build_values.ts";
import { at, contextOf, evaluate, evaluateText, sampleMeasurements } from "../_contexts.ts";
import { fork3x230v } from "../expected/fork_3x230v.ts";
import { EM24_SPECS } from "./expected_map.ts";

buildValueSuite(em24, EM24_SPECS);

Deno.test("em24 sends the 3×230 V fork telegram's figures as integers, low word first", () => {
  const image = sampleImage(em24, fork3x230v, fork3x230v.files[0]!);
  const words = (a: number) => [image.holding[a], image.holding[a + 1]];
  // Worked by hand: 1-0:32.7.0(233.0*V) → 2330 = 0x0000091A; 1-0:1.7.0(00.153*kW) → 1530 =
  // 0x000005FA; 1-0:31.7.0(000.63*A) → 630 = 0x00000276; 1-0:22.7.0(00.055*kW) → L1 −550 =
  // 0xFFFFFDDA; import 18417.194 kWh → 184172 = 0x0002CF6C.
  assert.deepEqual(words(0x0000), [0x091a, 0x0000]);
  assert.deepEqual(words(0x0028), [0x05fa, 0x0000]);
  assert.deepEqual(words(0x000c), [0x0276, 0x0000]);
  assert.deepEqual(words(0x0012), [0xfdda, 0xffff]);
  assert.deepEqual(words(0x003e), [0xcf6c, 0x0002]);
  assert.equal(image.holding[0x000b], 71);
  // "1SAG3100138726" → serial 100138726 → "100138726", two characters per register.
  assert.deepEqual([...image.holding.subarray(0x1300, 0x1307)], [
    0x3130,
    0x3031,
    0x3338,
    0x3732,
    0x3600,
    0x0000,
    0x0000,
  ]);
  // FC03 and FC04 read the same registers.
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: "holding" });
});

Deno.test("em24 power is negative exporting; currents and power factors stay magnitudes", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  // 1-0:1.7.0(00.000*kW) 1-0:2.7.0(02.601*kW): exporting 2601 W.
  const plain = evaluate(em24, contextOf(m));
  assert.equal(plain.get(at("holding", 0x0028)), -2601);
  for (const a of [0x000c, 0x000e, 0x0010, 0x0032, 0x0033, 0x0034, 0x0035]) {
    assert.ok((plain.get(at("holding", a)) ?? 0) >= 0, `0x${a.toString(16)}`);
  }
  const inverted = evaluate(em24, contextOf(m, { invert: true }));
  assert.equal(inverted.get(at("holding", 0x0028)), 2601);
  // 1-0:1.8.0(000173.640*kWh) 1-0:2.8.0(000627.177*kWh)
  assert.equal(inverted.get(at("holding", 0x003e)), 627.177, "import = the meter's export");
  assert.equal(inverted.get(at("holding", 0x005c)), 173.64, "export = the meter's import");
});

Deno.test("em24 serial text is zero-padded so Victron never sees fewer than 2 characters", () => {
  const texts = evaluateText(em24, contextOf({}, { serial: 5 }));
  assert.equal(texts.get(at("holding", 0x1300)), "0000005");
  const before = evaluateText(em24, contextOf({}, {}, false));
  assert.equal(before.get(at("holding", 0x1300)), "0000001", "no telegram yet: serial 1");
});
