/**
 * Values in 16-bit registers: float32, int16/uint16, int32/uint32, uint64 and ASCII text. Each
 * register holds its bytes big-endian (Application Protocol V1.1b3, 4.2); a 32- or 64-bit value
 * spans two or four registers whose order is selectable: `"high-first"` (Eastron, Chint, ABB,
 * SunSpec: 240.5 V = 0x43708000 is reg n = 0x4370, reg n+1 = 0x8000) or `"low-first"` (Carlo
 * Gavazzi: the least significant word at the lowest address). Text holds two characters per
 * register, the first in the high byte, padded with NUL.
 *
 * NaN is never written: masters choke on it. Encoders write 0 instead and say so in their
 * returned {@linkcode EncodeStatus}; the caller decides whether to log or to flag the value.
 * An integer that does not fit saturates at the type's limit, never wraps: a scaled 40 kW in an
 * int16 reads 32767, never a negative number.
 *
 * @module
 */

/** Order of the two registers of a 32-bit value. */
export type WordOrder = "high-first" | "low-first";

/**
 * Outcome of an encode: `"ok"`; `"nan"` (NaN, 0 written); `"infinite"` (a float that is ±Infinity
 * or too large for float32, 0 written); `"clamped"` (an integer out of the type's range, the
 * nearest bound written; a text too long for its registers, cut, or with characters outside
 * printable ASCII, written as `?`).
 */
export type EncodeStatus = "ok" | "nan" | "infinite" | "clamped";

// Conversion scratch between float32 and its bit pattern. It holds no state between calls: every
// function that uses it writes it and reads it back before returning.
const scratch = new ArrayBuffer(4);
const scratchFloat = new Float32Array(scratch);
const scratchBits = new Uint32Array(scratch);

function checkIndex(registers: Uint16Array, index: number, width: number): void {
  if (!Number.isInteger(index) || index < 0 || index + width > registers.length) {
    throw new RangeError(
      `Cannot access register: index out of range (expected 0..${
        registers.length - width
      }, got ${index})`,
    );
  }
}

function putWords(
  registers: Uint16Array,
  index: number,
  bits: number,
  wordOrder: WordOrder,
): void {
  const high = (bits >>> 16) & 0xffff;
  const low = bits & 0xffff;
  if (wordOrder === "high-first") {
    registers[index] = high;
    registers[index + 1] = low;
  } else {
    registers[index] = low;
    registers[index + 1] = high;
  }
}

function getBits(registers: Uint16Array, index: number, wordOrder: WordOrder): number {
  const first = registers[index]!;
  const second = registers[index + 1]!;
  return wordOrder === "high-first"
    ? ((first << 16) | second) >>> 0
    : ((second << 16) | first) >>> 0;
}

/**
 * Writes `value` as an IEEE-754 float32 into `registers[index]` and `registers[index + 1]`
 * (rounded to the nearest float32).
 *
 * @throws {RangeError} if the two registers are outside the array
 */
export function encodeFloat32(
  registers: Uint16Array,
  index: number,
  value: number,
  wordOrder: WordOrder = "high-first",
): EncodeStatus {
  checkIndex(registers, index, 2);
  if (Number.isNaN(value)) {
    putWords(registers, index, 0, wordOrder);
    return "nan";
  }
  const rounded = Math.fround(value);
  if (!Number.isFinite(rounded)) {
    putWords(registers, index, 0, wordOrder);
    return "infinite";
  }
  scratchFloat[0] = rounded;
  putWords(registers, index, scratchBits[0]!, wordOrder);
  return "ok";
}

/** Reads the float32 in `registers[index]` and `registers[index + 1]`. */
export function decodeFloat32(
  registers: Uint16Array,
  index: number,
  wordOrder: WordOrder = "high-first",
): number {
  checkIndex(registers, index, 2);
  scratchBits[0] = getBits(registers, index, wordOrder);
  return scratchFloat[0]!;
}

/** `value` rounded to the nearest integer (−0 as 0), or the nearest bound when it does not fit. */
function toInteger(value: number, min: number, max: number): [number, EncodeStatus] {
  if (Number.isNaN(value)) return [0, "nan"];
  const n = Math.round(value) + 0;
  if (n < min) return [min, "clamped"];
  if (n > max) return [max, "clamped"];
  return [n, "ok"];
}

/** Writes `value` (rounded to an integer) as an unsigned 16-bit register. */
export function encodeUint16(registers: Uint16Array, index: number, value: number): EncodeStatus {
  checkIndex(registers, index, 1);
  const [n, status] = toInteger(value, 0, 0xffff);
  registers[index] = Math.min(n, 0xffff);
  return status;
}

/** Reads an unsigned 16-bit register. */
export function decodeUint16(registers: Uint16Array, index: number): number {
  checkIndex(registers, index, 1);
  return registers[index]!;
}

/** Writes `value` (rounded to an integer) as a two's-complement signed 16-bit register. */
export function encodeInt16(registers: Uint16Array, index: number, value: number): EncodeStatus {
  checkIndex(registers, index, 1);
  const [n, status] = toInteger(value, -0x8000, 0x7fff);
  registers[index] = Math.min(n, 0x7fff) & 0xffff;
  return status;
}

/** Reads a two's-complement signed 16-bit register. */
export function decodeInt16(registers: Uint16Array, index: number): number {
  checkIndex(registers, index, 1);
  return (registers[index]! << 16) >> 16;
}

