/**
 * Pure helpers of the RegisterStore: the layout a variant implies under the active options
 * (which registers are served, measured and writable words, the spaces FC03 and FC04 read),
 * merging partial telegrams field by field, and encoding a variant's registers into a complete
 * {@linkcode RegisterImage}.
 *
 * Settings are writable only while FC03 reads the holding space that shows them: with
 * `[registers] fc03 = "input"` they are set through the configuration file alone.
 *
 * @module
 */
import type { MeasurementKey, Measurements } from "../protocol/dsmr/measurements.ts";
import { type EncodeStatus, encodeText } from "../protocol/modbus/register_codec.ts";
import { encodeNumber } from "../protocol/modbus/register_value.ts";
import {
  createRegisterImage,
  type ReadSpaces,
  REGISTER_SPACE_SIZE,
  type RegisterImage,
} from "../protocol/modbus/register_image.ts";
import {
  isServed,
  readSpaces,
  type RegisterDef,
  type RegisterOptions,
  type ValueContext,
  type Variant,
} from "../variants/api.ts";
import { numberWidth, wordCount } from "../protocol/modbus/register_value.ts";

/** The served registers and masks of a variant under the active options, shared by every image. */
export interface ImageLayout {
  /** The registers served (those whose `when` condition holds). */
  readonly registers: readonly RegisterDef[];
  /** 1 for each input word that holds a measured value. */
  readonly measuredInput: Uint8Array;
  /** 1 for each holding word that holds a measured value. */
  readonly measuredHolding: Uint8Array;
  /** 1 for each holding word a master may write (settings and the reboot register). */
  readonly holdingWritable: Uint8Array;
  /** 1 for each holding word a master writes with the value it holds (protocol writes). */
  readonly echoWritable: Uint8Array;
  /** The spaces FC03 and FC04 read. */
  readonly readSpaces: ReadSpaces;
}

/** Builds the layout of a variant under `options` (the active configuration's). */
export function imageLayout(variant: Variant, options: RegisterOptions): ImageLayout {
  const registers = variant.registers.filter((def) => isServed(def, options));
  const measuredInput = new Uint8Array(REGISTER_SPACE_SIZE);
  const measuredHolding = new Uint8Array(REGISTER_SPACE_SIZE);
  const holdingWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  const echoWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  for (const def of registers) {
    const end = def.address + wordCount(def);
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
  return {
    registers,
    measuredInput,
    measuredHolding,
    holdingWritable,
    echoWritable,
    readSpaces: spaces,
  };
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

/**
 * A register whose value could not be encoded as given: NaN or infinite (0 written), an integer
 * beyond its type (saturated at the limit), a text cut or with characters replaced.
 */
export interface EncodeProblem {
  readonly def: RegisterDef;
  readonly value: number | string;
  readonly status: Exclude<EncodeStatus, "ok">;
}

/** Encodes every served register of the variant into fresh arrays; masks come from the layout. */
export function buildImage(
  layout: ImageLayout,
  ctx: ValueContext,
  blocked: RegisterImage["blocked"],
  problems?: EncodeProblem[],
): RegisterImage {
  const input = new Uint16Array(REGISTER_SPACE_SIZE);
  const holding = new Uint16Array(REGISTER_SPACE_SIZE);
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
  return createRegisterImage({
    input,
    holding,
    holdingWritable: layout.holdingWritable,
    echoWritable: layout.echoWritable,
    readSpaces: layout.readSpaces,
    measured: { input: layout.measuredInput, holding: layout.measuredHolding },
    blocked,
  });
}
