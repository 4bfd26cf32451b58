import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeFloat32,
  decodeInt16,
  decodeInt32,
  decodeUint16,
  decodeUint32,
  encodeFloat32,
  encodeInt16,
  encodeInt32,
  encodeUint16,
  encodeUint32,
  type WordOrder,
} from "../../../protocol/modbus/register_codec.ts";

/** Float32 values with their register words, high word first (sources in the comments). */
const FLOATS: readonly { value: number; high: number; low: number }[] = [
  // Eastron SDM630 doc: 240.5 V = 0x43708000.
  { value: 240.5, high: 0x4370, low: 0x8000 },
  // IEEE-754: the float32 nearest to 230.2 is 0x43663333 (230.19999695).
  { value: 230.2, high: 0x4366, low: 0x3333 },
  // IEEE-754: 1.0 = 0x3F800000, -2.0 = 0xC0000000, 0.0 = 0.
  { value: 1, high: 0x3f80, low: 0x0000 },
  { value: -2, high: 0xc000, low: 0x0000 },
  { value: 0, high: 0x0000, low: 0x0000 },
];

for (const { value, high, low } of FLOATS) {
  Deno.test(`register codec writes ${value} as float32 ${high.toString(16)} ${low.toString(16)}`, () => {
    const registers = new Uint16Array(4);
    assert.equal(encodeFloat32(registers, 1, value), "ok");
    assert.deepEqual(registers, Uint16Array.of(0, high, low, 0));
    assert.equal(decodeFloat32(registers, 1), Math.fround(value));
  });
}

Deno.test("register codec reads the SDM630 doc reply 43 66 33 34 as 230.2 V", () => {
  // Eastron SDM630 doc: reply data 43 66 33 34 "= 230.2 V". It is 230.20001220703125, one unit
  // in the last place above the float32 nearest to 230.2 (0x43663333): the meter's own rounding.
  const value = decodeFloat32(Uint16Array.of(0x4366, 0x3334), 0);
  assert.equal(value, 230.20001220703125);
  assert.equal(value.toFixed(1), "230.2");
});

Deno.test("register codec swaps the two words of a float32 for low-first order", () => {
  const registers = new Uint16Array(2);
  encodeFloat32(registers, 0, 240.5, "low-first");
  assert.deepEqual(registers, Uint16Array.of(0x8000, 0x4370));
  assert.equal(decodeFloat32(registers, 0, "low-first"), 240.5);
  assert.notEqual(decodeFloat32(registers, 0, "high-first"), 240.5);
});

Deno.test("register codec never writes NaN: it writes 0 and reports it", () => {
  const registers = Uint16Array.of(0x1234, 0x5678);
  assert.equal(encodeFloat32(registers, 0, Number.NaN), "nan");
  assert.deepEqual(registers, Uint16Array.of(0, 0));
});

Deno.test("register codec writes 0 for infinities and values beyond float32", () => {
  for (const value of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e39, -1e39]) {
    const registers = Uint16Array.of(0x1234, 0x5678);
    assert.equal(encodeFloat32(registers, 0, value), "infinite", String(value));
    assert.deepEqual(registers, Uint16Array.of(0, 0));
  }
});

/** Integers with their register words (two's complement, high word first). */
const INTEGERS: readonly {
  name: string;
  encode: (r: Uint16Array, i: number, v: number) => string;
  decode: (r: Uint16Array, i: number) => number;
  value: number;
  words: number[];
}[] = [
  {
    name: "uint16 65535",
    encode: encodeUint16,
    decode: decodeUint16,
    value: 65535,
    words: [0xffff],
  },
  { name: "int16 -1", encode: encodeInt16, decode: decodeInt16, value: -1, words: [0xffff] },
  {
    name: "int16 -32768",
    encode: encodeInt16,
    decode: decodeInt16,
    value: -32768,
    words: [0x8000],
  },
  {
    name: "uint32 0x12345678",
    encode: encodeUint32,
    decode: decodeUint32,
    value: 0x12345678,
    words: [0x1234, 0x5678],
  },
  {
    name: "int32 -2",
    encode: encodeInt32,
    decode: decodeInt32,
    value: -2,
    words: [0xffff, 0xfffe],
  },
  {
    name: "int32 -2147483648",
    encode: encodeInt32,
    decode: decodeInt32,
    value: -2147483648,
    words: [0x8000, 0x0000],
  },
];