/** Writes `value` (rounded to an integer) as an unsigned 32-bit value over two registers. */
export function encodeUint32(
  registers: Uint16Array,
  index: number,
  value: number,
  wordOrder: WordOrder = "high-first",
): EncodeStatus {
  checkIndex(registers, index, 2);
  const [n, status] = toInteger(value, 0, 0xffffffff);
  putWords(registers, index, Math.min(n, 0xffffffff) >>> 0, wordOrder);
  return status;
}

/** Reads an unsigned 32-bit value from two registers. */
export function decodeUint32(
  registers: Uint16Array,
  index: number,
  wordOrder: WordOrder = "high-first",
): number {
  checkIndex(registers, index, 2);
  return getBits(registers, index, wordOrder);
}

/** Writes `value` (rounded to an integer) as a two's-complement signed 32-bit value. */
export function encodeInt32(
  registers: Uint16Array,
  index: number,
  value: number,
  wordOrder: WordOrder = "high-first",
): EncodeStatus {
  checkIndex(registers, index, 2);
  const [n, status] = toInteger(value, -0x80000000, 0x7fffffff);
  putWords(registers, index, Math.min(n, 0x7fffffff) | 0, wordOrder);
  return status;
}

/** Reads a two's-complement signed 32-bit value from two registers. */
export function decodeInt32(
  registers: Uint16Array,
  index: number,
  wordOrder: WordOrder = "high-first",
): number {
  checkIndex(registers, index, 2);
  return getBits(registers, index, wordOrder) | 0;
}

const UINT64_MAX = 0xffff_ffff_ffff_ffffn;
const TWO_POW_64 = 18446744073709551616; // 2^64, the first number a uint64 cannot hold

function putWords64(
  registers: Uint16Array,
  index: number,
  value: bigint,
  wordOrder: WordOrder,
): void {
  for (let i = 0; i < 4; i++) {
    const word = Number((value >> BigInt(16 * (3 - i))) & 0xffffn);
    registers[index + (wordOrder === "high-first" ? i : 3 - i)] = word;
  }
}

/**
 * Writes `value` (rounded to an integer) as an unsigned 64-bit value over four registers;
 * negative values write 0 and values from 2^64 on write 2^64 − 1 (`"clamped"`).
 *
 * @example
 * ```ts
 * const words = new Uint16Array(4);
 * encodeUint64(words, 0, 1234567); // ABB energy 12345.67 kWh × 100
 * // words: 0x0000 0x0000 0x0012 0xD687
 * ```
 */
export function encodeUint64(
  registers: Uint16Array,
  index: number,
  value: number,
  wordOrder: WordOrder = "high-first",
): EncodeStatus {
  checkIndex(registers, index, 4);
  if (Number.isNaN(value)) {
    putWords64(registers, index, 0n, wordOrder);
    return "nan";
  }
  if (Math.round(value) < 0) {
    putWords64(registers, index, 0n, wordOrder);
    return "clamped";
  }
  if (value >= TWO_POW_64) {
    putWords64(registers, index, UINT64_MAX, wordOrder);
    return "clamped";
  }
  const n = BigInt(Math.round(value));
  putWords64(registers, index, n > UINT64_MAX ? UINT64_MAX : n, wordOrder);
  return "ok";
}

/**
 * Reads an unsigned 64-bit value from four registers (exact up to 2^53; above that the nearest
 * double).
 */
export function decodeUint64(
  registers: Uint16Array,
  index: number,
  wordOrder: WordOrder = "high-first",
): number {
  checkIndex(registers, index, 4);
  let n = 0n;
  for (let i = 0; i < 4; i++) {
    const word = registers[index + (wordOrder === "high-first" ? i : 3 - i)]!;
    n = (n << 16n) | BigInt(word);
  }
  return Number(n);
}

/**
 * Writes `text` into `length` registers, two characters per register (the first in the high
 * byte), padded with NUL. Characters outside printable ASCII are written as `?` and a text
 * longer than `2 × length` characters is cut; both report `"clamped"`.
 *
 * @example
 * ```ts
 * const words = new Uint16Array(2);
 * encodeText(words, 0, "B23 ", 2); // ABB's model at 0x8960
 * // words: 0x4232 0x3320
 * ```
 */
export function encodeText(
  registers: Uint16Array,
  index: number,
  text: string,
  length: number,
): EncodeStatus {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Cannot encode text: length must be at least 1 register (got ${length})`);
  }
  checkIndex(registers, index, length);
  let status: EncodeStatus = text.length > 2 * length ? "clamped" : "ok";
  for (let i = 0; i < length; i++) {
    let word = 0;
    for (let k = 0; k < 2; k++) {
      const at = 2 * i + k;
      let code = at < text.length ? text.charCodeAt(at) : 0;
      if (at < text.length && (code < 0x20 || code > 0x7e)) {
        code = 0x3f; // "?"
        status = "clamped";
      }
      word = (word << 8) | code;
    }
    registers[index + i] = word;
  }
  return status;
}

/** Reads the text in `length` registers, up to the first NUL. */
export function decodeText(registers: Uint16Array, index: number, length: number): string {
  checkIndex(registers, index, length);
  let text = "";
  for (let i = 0; i < length; i++) {
    const word = registers[index + i]!;
    for (const code of [word >> 8, word & 0xff]) {
      if (code === 0) return text;
      text += String.fromCharCode(code);
    }
  }
  return text;
}
