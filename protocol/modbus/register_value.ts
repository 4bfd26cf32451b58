/**
 * A number in registers by its type name: the one dispatch from a register table's type
 * (`"int32"`, `"uint64"`, …) to the codec, with a fixed scale. The value written is
 * `round(value × scale)` for the integer types and `value × scale` for float32, so a table keeps
 * physical units (V, A, W) and says how the meter scales them (Carlo Gavazzi V × 10, ABB W × 100,
 * Chint's scaled floats, SunSpec's 10^−SF). An integer that does not fit saturates at the type's
 * limit, never wraps.
 *
 * @example
 * ```ts
 * const words = new Uint16Array(2);
 * encodeNumber(words, 0, "int32", -1234.5, "low-first", 10); // EM24 W × 10, low word first
 * // words: 0xCFC7 0xFFFF (−12345)
 * encodeNumber(words, 0, "int16", 50_000, "high-first", 1); // "clamped": 0x7FFF, never negative
 * ```
 *
 * @module
 */
import {
  decodeFloat32,
  decodeInt16,
  decodeInt32,
  decodeUint16,
  decodeUint32,
  decodeUint64,
  encodeFloat32,
  encodeInt16,
  encodeInt32,
  type EncodeStatus,
  encodeUint16,
  encodeUint32,
  encodeUint64,
  type WordOrder,
} from "./register_codec.ts";

/** The number encodings a register table may use. */
export const NUMBER_TYPES = ["float32", "uint16", "int16", "uint32", "int32", "uint64"] as const;

/** A number encoding. */
export type NumberType = typeof NUMBER_TYPES[number];

/** How many registers a number of `type` occupies. */
export function numberWidth(type: NumberType): 1 | 2 | 4 {
  switch (type) {
    case "uint16":
    case "int16":
      return 1;
    case "float32":
    case "uint32":
    case "int32":
      return 2;
    case "uint64":
      return 4;
  }
}

/**
 * How many registers a table entry occupies: a number its type's width, an ASCII text its
 * `length` (two characters per register).
 *
 * @example
 * ```ts
 * import { wordCount } from "./register_value.ts";
 *
 * if (wordCount({ type: "uint64" }) !== 4) throw new Error("uint64 is four registers");
 * if (wordCount({ type: "text", length: 8 }) !== 8) throw new Error("text is its length");
 * ```
 */
export function wordCount(
  entry: { readonly type: NumberType } | { readonly type: "text"; readonly length: number },
): number {
  return entry.type === "text" ? entry.length : numberWidth(entry.type);
}

/**
 * Writes `value × scale` as `type` at `registers[index…]`.
 *
 * @param scale the meter's fixed scale (10 for "V × 10"); must be finite and not 0
 * @throws {RangeError} if the registers are outside the array or the scale is not usable
 */
export function encodeNumber(
  registers: Uint16Array,
  index: number,
  type: NumberType,
  value: number,
  wordOrder: WordOrder,
  scale = 1,
): EncodeStatus {
  if (!Number.isFinite(scale) || scale === 0) {
    throw new RangeError(`Cannot encode number: scale must be finite and not 0 (got ${scale})`);
  }
  const raw = value * scale;
  switch (type) {
    case "float32":
      return encodeFloat32(registers, index, raw, wordOrder);
    case "uint16":
      return encodeUint16(registers, index, raw);
    case "int16":
      return encodeInt16(registers, index, raw);
    case "uint32":
      return encodeUint32(registers, index, raw, wordOrder);
    case "int32":
      return encodeInt32(registers, index, raw, wordOrder);
    case "uint64":
      return encodeUint64(registers, index, raw, wordOrder);
  }
}

/**
 * Reads a number of `type` at `registers[index…]` and divides it by `scale`: the value in the
 * table's units.
 */
export function decodeNumber(
  registers: Uint16Array,
  index: number,
  type: NumberType,
  wordOrder: WordOrder,
  scale = 1,
): number {
  return decodeRaw(registers, index, type, wordOrder) / scale;
}

/** Reads the raw number of `type` at `registers[index…]`, unscaled. */
export function decodeRaw(
  registers: Uint16Array,
  index: number,
  type: NumberType,
  wordOrder: WordOrder,
): number {
  switch (type) {
    case "float32":
      return decodeFloat32(registers, index, wordOrder);
    case "uint16":
      return decodeUint16(registers, index);
    case "int16":
      return decodeInt16(registers, index);
    case "uint32":
      return decodeUint32(registers, index, wordOrder);
    case "int32":
      return decodeInt32(registers, index, wordOrder);
    case "uint64":
      return decodeUint64(registers, index, wordOrder);
  }
}