for (const { name, encode, decode, value, words } of INTEGERS) {
  Deno.test(`register codec writes ${name} as ${words.map((w) => w.toString(16)).join(" ")}`, () => {
    const registers = new Uint16Array(words.length);
    assert.equal(encode(registers, 0, value), "ok");
    assert.deepEqual(Array.from(registers), words);
    assert.equal(decode(registers, 0), value);
  });
}

Deno.test("register codec swaps the words of 32-bit integers for low-first order", () => {
  const registers = new Uint16Array(2);
  encodeUint32(registers, 0, 0x12345678, "low-first");
  assert.deepEqual(registers, Uint16Array.of(0x5678, 0x1234));
  assert.equal(decodeUint32(registers, 0, "low-first"), 0x12345678);
  encodeInt32(registers, 0, -2, "low-first");
  assert.deepEqual(registers, Uint16Array.of(0xfffe, 0xffff));
  assert.equal(decodeInt32(registers, 0, "low-first"), -2);
});

/** Integers out of range are clamped to the nearest bound and reported; NaN is 0. */
const OUT_OF_RANGE: readonly {
  name: string;
  encode: (r: Uint16Array, i: number, v: number) => string;
  value: number;
  words: number[];
  status: string;
}[] = [
  { name: "uint16 70000", encode: encodeUint16, value: 70000, words: [0xffff], status: "clamped" },
  { name: "uint16 -5", encode: encodeUint16, value: -5, words: [0], status: "clamped" },
  { name: "int16 40000", encode: encodeInt16, value: 40000, words: [0x7fff], status: "clamped" },
  { name: "int16 -40000", encode: encodeInt16, value: -40000, words: [0x8000], status: "clamped" },
  {
    name: "uint32 2^32",
    encode: encodeUint32,
    value: 2 ** 32,
    words: [0xffff, 0xffff],
    status: "clamped",
  },
  {
    name: "int32 +Infinity",
    encode: encodeInt32,
    value: Number.POSITIVE_INFINITY,
    words: [0x7fff, 0xffff],
    status: "clamped",
  },
  { name: "uint16 NaN", encode: encodeUint16, value: Number.NaN, words: [0], status: "nan" },
  { name: "int32 NaN", encode: encodeInt32, value: Number.NaN, words: [0, 0], status: "nan" },
];

for (const { name, encode, value, words, status } of OUT_OF_RANGE) {
  Deno.test(`register codec reports ${name} as ${status}`, () => {
    const registers = new Uint16Array(words.length).fill(0x1111);
    assert.equal(encode(registers, 0, value), status);
    assert.deepEqual(Array.from(registers), words);
  });
}

Deno.test("register codec rounds fractional integers to the nearest", () => {
  const registers = new Uint16Array(1);
  assert.equal(encodeUint16(registers, 0, 2.6), "ok");
  assert.equal(registers[0], 3);
});

Deno.test("register codec refuses an index outside the registers", () => {
  const registers = new Uint16Array(2);
  assert.throws(() => encodeFloat32(registers, 1, 1), RangeError);
  assert.throws(() => decodeUint16(registers, 2), RangeError);
  assert.throws(() => encodeInt16(registers, -1, 1), RangeError);
  assert.throws(() => decodeInt32(registers, 0.5), RangeError);
});

const ORDERS: readonly WordOrder[] = ["high-first", "low-first"];

Deno.test("register codec round-trips every finite float32 in both word orders", () => {
  fc.assert(
    fc.property(
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(...ORDERS),
      (value, order) => {
        const registers = new Uint16Array(2);
        assert.equal(encodeFloat32(registers, 0, value, order), "ok");
        assert.ok(Object.is(decodeFloat32(registers, 0, order), value));
      },
    ),
    { seed: 630, numRuns: 300 },
  );
});

Deno.test("register codec round-trips every int32 and uint32 in both word orders", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      fc.nat({ max: 2 ** 32 - 1 }),
      fc.constantFrom(...ORDERS),
      (signed, unsigned, order) => {
        const registers = new Uint16Array(4);
        encodeInt32(registers, 0, signed, order);
        encodeUint32(registers, 2, unsigned, order);
        assert.equal(decodeInt32(registers, 0, order), signed);
        assert.equal(decodeUint32(registers, 2, order), unsigned);
      },
    ),
    { seed: 631, numRuns: 300 },
  );
});
