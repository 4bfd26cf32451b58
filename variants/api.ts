/**
 * The contract of a variant plugin: one emulated meter model. A variant declares its register
 * spaces (every register: address, name, unit, type, scale, word order, where its value comes
 * from), which function code reads which space, its factory defaults (Modbus address, baud,
 * parity), the writes its master makes as part of its protocol, its writable settings (with
 * validation) and its reboot register. The CLI and the actors see a variant only through this
 * interface; a build imports exactly one variant. A new meter model is a new folder
 * `variants/<id>/` with a `mod.ts` exporting its {@linkcode Variant} and a `main.ts` entry.
 *
 * Variants import protocol types only: they compute numbers (and texts) in physical units; the
 * RegisterStore scales and encodes them. Formulas the variants share live in
 * `variants/_electrical/` (no register table there): signs, energies and `[registers] invert`
 * are decided there once for every build.
 *
 * @module
 */
import type { MeasurementKey, Measurements } from "../protocol/dsmr/measurements.ts";
import type { WordOrder } from "../protocol/modbus/register_codec.ts";
import type { NumberType } from "../protocol/modbus/register_value.ts";

export type { MeasurementKey, Measurements, NumberType, WordOrder };

/** The two register spaces a Modbus master reads. */
export type RegisterSpace = "input" | "holding";

/**
 * How a register's value is encoded: a number type (float32, int16/uint16, int32/uint32,
 * uint64) or ASCII `text` (two characters per register, NUL padded).
 */
export type RegisterType = NumberType | "text";

/** How a writable setting is encoded (settings are numbers of at most 32 bits). */
export type SettingType = "float32" | "uint16" | "int16" | "uint32" | "int32";

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
  /**
   * The active values of the build's own configuration keys ({@linkcode BuildConfig.options},
   * such as `"registers.fc03"`), by dotted key.
   */
  readonly choices: Readonly<Record<string, SettingValue>>;
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
  /** A constant (identification, fixed configuration): a number, or a text register's text. */
  | { readonly kind: "fixed"; readonly value: number | string; readonly rule: string }
  /** A configuration value (settings registers show the pending value). */
  | { readonly kind: "setting"; readonly key: string; readonly rule: string }
  /** A mapping option or identity rule that is neither a reading nor a constant. */
  | { readonly kind: "option"; readonly rule: string }
  /** A value no telegram carries (THD, reactive energy, …): reads 0, as the device serves it. */
  | { readonly kind: "none"; readonly rule: string };

/** A register that exists only while a build option has a value (SunSpec: model 203 or 213). */
export interface RegisterCondition {
  /** The build's own configuration key (one of {@linkcode BuildConfig.options}). */
  readonly key: string;
  /** The value it must have. */
  readonly value: SettingValue;
}

/** What every register has, whatever its type. */
interface RegisterBase {
  /** The space it lives in ({@linkcode Variant.functionCodes} says which function code reads it). */
  readonly space: RegisterSpace;
  /** Zero-based protocol address of the first word. */
  readonly address: number;
  /** Name as the meter's documentation gives it. */
  readonly name: string;
  /** Unit of the value the formula computes (`V`, `kWh`, …), "" when none. */
  readonly unit: string;
  /**
   * Order of the words of 32- and 64-bit values: `"high-first"` (Eastron, Chint, ABB, SunSpec)
   * or `"low-first"` (Carlo Gavazzi).
   */
  readonly wordOrder: WordOrder;
  /** Where the value comes from. */
  readonly source: RegisterSource;
  /** A measured value: subject to the stale policy (zero/hold/exception/silent). */
  readonly measured: boolean;
  /**
   * A master writes this register as part of its protocol (Victron sets the EM24's application
   * register to 7 when it reads another value): a write of the value served is answered as
   * accepted on every transport, changes nothing and needs no `writes = true`; any other value
   * gets exception 03. Only one-word registers of the holding space, read by FC03, that are not
   * settings.
   */
  readonly protocolWrite?: boolean;
  /** Served only while this build option has this value; absent = always. */
  readonly when?: RegisterCondition;
}

