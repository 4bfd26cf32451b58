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
import {
  decodeFloat32,
  decodeInt16,
  decodeInt32,
  decodeUint16,
  decodeUint32,
  encodeFloat32,
  encodeInt16,
  encodeInt32,
  type EncodeStatus,
  encodeUint16,
  encodeUint32,
} from "../../protocol/modbus/register_codec.ts";
import type { RegisterDef, SettingValue } from "../../variants/api.ts";

/** Encodes `value` into a fresh 2-word array and decodes it back. */
export function roundTrip(def: Pick<RegisterDef, "type" | "wordOrder">, value: number): {
  status: EncodeStatus;
  back: number;
} {
  const words = new Uint16Array(2);
  switch (def.type) {
    case "float32":
      return {
        status: encodeFloat32(words, 0, value, def.wordOrder),
        back: decodeFloat32(words, 0, def.wordOrder),
      };
    case "uint16":
      return { status: encodeUint16(words, 0, value), back: decodeUint16(words, 0) };
    case "int16":
      return { status: encodeInt16(words, 0, value), back: decodeInt16(words, 0) };
    case "uint32":
      return {
        status: encodeUint32(words, 0, value, def.wordOrder),
        back: decodeUint32(words, 0, def.wordOrder),
      };
    case "int32":
      return {
        status: encodeInt32(words, 0, value, def.wordOrder),
        back: decodeInt32(words, 0, def.wordOrder),
      };
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
