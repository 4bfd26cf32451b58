/**
 * The SunSpec variant's words: every sample telegram against its hand-made table through the
 * documented map, for model 203 with either energy view and for model 213; then a worked
 * example in raw words, the signs, and saturation of a connection too large for W_SF = 1.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sunspec } from "../../../variants/sunspec/mod.ts";
import { buildConfigWith, buildValueSuite, sampleImage } from "../_build_values.ts";
import { at, contextOf, evaluate, sampleMeasurements } from "../_contexts.ts";
import { fork3x230v } from "../expected/fork_3x230v.ts";
import { configDefaults, loadConfigText } from "../../../config/mod.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";
import { SUNSPEC_203_METER_SPECS, SUNSPEC_203_SPECS, SUNSPEC_213_SPECS } from "./expected_map.ts";
import { registerOptions, settingsView } from "../../../actors/register_store.ts";
import { imageLayout } from "../../../actors/register_image_builder.ts";
import { builtImage } from "../../actors/_built_image.ts";

buildValueSuite(sunspec, SUNSPEC_203_SPECS);
buildValueSuite(sunspec, SUNSPEC_203_METER_SPECS, 'sunspec_energy = "meter"');
buildValueSuite(sunspec, SUNSPEC_213_SPECS, "sunspec_model = 213");

Deno.test("sunspec model 203 sends the 3×230 V fork telegram's figures as scaled int16", () => {
  const image = sampleImage(sunspec, fork3x230v, fork3x230v.files[0]!);
  const h = (a: number, n = 1) => [...image.holding.subarray(a, a + n)];
  assert.deepEqual(h(40000, 4), [0x5375, 0x6e53, 1, 65], '"SunS", model 1, length 65');
  assert.deepEqual(h(40069, 2), [203, 105]);
  // Worked by hand: 1-0:1.7.0(00.153*kW) = 153 W → W_SF 1 → 15 (0x000F); 1-0:22.7.0(00.055*kW)
  // on L1 = −55 W → −5.5, rounded to −5 or −6; 1-0:32.7.0(233.0*V) → 2330 (0x091A);
  // 1-0:31.7.0(000.63*A) → 63; import 18417.194 kWh → 18417194 Wh = 0x0119_062A.
  assert.equal(h(40087)[0], 15);
  assert.ok([0xfffb, 0xfffa].includes(h(40088)[0]!), `WphA ${h(40088)}`);
  assert.equal(h(40077)[0], 0x091a);
  assert.equal(h(40072)[0], 63);
  assert.deepEqual(h(40115, 2), [0x0119, 0x062a], "TotWhImp, high word first");
  assert.deepEqual(h(40176, 2), [0xffff, 0], "the end model");
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: null });
});

Deno.test("sunspec model 213 serves floats at the same addresses' chain, ending at 40195", () => {
  const image = sampleImage(sunspec, fork3x230v, fork3x230v.files[0]!, "sunspec_model = 213");
  const h = (a: number, n = 1) => [...image.holding.subarray(a, a + n)];
  assert.deepEqual(h(40069, 2), [213, 124]);
  // W = 153.0 = 0x43190000.
  assert.deepEqual(h(40097, 2), [0x4319, 0x0000]);
  assert.deepEqual(h(40195, 2), [0xffff, 0]);
  assert.deepEqual(h(40176, 2), [0, 0], "nothing of model 203 is left");
});

Deno.test("sunspec W is positive importing; invert negates it and swaps the energies", () => {
  const m = sampleMeasurements("dsmr_parser_V5_EON_HU.txt");
  // 1-0:2.7.0(02.601*kW): exporting 2601 W → −260 (W_SF 1); 1.8.0 173.640, 2.8.0 627.177 kWh.
  const plain = evaluate(sunspec, contextOf(m, { choices: { "registers.sunspec_model": 203 } }));
  assert.equal(plain.get(at("holding", 40087)), -2601);
  assert.equal(plain.get(at("holding", 40115)), 173640, "TotWhImp = taken from the grid");
  assert.equal(plain.get(at("holding", 40107)), 627177, "TotWhExp = fed in");
  const meter = evaluate(
    sunspec,
    contextOf(m, {
      choices: { "registers.sunspec_model": 203, "registers.sunspec_energy": "meter" },
    }),
  );
  assert.equal(meter.get(at("holding", 40087)), -2601, "the power keeps its sign");
  assert.equal(meter.get(at("holding", 40115)), 627177);
  const inverted = evaluate(
    sunspec,
    contextOf(m, { invert: true, choices: { "registers.sunspec_model": 203 } }),
  );
  assert.equal(inverted.get(at("holding", 40087)), 2601);
  assert.equal(inverted.get(at("holding", 40115)), 627177);
});

Deno.test("sunspec model 203: 3 × 63 A at 230 V fits the scale factors; beyond ±327 kW saturates", () => {
  const full = {
    voltageL1V: 230,
    voltageL2V: 230,
    voltageL3V: 230,
    currentL1A: 63,
    currentL2A: 63,
    currentL3A: 63,
    powerImportL1W: 14490,
    powerImportL2W: 14490,
    powerImportL3W: 14490,
    powerImportW: 43470,
  };
  const config = configDefaults(sunspec);
  const options = registerOptions(sunspec, config);
  const words = (m: Record<string, number>) =>
    builtImage(
      imageLayout(sunspec, options),
      { m, hasReading: true, options, settings: settingsView(config) },
      null,
    ).holding;
  const fits = words(full);
  assert.equal(fits[40087], 4347, "W = 43470 W in 10 W steps");
  assert.equal(fits[40071], 18900, "A = 189 A in 0.01 A");
  assert.equal(fits[40072], 6300);
  const huge = words({ ...full, powerImportW: 400_000 });
  assert.equal(huge[40087], 0x7fff, "saturated at +32767, never wrapped");
});

Deno.test("only the sunspec build takes sunspec_model and sunspec_energy", () => {
  const text = '[registers]\nsunspec_model = 213\nsunspec_energy = "meter"\n';
  const own = loadConfigText(text, "config.toml", { build: sunspec });
  assert.ok(own.ok);
  assert.equal(own.config.registers.sunspec_model, 213);
  assert.equal(buildConfigWith(sunspec).registers.sunspec_energy, "grid");
  const other = loadConfigText(text, "config.toml", { build: sdm630 });
  assert.ok(!other.ok);
  assert.deepEqual(other.problems, [
    "config.toml:2: key registers.sunspec_model: the sdm630 build does not offer this option (it takes only 203)",
    'config.toml:3: key registers.sunspec_energy: the sdm630 build does not offer this option (it takes only "grid")',
  ]);
});
