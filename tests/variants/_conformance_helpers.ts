/**
 * Helpers of the conformance suite: encoding a value the way the RegisterStore does (and back),
 * random measurements, and what the configuration schema allows for a setting's key.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkValue } from "../../config/check_value.ts";
import { CONFIG_SCHEMA } from "../../config/mod.ts";
import { MEASUREMENT_KEYS, type Measurements } from "../../protocol/dsmr/measurements.ts";
import { type EncodeStatus } from "../../protocol/modbus/register_codec.ts";
import { decodeRaw, encodeNumber } from "../../protocol/modbus/register_value.ts";
import type { NumberRegisterDef, SettingValue } from "../../variants/api.ts";

/** What a number becomes in its registers: the encode status and the raw number read back. */
export interface RoundTrip {
  readonly status: EncodeStatus;
  /** The raw number the registers hold (value × scale, rounded or saturated). */
  readonly raw: number;
  /** The raw number divided by the scale: the value a master reads, in the table's units. */
  readonly back: number;
}

/** Encodes `value` (× scale) into fresh registers as the RegisterStore does, and reads it back. */
export function roundTrip(
  def: Pick<NumberRegisterDef, "type" | "wordOrder"> & { readonly scale?: number },
  value: number,
): RoundTrip {
  const scale = def.scale ?? 1;
  const words = new Uint16Array(4);
  const status = encodeNumber(words, 0, def.type, value, def.wordOrder, scale);
  const raw = decodeRaw(words, 0, def.type, def.wordOrder);
  return { status, raw, back: raw / scale };
}

/** The smallest and largest raw number an integer type holds. */
export function integerRange(type: NumberRegisterDef["type"]): [number, number] {
  switch (type) {
    case "uint16":
      return [0, 0xffff];
    case "int16":
      return [-0x8000, 0x7fff];
    case "uint32":
      return [0, 0xffffffff];
    case "int32":
      return [-0x80000000, 0x7fffffff];
    case "uint64":
      return [0, 2 ** 64];
    case "float32":
      return [-Infinity, Infinity];
  }
}

/** Random measurements: any subset of fields, any finite value (not only plausible ones). */
export const ARBITRARY_MEASUREMENTS: fc.Arbitrary<Measurements> = fc.record(
  Object.fromEntries(
    MEASUREMENT_KEYS.map((k) => [
      k,
      k === "equipmentId"
        ? fc.string({ maxLength: 40 })
        : fc.oneof(fc.constant(0), fc.double({ min: -1e7, max: 1e7, noNaN: true })),
    ]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Measurements>;

/** Config values a setting's key allows (all of them for lists, the range ends and a few). */
export function allowedValues(key: string): SettingValue[] {
  const spec = CONFIG_SCHEMA.find((d) => d.path === key)?.spec;
  assert.ok(spec !== undefined, `setting key "${key}" is not a configuration key`);
  switch (spec.type) {
    case "integer-choice":
      return [...spec.values];
    case "enum":
      return [...spec.values];
    case "integer":
      return Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i).slice(0, 300);
    case "boolean":
      return [true, false];
    default:
      throw new Error(`setting key "${key}" has a ${spec.type} value: not a register setting`);
  }
}

/** Whether the configuration schema accepts `value` for `key`. */
export function configAccepts(key: string, value: SettingValue): boolean {
  const spec = CONFIG_SCHEMA.find((d) => d.path === key)?.spec;
  if (spec === undefined) return false;
  const raw = typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
  return checkValue(spec, raw).ok;
}
