/**
 * Values in 16-bit registers: float32, int16/uint16 and int32/uint32. Each register holds its
 * bytes big-endian (Application Protocol V1.1b3, 4.2); a 32-bit value spans two registers whose
 * order is selectable: `"high-first"` (Eastron and most meters: 240.5 V = 0x43708000 is
 * reg n = 0x4370, reg n+1 = 0x8000) or `"low-first"`.
 *
 * NaN is never written: masters choke on it. Encoders write 0 instead and say so in their
 * returned {@linkcode EncodeStatus}; the caller decides whether to log or to flag the value.
 *
 * @module
 */

/** Order of the two registers of a 32-bit value. */
export type WordOrder = "high-first" | "low-first";

/**
 * Outcome of an encode: `"ok"`; `"nan"` (NaN, 0 written); `"infinite"` (a float that is ±Infinity
 * or too large for float32, 0 written); `"clamped"` (an integer out of the type's range, the
 * nearest bound written).
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

function toInteger(value: number, min: number, max: number): [number, EncodeStatus] {
  if (Number.isNaN(value)) return [0, "nan"];
  if (value < min) return [min, "clamped"];
  if (value > max) return [max, "clamped"];
  return [Math.round(value), "ok"];
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