/** A number register. */
export interface NumberRegisterDef extends RegisterBase {
  /** Encoding. */
  readonly type: NumberType;
  /**
   * The meter's fixed scale: the register holds `round(value × scale)` (float32: `value ×
   * scale`), saturated at the type's limit. 1 = plain; 10 for "V × 10"; 0.1 for SunSpec's
   * `W_SF = 1`.
   */
  readonly scale: number;
  /**
   * SunSpec: the address (same space) of the scale-factor register this value is scaled by, an
   * int16 constant SF; `scale` must then be 10^−SF.
   */
  readonly scaleFactorAt?: number;
  /** The value now, in `unit`; null when no data (served as 0). Never NaN or ±Infinity. */
  readonly value: (ctx: ValueContext) => number | null;
}

/** A text register: ASCII, two characters per register, the first in the high byte. */
export interface TextRegisterDef extends RegisterBase {
  readonly type: "text";
  /** Number of registers; the text is NUL padded to `2 × length` characters. */
  readonly length: number;
  /** The text now (printable ASCII, at most `2 × length` characters); null = all NUL. */
  readonly value: (ctx: ValueContext) => string | null;
}

/** One register (a number of one to four words, or a text) of a variant. */
export type RegisterDef = NumberRegisterDef | TextRegisterDef;

/** Whether `def` is served under `options` (its `when` condition holds, or it has none). */
export function isServed(def: Pick<RegisterDef, "when">, options: RegisterOptions): boolean {
  return def.when === undefined || options.choices[def.when.key] === def.when.value;
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
  readonly type: SettingType;
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

/**
 * The space each read function code answers from; null = the meter does not answer it
 * (exception 01). Eastron: FC03 holding, FC04 input; Carlo Gavazzi: FC03 and FC04 the same space;
 * Chint, ABB, SunSpec: FC03 only.
 */
export interface FunctionCodes {
  readonly fc03: RegisterSpace | null;
  readonly fc04: RegisterSpace | null;
}

/**
 * What a build changes in the configuration. The configuration layer reads it: a key the file
 * leaves out takes the build's default, and a build option another build does not offer is
 * refused unless it holds the schema's default.
 */
export interface BuildConfig {
  /**
   * The meter's factory defaults by dotted key (`"modbus.rtu.address": 11`): Modbus address,
   * baud rate, parity. Only keys the schema marks as set per build.
   */
  readonly defaults: Readonly<Record<string, SettingValue>>;
  /** The build's own options (keys the schema marks as build options), e.g. `"registers.fc03"`. */
  readonly options: readonly string[];
}

/** An emulated meter model. */
export interface Variant {
  /** Short id used in artefact names and `--version` (e.g. `sdm630`). */
  readonly id: string;
  /** The meter model it emulates (e.g. `Eastron SDM630-Modbus V2`). */
  readonly model: string;
  /**
   * Every register of both spaces. No two served at the same time overlap within a space;
   * registers with a `when` condition may share addresses with those of another value.
   */
  readonly registers: readonly RegisterDef[];
  /**
   * Which space FC03 and FC04 read. A build offering `"registers.fc03"` lets
   * `fc03 = "input"` make FC03 read what FC04 reads (see {@linkcode readSpaces}).
   */
  readonly functionCodes: FunctionCodes;
  /** The factory defaults and the build's own options. */
  readonly config: BuildConfig;
  /** The writable settings (none on meters configured only through the file). */
  readonly settings: readonly SettingDef[];
  /** The reboot register; null when the build has no settings to apply. */
  readonly reboot: RebootRegisterDef | null;
  /** Differences from the real meter that masters could notice, for the README and the map. */
  readonly departures: readonly string[];
}

/**
 * The spaces FC03 and FC04 read under `options`: the variant's function codes, except that
 * `[registers] fc03 = "input"` (on a build offering it) makes FC03 read the space FC04 reads.
 */
export function readSpaces(variant: Variant, options: RegisterOptions): FunctionCodes {
  const { fc03, fc04 } = variant.functionCodes;
  const fc03Input = variant.config.options.includes(FC03_KEY) &&
    options.choices[FC03_KEY] === "input";
  return fc03Input && fc04 !== null ? { fc03: fc04, fc04 } : { fc03, fc04 };
}

/** The build option that points FC03 at the measurements (Eastron builds). */
export const FC03_KEY = "registers.fc03";
