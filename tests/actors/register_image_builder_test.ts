/**
 * The image builder: what a variant's contract turns into words. Scaled integers (saturating),
 * 64-bit and low-word-first values, text, registers served under a build option, protocol
 * writes, and the FC03 option with its consequence: settings are not writable while FC03 reads
 * the measurements.
 *
 * @module
 */
import assert from "node:assert/strict";
import { imageLayout } from "../../actors/register_image_builder.ts";
import { builtImage } from "./_built_image.ts";
import { decodeText } from "../../protocol/modbus/register_codec.ts";
import type { RegisterOptions, ValueContext, Variant } from "../../variants/api.ts";
import { DEFAULT_OPTIONS, DEFAULT_SETTINGS } from "../variants/_contexts.ts";

/** A small meter using every part of the contract. */
const METER: Variant = {
  id: "contract",
  model: "Contract Test Meter",
  registers: [
    {
      space: "holding",
      address: 0x0000,
      name: "Power",
      unit: "W",
      type: "int32",
      scale: 10,
      wordOrder: "low-first",
      measured: true,
      source: { kind: "reading", fields: ["powerImportW"], obis: ["1-0:1.7.0"], rule: "W × 10" },
      value: (c) => c.m.powerImportW ?? null,
    },
    {
      space: "holding",
      address: 0x0002,
      name: "Energy",
      unit: "kWh",
      type: "uint64",
      scale: 100,
      wordOrder: "high-first",
      measured: true,
      source: {
        kind: "reading",
        fields: ["energyImportTotalkWh"],
        obis: ["1-0:1.8.0"],
        rule: "kWh × 100",
      },
      value: (c) => c.m.energyImportTotalkWh ?? null,
    },
    {
      space: "holding",
      address: 0x0010,
      name: "Model",
      unit: "",
      type: "text",
      length: 2,
      wordOrder: "high-first",
      measured: false,
      source: { kind: "fixed", value: "B23 ", rule: "the model" },
      value: () => "B23 ",
    },
    {
      space: "holding",
      address: 0x1101,
      name: "Application",
      unit: "",
      type: "uint16",
      scale: 1,
      wordOrder: "high-first",
      measured: false,
      protocolWrite: true,
      source: { kind: "fixed", value: 7, rule: "7 = H" },
      value: () => 7,
    },
    {
      space: "holding",
      address: 0x0020,
      name: "Only with input",
      unit: "",
      type: "uint16",
      scale: 1,
      wordOrder: "high-first",
      measured: false,
      when: { key: "registers.fc03", value: "input" },
      source: { kind: "fixed", value: 5, rule: "5" },
      value: () => 5,
    },
    {
      space: "input",
      address: 0x0000,
      name: "Voltage",
      unit: "V",
      type: "float32",
      scale: 1,
      wordOrder: "high-first",
      measured: true,
      source: { kind: "reading", fields: ["voltageL1V"], obis: ["1-0:32.7.0"], rule: "V" },
      value: (c) => c.m.voltageL1V ?? null,
    },
  ],
  functionCodes: { fc03: "holding", fc04: "input" },
  config: { defaults: {}, options: ["registers.fc03"] },
  settings: [{
    key: "modbus.rtu.address",
    address: 0x0030,
    type: "uint16",
    wordOrder: "high-first",
    singleWordWrite: false,
    rule: "1…247",
    decode: (n) => ({ ok: true, value: n }),
    encode: (v) => Number(v),
  }],
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: ["a test meter"],
};

function options(fc03: "holding" | "input"): RegisterOptions {
  return { ...DEFAULT_OPTIONS, choices: { "registers.fc03": fc03 } };
}

function ctx(o: RegisterOptions, m: ValueContext["m"]): ValueContext {
  return { m, hasReading: true, options: o, settings: DEFAULT_SETTINGS };
}

Deno.test("image builder encodes scaled, 64-bit, low-word-first and text registers", () => {
  const o = options("holding");
  const image = builtImage(
    imageLayout(METER, o),
    ctx(o, { powerImportW: 1234.5, energyImportTotalkWh: 12345.67, voltageL1V: 240.5 }),
    null,
  );
  // 1234.5 W × 10 = 12345 = 0x00003039, low word first.
  assert.deepEqual([...image.holding.subarray(0, 2)], [0x3039, 0x0000]);
  // 12345.67 kWh × 100 = 1234567 = 0x12D687, four words high first.
  assert.deepEqual([...image.holding.subarray(2, 6)], [0, 0, 0x0012, 0xd687]);
  assert.equal(decodeText(image.holding, 0x10, 2), "B23 ");
  assert.deepEqual([...image.input.subarray(0, 2)], [0x4370, 0x8000]);
  assert.equal(image.holding[0x1101], 7);
  assert.deepEqual(image.readSpaces, { fc03: "holding", fc04: "input" });
});

Deno.test("image builder saturates a value beyond its type and reports it", () => {
  const o = options("holding");
  const problems: Parameters<typeof builtImage>[3] = [];
  const image = builtImage(imageLayout(METER, o), ctx(o, { powerImportW: 3e8 }), null, problems);
  // 3e8 W × 10 does not fit an int32: 0x7FFFFFFF, low word first, never a wrapped negative.
  assert.deepEqual([...image.holding.subarray(0, 2)], [0xffff, 0x7fff]);
  assert.deepEqual(problems.map((p) => [p.def.name, p.status]), [["Power", "clamped"]]);
});

Deno.test("image builder marks protocol writes and measured words", () => {
  const layout = imageLayout(METER, options("holding"));
  assert.equal(layout.shape.echoWritable[0x1101], 1);
  assert.equal(layout.shape.echoWritable[0x1102], 0);
  assert.deepEqual([...layout.shape.measured.holding.subarray(0, 7)], [1, 1, 1, 1, 1, 1, 0]);
  assert.equal(layout.shape.measured.input[0], 1);
});

Deno.test("image builder serves a register with a build-option condition only under that option", () => {
  assert.ok(!imageLayout(METER, options("holding")).registers.some((d) => d.address === 0x20));
  const o = options("input");
  const image = builtImage(imageLayout(METER, o), ctx(o, {}), null);
  assert.equal(image.holding[0x20], 5);
});

Deno.test('image builder: fc03 = "input" points FC03 at the input space and makes settings unwritable', () => {
  const holding = imageLayout(METER, options("holding"));
  assert.equal(holding.shape.holdingWritable[0x30], 1);
  assert.equal(holding.shape.holdingWritable[0xf100], 1);
  const input = imageLayout(METER, options("input"));
  assert.deepEqual(input.shape.readSpaces, { fc03: "input", fc04: "input" });
  assert.equal(input.shape.holdingWritable.indexOf(1), -1, "no setting writable");
  // A build that does not offer the option ignores the choice (the loader refuses it anyway).
  const plain = imageLayout({ ...METER, config: { defaults: {}, options: [] } }, options("input"));
  assert.deepEqual(plain.shape.readSpaces, { fc03: "holding", fc04: "input" });
});
