/**
 * Scaled numbers by type name, 64-bit values and ASCII text in registers: worked examples from
 * the meters' documents, then properties over every value (fast-check): what a master reads back
 * is the value × scale rounded, or, when it does not fit, the type's limit on the value's side,
 * never a wrapped number.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeText,
  decodeUint64,
  encodeText,
  encodeUint64,
  type WordOrder,
} from "../../../protocol/modbus/register_codec.ts";
import {
  decodeNumber,
  decodeRaw,
  encodeNumber,
  NUMBER_TYPES,
  type NumberType,
  numberWidth,
} from "../../../protocol/modbus/register_value.ts";

const ORDERS: readonly WordOrder[] = ["high-first", "low-first"];

/** Limits of the integer types (raw numbers). */
const LIMITS: Readonly<Record<Exclude<NumberType, "float32">, readonly [number, number]>> = {
  uint16: [0, 0xffff],
  int16: [-0x8000, 0x7fff],
  uint32: [0, 0xffff_ffff],
  int32: [-0x8000_0000, 0x7fff_ffff],
  uint64: [0, 2 ** 64],
};

// Cases: type, value, scale, word order → words (worked out by hand from the documents).
const EXAMPLES: readonly [NumberType, number, number, WordOrder, number[]][] = [
  // EM24: 230.5 V × 10 = 2305 = 0x00000901, low word first (the CG protocol's own example).
  ["int32", 230.5, 10, "low-first", [0x0901, 0x0000]],
  // EM24: −1 as int32 = 0xFFFF 0xFFFF in either order.
  ["int32", -0.1, 10, "low-first", [0xffff, 0xffff]],
  // ABB: −1234.56 W × 100 = −123456 = 0xFFFE1DC0, high word first.
  ["int32", -1234.56, 100, "high-first", [0xfffe, 0x1dc0]],
  // ABB: 12345.67 kWh × 100 = 1234567 = 0x12D687 as uint64, high word first.
  ["uint64", 12345.67, 100, "high-first", [0x0000, 0x0000, 0x0012, 0xd687]],
  // The same, low word first.
  ["uint64", 12345.67, 100, "low-first", [0xd687, 0x0012, 0x0000, 0x0000]],
  // Chint: 230.5 V sent as the float 2305.0 = 0x45101000.
  ["float32", 230.5, 10, "high-first", [0x4510, 0x1000]],
  // SunSpec W_SF = 1: 1234 W × 0.1 = 123.4 → 123.
  ["int16", 1234, 0.1, "high-first", [123]],
  // ABB: 50.02 Hz × 100 = 5002 = 0x138A.
  ["uint16", 50.02, 100, "high-first", [0x138a]],
];

for (const [type, value, scale, order, words] of EXAMPLES) {
  Deno.test(`register value writes ${value} × ${scale} as ${type} ${order}`, () => {
    const registers = new Uint16Array(numberWidth(type));
    assert.equal(encodeNumber(registers, 0, type, value, order, scale), "ok");
    assert.deepEqual([...registers], words);
  });
}

Deno.test("register value saturates at the type's limit instead of wrapping", () => {
  // Cases: type, value, scale → status and raw read back.
  const cases: [NumberType, number, number, number][] = [
    ["int16", 40_000, 1, 0x7fff], // 40 kW in an int16: 32767, not −25536
    ["int16", -40_000, 1, -0x8000],
    ["uint16", -5, 1, 0], // a negative magnitude: 0, not 65531
    ["int32", 30_000_000, 100, 0x7fff_ffff], // 30 MW × 100
    ["uint32", 5e9, 1, 0xffff_ffff],
    ["uint64", -1, 100, 0],
  ];
  for (const [type, value, scale, raw] of cases) {
    const registers = new Uint16Array(4);
    assert.equal(encodeNumber(registers, 0, type, value, "high-first", scale), "clamped", type);
    assert.equal(decodeRaw(registers, 0, type, "high-first"), raw, `${type} ${value}`);
  }
  const top = new Uint16Array(4);
  assert.equal(encodeUint64(top, 0, 2 ** 70), "clamped");
  assert.deepEqual([...top], [0xffff, 0xffff, 0xffff, 0xffff]);
});

Deno.test("register value refuses a scale of 0 or a non-finite scale", () => {
  const registers = new Uint16Array(2);
  for (const scale of [0, Number.NaN, Infinity]) {
    assert.throws(() => encodeNumber(registers, 0, "int32", 1, "high-first", scale), RangeError);
  }
});

