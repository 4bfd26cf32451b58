/**
 * Builders of writable settings stored as float32 codes, as Eastron meters keep them: a code
 * table (baud, parity) or an integer range (the Modbus address). The variant gives the address;
 * FC06 on the first word is accepted (the low word taken as 0), as the device manual lists FC06.
 * Parity/stop and address sit at the same registers with the same codes on every Eastron model
 * here, so they are defined once; the baud codes differ by model.
 *
 * @module
 */
import type { SettingDecode, SettingDef, SettingValue } from "../api.ts";

/** A written code and the configuration value it stands for. */
export type Code = readonly [code: number, value: SettingValue];

/** How a coded setting reads and writes. */
export interface CodedSettingOptions {
  /** The configuration key (`"modbus.rtu.baud"`). */
  readonly key: string;
  /** Zero-based holding address. */
  readonly address: number;
  /** What the value is, for messages (`"baud rate"`). */
  readonly what: string;
  /** The codes a master may write. */
  readonly codes: readonly Code[];
  /** Codes the register may show for a configured value but that cannot be written. */
  readonly shownOnly?: readonly Code[];
  /** Codes refused with a reason of their own (`[2, "8O1 is not supported"]`). */
  readonly refused?: readonly (readonly [code: number, reason: string])[];
  /** Formats a configuration value for the rule text (`9600` → `"9600"`). */
  readonly show?: (value: SettingValue) => string;
}

const ok = (value: SettingValue): SettingDecode => ({ ok: true, value });
const no = (reason: string): SettingDecode => ({ ok: false, reason });

/** A float32 setting whose register holds a code from a table. */
export function codedSetting(options: CodedSettingOptions): SettingDef {
  const show = options.show ?? String;
  const list = options.codes.map(([code, value]) => `${code} = ${show(value)}`).join(", ");
  const shownOnly = options.shownOnly ?? [];
  const rule = shownOnly.length === 0
    ? list
    : `${list} (${
      shownOnly.map(([code, value]) => `${code} = ${show(value)} shown, not writable`).join(", ")
    })`;
  return {
    key: options.key,
    address: options.address,
    type: "float32",
    wordOrder: "high-first",
    singleWordWrite: true,
    rule,
    decode(written) {
      const refused = options.refused?.find(([code]) => code === written);
      if (refused !== undefined) return no(`${written} refused: ${refused[1]} (allowed: ${list})`);
      const found = options.codes.find(([code]) => code === written);
      return found === undefined
        ? no(`${written} is not a ${options.what} code (allowed: ${list})`)
        : ok(found[1]);
    },
    encode(value) {
      const found = options.codes.find(([, v]) => v === value) ??
        shownOnly.find(([, v]) => v === value);
      return found === undefined ? Number.NaN : found[0];
    },
  };
}

/** How an integer-range setting reads and writes. */
export interface RangeSettingOptions {
  /** The configuration key (`"modbus.rtu.address"`). */
  readonly key: string;
  /** Zero-based holding address. */
  readonly address: number;
  /** What the value is, for messages (`"Modbus address"`). */
  readonly what: string;
  /** Smallest value accepted. */
  readonly min: number;
  /** Largest value accepted. */
  readonly max: number;
}

/** A float32 setting whose register holds the integer value itself. */
export function rangeSetting(options: RangeSettingOptions): SettingDef {
  const { min, max } = options;
  return {
    key: options.key,
    address: options.address,
    type: "float32",
    wordOrder: "high-first",
    singleWordWrite: true,
    rule: `${min}…${max}`,
    decode(written) {
      return Number.isInteger(written) && written >= min && written <= max
        ? ok(written)
        : no(`${written} is not a ${options.what} (allowed: ${min}…${max})`);
    },
    encode(value) {
      return typeof value === "number" ? value : Number.NaN;
    },
  };
}

const showParity = (v: unknown) => v === "none" ? "8N1" : v === "even" ? "8E1" : String(v);

/** Eastron's parity/stop setting at 0x0012: 0 = 8N1, 1 = 8E1 (8O1 and 8N2 are refused). */
export const EASTRON_PARITY: SettingDef = codedSetting({
  key: "modbus.rtu.parity",
  address: 0x0012,
  what: "parity/stop bits",
  codes: [[0, "none"], [1, "even"]],
  refused: [[2, "8O1 is not supported"], [3, "8N2 is not supported"]],
  show: showParity,
});

/** Eastron's Modbus address setting at 0x0014: 1…247. */
export const EASTRON_ADDRESS: SettingDef = rangeSetting({
  key: "modbus.rtu.address",
  address: 0x0014,
  what: "Modbus address",
  min: 1,
  max: 247,
});
