/**
 * Pure helpers of the RegisterStore: the masks a variant implies (measured and writable words),
 * merging partial telegrams field by field, and encoding a variant's registers into a complete
 * {@linkcode RegisterImage}.
 *
 * @module
 */
import type { MeasurementKey, Measurements } from "../protocol/dsmr/measurements.ts";
import {
  encodeFloat32,
  encodeInt16,
  encodeInt32,
  type EncodeStatus,
  encodeUint16,
  encodeUint32,
} from "../protocol/modbus/register_codec.ts";
import {
  createRegisterImage,
  REGISTER_SPACE_SIZE,
  type RegisterImage,
} from "../protocol/modbus/register_image.ts";
import {
  type RegisterDef,
  registerWidth,
  type ValueContext,
  type Variant,
} from "../variants/api.ts";

/** The masks of a variant, computed once and shared by every image. */
export interface ImageLayout {
  /** 1 for each input word that holds a measured value. */
  readonly measuredInput: Uint8Array;
  /** 1 for each holding word that holds a measured value. */
  readonly measuredHolding: Uint8Array;
  /** 1 for each holding word a master may write (settings and the reboot register). */
  readonly holdingWritable: Uint8Array;
}

/** Builds the masks of a variant. */
export function imageLayout(variant: Variant): ImageLayout {
  const measuredInput = new Uint8Array(REGISTER_SPACE_SIZE);
  const measuredHolding = new Uint8Array(REGISTER_SPACE_SIZE);
  const holdingWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  for (const def of variant.registers) {
    if (!def.measured) continue;
    const mask = def.space === "input" ? measuredInput : measuredHolding;
    mask.fill(1, def.address, def.address + registerWidth(def.type));
  }
  for (const setting of variant.settings) {
    holdingWritable.fill(1, setting.address, setting.address + registerWidth(setting.type));
  }
  holdingWritable[variant.reboot.address] = 1;
  return { measuredInput, measuredHolding, holdingWritable };
}

/** A measurement field and when (monotonic ms) the telegram that carried it arrived. */
export interface TimedField {
  readonly value: number | string;
  readonly at: number;
}

/** The latest value of every field seen, with its arrival time. */
export type FieldStore = ReadonlyMap<MeasurementKey, TimedField>;

/** Overlays a telegram's fields on the store: fields it did not carry keep their older values. */
export function mergeFields(store: FieldStore, m: Measurements, at: number): FieldStore {
  const next = new Map(store);
  for (const [key, value] of Object.entries(m) as [MeasurementKey, number | string][]) {
    if (value !== undefined) next.set(key, { value, at });
  }
  return next;
}

/** The fields that arrived within `maxAgeMs` of `now` (all of them when `maxAgeMs` is Infinity). */
export function freshFields(store: FieldStore, now: number, maxAgeMs: number): Measurements {
  const m: Record<string, number | string> = {};
  for (const [key, field] of store) {
    if (now - field.at < maxAgeMs) m[key] = field.value;
  }
  return m as Measurements;
}

/** A register whose value could not be encoded as given (NaN, infinite, out of range). */
export interface EncodeProblem {
  readonly def: RegisterDef;
  readonly value: number;
  readonly status: Exclude<EncodeStatus, "ok">;
}

/** Encodes every register of the variant into fresh arrays; masks come from the layout. */
export function buildImage(
  variant: Variant,
  layout: ImageLayout,
  ctx: ValueContext,
  blocked: RegisterImage["blocked"],
  problems?: EncodeProblem[],
): RegisterImage {
  const input = new Uint16Array(REGISTER_SPACE_SIZE);
  const holding = new Uint16Array(REGISTER_SPACE_SIZE);
  for (const def of variant.registers) {
    const value = def.value(ctx);
    if (value === null) continue;
    const words = def.space === "input" ? input : holding;
    const status = encodeRegister(words, def, value);
    if (status !== "ok") problems?.push({ def, value, status });
  }
  return createRegisterImage({
    input,
    holding,
    holdingWritable: layout.holdingWritable,
    measured: { input: layout.measuredInput, holding: layout.measuredHolding },
    blocked,
  });
}

function encodeRegister(words: Uint16Array, def: RegisterDef, value: number): EncodeStatus {
  switch (def.type) {
    case "float32":
      return encodeFloat32(words, def.address, value, def.wordOrder);
    case "uint16":
      return encodeUint16(words, def.address, value);
    case "int16":
      return encodeInt16(words, def.address, value);
    case "uint32":
      return encodeUint32(words, def.address, value, def.wordOrder);
    case "int32":
      return encodeInt32(words, def.address, value, def.wordOrder);
  }
}