Deno.test("register value writes NaN as 0 and says so, for every type", () => {
  for (const type of NUMBER_TYPES) {
    const registers = new Uint16Array(4).fill(0xabcd);
    assert.equal(encodeNumber(registers, 0, type, Number.NaN, "high-first"), "nan", type);
    assert.deepEqual(
      [...registers.subarray(0, numberWidth(type))],
      new Array(numberWidth(type)).fill(0),
    );
  }
});

Deno.test("register value: a master reads back round(value × scale), or the limit on its side", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...NUMBER_TYPES.filter((t) => t !== "float32")),
      fc.double({ min: -1e20, max: 1e20, noNaN: true }),
      fc.constantFrom(1, 10, 100, 1000, 0.1, 0.01),
      fc.constantFrom(...ORDERS),
      (type, value, scale, order) => {
        const registers = new Uint16Array(4);
        const status = encodeNumber(registers, 0, type, value, order, scale);
        const raw = decodeRaw(registers, 0, type, order);
        const [min, max] = LIMITS[type as Exclude<NumberType, "float32">];
        const want = Math.round(value * scale) + 0; // −0 reads back as 0
        if (want >= min && want < max + (type === "uint64" ? 0 : 1)) {
          assert.equal(status, "ok");
          // uint64 above 2^53: the nearest double.
          assert.equal(raw, type === "uint64" ? Number(BigInt(want)) : want);
        } else {
          assert.equal(status, "clamped");
          const limit = value * scale < min ? min : Math.min(max, 2 ** 64 - 1);
          assert.equal(raw, limit, `${value} × ${scale} as ${type}`);
        }
        if (status === "ok") {
          assert.ok(
            Math.abs(decodeNumber(registers, 0, type, order, scale) - want / scale) <
              1e-6 * Math.max(1, Math.abs(want / scale)),
          );
        }
      },
    ),
    { seed: 640, numRuns: 1000 },
  );
});

Deno.test("register value: a scaled float32 reads back as the float32 nearest value × scale", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(1, 10, 100, 1000),
      fc.constantFrom(...ORDERS),
      (value, scale, order) => {
        const registers = new Uint16Array(2);
        assert.equal(encodeNumber(registers, 0, "float32", value, order, scale), "ok");
        assert.equal(decodeRaw(registers, 0, "float32", order), Math.fround(value * scale));
      },
    ),
    { seed: 641, numRuns: 500 },
  );
});

Deno.test("register codec round-trips every uint64 below 2^53 in both word orders", () => {
  fc.assert(
    fc.property(fc.maxSafeNat(), fc.constantFrom(...ORDERS), (n, order) => {
      const registers = new Uint16Array(4);
      assert.equal(encodeUint64(registers, 0, n, order), "ok");
      assert.equal(decodeUint64(registers, 0, order), n);
      const reversed = order === "high-first" ? "low-first" : "high-first";
      const swapped = [...registers].reverse();
      assert.equal(decodeUint64(Uint16Array.from(swapped), 0, reversed), n);
    }),
    { seed: 642, numRuns: 500 },
  );
});

Deno.test("register codec writes text two characters per register, NUL padded", () => {
  const registers = new Uint16Array(4).fill(0xffff);
  // ABB's model at 0x8960: "B23 " = 0x4232 0x3320 (Victron compares the uint32 0x42323320).
  assert.equal(encodeText(registers, 0, "B23 ", 2), "ok");
  assert.deepEqual([...registers.subarray(0, 2)], [0x4232, 0x3320]);
  // An odd length: the last register holds one character and a NUL.
  assert.equal(encodeText(registers, 0, "SunS!", 4), "ok");
  assert.deepEqual([...registers], [0x5375, 0x6e53, 0x2100, 0x0000]);
  assert.equal(decodeText(registers, 0, 4), "SunS!");
});

Deno.test("register codec cuts a text too long and replaces characters outside printable ASCII", () => {
  const registers = new Uint16Array(2);
  assert.equal(encodeText(registers, 0, "ABCDE", 2), "clamped");
  assert.equal(decodeText(registers, 0, 2), "ABCD");
  assert.equal(encodeText(registers, 0, "é\n", 2), "clamped");
  assert.equal(decodeText(registers, 0, 2), "??");
  assert.throws(() => encodeText(registers, 0, "A", 0), RangeError);
});

Deno.test("register codec round-trips every printable ASCII text that fits", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 16 }).chain((length) =>
        fc.tuple(
          fc.constant(length),
          fc.string({
            unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
            maxLength: 2 * length,
          }),
        )
      ),
      ([length, text]) => {
        const registers = new Uint16Array(length);
        assert.equal(encodeText(registers, 0, text, length), "ok");
        assert.equal(decodeText(registers, 0, length), text);
      },
    ),
    { seed: 643, numRuns: 300 },
  );
});
