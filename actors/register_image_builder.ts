/**
 * Pure helpers of the RegisterStore: the layout a variant implies under the active options
 * (which registers are served, measured and writable words, the spaces FC03 and FC04 read),
 * merging partial telegrams field by field, and encoding a variant's registers into the update
 * the store publishes (the served words only, see `protocol/modbus/image_update.ts`).
 *
 * Settings are writable only while FC03 reads the holding space that shows them: with
 * `[registers] fc03 = "input"` they are set through the configuration file alone.
 *
 * @module
 */
import type { MeasurementKey, Measurements } from "../protocol/dsmr/measurements.ts";
import { type EncodeStatus, encodeText } from "../protocol/modbus/register_codec.ts";
import { encodeNumber } from "../protocol/modbus/register_value.ts";
import { type MeasuredBlock, REGISTER_SPACE_SIZE } from "../protocol/modbus/register_image.ts";
import {
  clearImageWords,
  createImageShape,
  gatherImageWords,
  type ImageShape,
  type ImageUpdate,
} from "../protocol/modbus/image_update.ts";
import {
  isServed,
  readSpaces,
  type RegisterDef,
  type RegisterOptions,
  type ValueContext,
  type Variant,
} from "../variants/api.ts";
import { numberWidth, wordCount } from "../protocol/modbus/register_value.ts";

/** The served registers of a variant under the active options, and the shape of its images. */
export interface ImageLayout {
  /** The registers served (those whose `when` condition holds). */
  readonly registers: readonly RegisterDef[];
  /** The words they occupy, the masks (measured, writable, protocol writes), the read spaces. */
  readonly shape: ImageShape;
}

/** Builds the layout of a variant under `options` (the active configuration's). */
export function imageLayout(variant: Variant, options: RegisterOptions): ImageLayout {
  const registers = variant.registers.filter((def) => isServed(def, options));
  const servedInput = new Uint8Array(REGISTER_SPACE_SIZE);
  const servedHolding = new Uint8Array(REGISTER_SPACE_SIZE);
  const measuredInput = new Uint8Array(REGISTER_SPACE_SIZE);
  const measuredHolding = new Uint8Array(REGISTER_SPACE_SIZE);
  const holdingWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  const echoWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  for (const def of registers) {
    const end = def.address + wordCount(def);
    (def.space === "input" ? servedInput : servedHolding).fill(1, def.address, end);
    if (def.measured) {
      (def.space === "input" ? measuredInput : measuredHolding).fill(1, def.address, end);
    }
    if (def.protocolWrite === true && def.space === "holding") {
      echoWritable.fill(1, def.address, end);
    }
  }
  const spaces = readSpaces(variant, options);
  if (spaces.fc03 === "holding") {
    for (const setting of variant.settings) {
      holdingWritable.fill(1, setting.address, setting.address + numberWidth(setting.type));
    }
    if (variant.reboot !== null) holdingWritable[variant.reboot.address] = 1;
  }
  const shape = createImageShape({
    served: { input: servedInput, holding: servedHolding },
    holdingWritable,
    echoWritable,
    readSpaces: spaces,
    measured: { input: measuredInput, holding: measuredHolding },
  });
  return { registers, shape };
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
  for (const key in m) {
    const value = m[key as MeasurementKey];
    if (value !== undefined) next.set(key as MeasurementKey, { value, at });
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

/**
 * A register whose value could not be encoded as given: NaN or infinite (0 written), an integer
 * beyond its type (saturated at the limit), a text cut or with characters replaced.
 */
export interface EncodeProblem {
  readonly def: RegisterDef;
  readonly value: number | string;
  readonly status: Exclude<EncodeStatus, "ok">;
}

/**
 * The two full spaces a layout's registers are encoded into before their served words are
 * gathered into an update: allocated once by the RegisterStore, reused for every update.
 */
export interface EncodeScratch {
  readonly input: Uint16Array;
  readonly holding: Uint16Array;
}

/** A fresh scratch pair (2 × 128 KB). */
export function createEncodeScratch(): EncodeScratch {
  return {
    input: new Uint16Array(REGISTER_SPACE_SIZE),
    holding: new Uint16Array(REGISTER_SPACE_SIZE),
  };
}

/**
 * Encodes every served register of the variant and returns the update that carries them: the
 * served words' values in a fresh array of the shape's word count (a few hundred words), not
 * two 65536-word spaces. `scratch` is overwritten.
 */
export function buildImageUpdate(
  layout: ImageLayout,
  ctx: ValueContext,
  blocked: MeasuredBlock,
  scratch: EncodeScratch,
  problems?: EncodeProblem[],
): ImageUpdate {
  const { input, holding } = scratch;
  clearImageWords(layout.shape, input, holding);
  for (const def of layout.registers) {
    const words = def.space === "input" ? input : holding;
    if (def.type === "text") {
      const text = def.value(ctx);
      if (text === null) continue;
      const status = encodeText(words, def.address, text, def.length);
      if (status !== "ok") problems?.push({ def, value: text, status });
      continue;
    }
    const value = def.value(ctx);
    if (value === null) continue;
    const status = encodeNumber(words, def.address, def.type, value, def.wordOrder, def.scale);
    if (status !== "ok") problems?.push({ def, value, status });
  }
  return { shape: layout.shape, words: gatherImageWords(layout.shape, input, holding), blocked };
}
