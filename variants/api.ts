/**
 * The contract of a variant plugin: one emulated meter model. A variant declares its register
 * spaces (every register: address, name, unit, type, word order, where its value comes from),
 * its writable settings (with validation) and its reboot register. The CLI and the actors see a
 * variant only through this interface; a build imports exactly one variant.
 *
 * Variants import protocol types only: they compute numbers; the RegisterStore encodes them.
 * Formulas both variants use live in `variants/_electrical/` (no register table there).
 *
 * @module
 */
import type { MeasurementKey, Measurements } from "../protocol/dsmr/measurements.ts";
import type { WordOrder } from "../protocol/modbus/register_codec.ts";

export type { MeasurementKey, Measurements, WordOrder };

/** The two register spaces a Modbus master reads: FC04 input, FC03 holding. */
export type RegisterSpace = "input" | "holding";

/** How a register's number is encoded into 16-bit words. */
export type RegisterType = "float32" | "uint16" | "int16" | "uint32" | "int32";

/** Number of 16-bit registers a value of `type` occupies. */
export function registerWidth(type: RegisterType): 1 | 2 {
  return type === "uint16" || type === "int16" ? 1 : 2;
}

/** A configuration value as TOML holds it. */
export type SettingValue = string | number | boolean;

/** Read access to configuration values by dotted key (`"modbus.rtu.address"`). */
export type SettingsView = (key: string) => SettingValue | undefined;

/** `[registers]` options that change the mapping. */
export interface RegisterOptions {
  /** Serve derived values (apparent power, power factor, …); false = 0, as the device does. */
  readonly derived: boolean;
  /** Negate powers and swap import/export, for meters read the other way round. */
  readonly invert: boolean;
  /** Frequency to serve, Hz; 0 = not served (the telegram carries none). */
  readonly nominalFrequencyHz: number;
  /** Serial number to serve, or "auto" (from the meter's equipment id). */
  readonly serial: number | "auto";
}

/** Everything a register's value may depend on. */
export interface ValueContext {
  /** Measurement fields from telegrams still within `stale_after_s` (absent = unknown). */
  readonly m: Readonly<Measurements>;
  /** True once a telegram has been accepted since the start. */
  readonly hasReading: boolean;
  /** Mapping options. */
  readonly options: RegisterOptions;
  /** Pending configuration values (what the next start will use). */
  readonly settings: SettingsView;
}

/** A value computed from telegram data: its fields, their OBIS codes and the formula. */
export interface DerivedRule {
  /** The measurement fields the formula reads. */
  readonly fields: readonly MeasurementKey[];
  /** The OBIS codes of those fields, as the map shows them. */
  readonly obis: readonly string[];
  /** The formula, in words and symbols. */
  readonly rule: string;
}

/** Where a register's value comes from: shown by `a1mb map`, checked by the conformance suite. */
export type RegisterSource =
  /**
   * A telegram value, possibly summed or scaled (`(1-0:21.7.0 − 1-0:22.7.0) × 1000`). `derived`,
   * when set, is computed instead where the telegram lacks the value (or gives only a coarse 0),
   * and only with `[registers] derived = true`.
   */
  | {
    readonly kind: "reading";
    readonly fields: readonly MeasurementKey[];
    readonly obis: readonly string[];
    readonly rule: string;
    readonly derived?: DerivedRule;
  }
  /** Computed from telegram data for a value the telegram lacks; 0 with `derived = false`. */
  | {
    readonly kind: "derived";
    readonly fields: readonly MeasurementKey[];
    readonly obis: readonly string[];
    readonly rule: string;
  }
  /** A constant (identification, fixed configuration). */
  | { readonly kind: "fixed"; readonly value: number; readonly rule: string }
  /** A configuration value (settings registers show the pending value). */
  | { readonly kind: "setting"; readonly key: string; readonly rule: string }
  /** A mapping option or identity rule that is neither a reading nor a constant. */
  | { readonly kind: "option"; readonly rule: string }
  /** A value no telegram carries (THD, reactive energy, …): reads 0, as the device serves it. */
  | { readonly kind: "none"; readonly rule: string };

/** One register (or register pair) of a variant. */
export interface RegisterDef {
  /** FC04 (`input`) or FC03 (`holding`). */
  readonly space: RegisterSpace;
  /** Zero-based protocol address of the first word. */
  readonly address: number;
  /** Name as the meter's documentation gives it. */
  readonly name: string;
  /** Unit (`V`, `kWh`, …), "" when none. */
  readonly unit: string;
  /** Encoding. */
  readonly type: RegisterType;
  /** Word order of 32-bit values. */
  readonly wordOrder: WordOrder;
  /** Where the value comes from. */
  readonly source: RegisterSource;
  /** A measured value: subject to the stale policy (zero/hold/exception/silent). */
  readonly measured: boolean;
  /** The value now; null when no data (served as 0). Must not return NaN or ±Infinity. */
  readonly value: (ctx: ValueContext) => number | null;
}

/** Outcome of decoding a written setting value. */
export type SettingDecode =
  | { readonly ok: true; readonly value: SettingValue }
  | { readonly ok: false; readonly reason: string };

/** A holding register a master may write; the value is saved and takes effect at the next start. */
export interface SettingDef {
  /** The configuration key it changes (`"modbus.rtu.baud"`). */
  readonly key: string;
  /** Zero-based holding address of its first word (a RegisterDef with a `setting` source). */
  readonly address: number;
  /** Encoding of the written value. */
  readonly type: RegisterType;
  /** Word order of 32-bit values. */
  readonly wordOrder: WordOrder;
  /** Accept an FC06 write of the first word alone (the low word of a float taken as 0). */
  readonly singleWordWrite: boolean;
  /** What the written numbers mean (`0 = 8N1, 1 = 8E1`), for the map and the docs. */
  readonly rule: string;
  /** Converts a written number to the configuration value, or refuses it (exception 03). */
  readonly decode: (written: number) => SettingDecode;
  /**
   * Converts the configuration value to the number served; NaN when the value has no number in
   * this register (the register then reads 0).
   */
  readonly encode: (value: SettingValue) => number;
}

/** The register whose write restarts the converter (settings take effect then). */
export interface RebootRegisterDef {
  /** Zero-based holding address. */
  readonly address: number;
  /** Name for the map. */
  readonly name: string;
  /** The one value that reboots (as a raw uint16). */
  readonly value: number;
}

/** An emulated meter model. */
export interface Variant {
  /** Short id used in artefact names and `--version` (e.g. `sdm630`). */
  readonly id: string;
  /** The meter model it emulates (e.g. `Eastron SDM630-Modbus V2`). */
  readonly model: string;
  /** Every register of both spaces. No two overlap within a space. */
  readonly registers: readonly RegisterDef[];
  /** The writable settings; each also has a RegisterDef with a `setting` source. */
  readonly settings: readonly SettingDef[];
  /** The reboot register. */
  readonly reboot: RebootRegisterDef;
  /** Differences from the real meter that masters could notice, for the README and the map. */
  readonly departures: readonly string[];
}
