/**
 * The settings-write planner: maps the registers of an accepted Modbus write (a
 * {@linkcode WriteIntent}) onto the variant's settings and reboot register, and says what to do:
 * save these configuration changes, reboot, or answer with an exception. Pure.
 *
 * Rules (the variant contract, `variants/api.ts`):
 * - FC16 must cover whole settings (one or several, back to back). A write that covers only part
 *   of a 2-word setting, or a register that belongs to no setting: exception 02.
 * - FC06 writes a 1-word setting, or the first word of a 2-word setting whose `singleWordWrite`
 *   is set (the written word is the high word, the low word is taken as 0); any other FC06 on a
 *   2-word setting: exception 02.
 * - The reboot register takes a raw uint16, written alone (FC06, or FC16 of that one register):
 *   the variant's reboot value reboots, any other value is exception 03; a write that covers the
 *   reboot register and other registers is exception 02.
 * - A written number the setting refuses (its `decode`), or that is not finite (a NaN float):
 *   exception 03, nothing saved. Address checks come first: a write with a bad address and a
 *   bad value is exception 02.
 *
 * @module
 */
import type { WriteIntent } from "../../protocol/modbus/handle_request.ts";
import {
  decodeFloat32,
  decodeInt16,
  decodeInt32,
  decodeUint16,
  decodeUint32,
} from "../../protocol/modbus/register_codec.ts";
import { numberWidth } from "../../protocol/modbus/register_value.ts";
import type { SettingDef, Variant } from "../../variants/api.ts";
import type { SettingChange } from "../messages.ts";

/** What a write means. */
export type WritePlan =
  /** Save these changes (in this order), then answer normally. */
  | { readonly kind: "settings"; readonly changes: readonly SettingChange[] }
  /** Answer normally, then reboot. */
  | { readonly kind: "reboot" }
  /** Answer with this exception; nothing is saved. */
  | { readonly kind: "exception"; readonly code: 2 | 3; readonly reason: string };

/** The part of a variant the planner needs. */
export type WritableRegisters = Pick<Variant, "settings" | "reboot">;

const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, "0")}`;

const addressError = (reason: string): WritePlan => ({ kind: "exception", code: 2, reason });
const valueError = (reason: string): WritePlan => ({ kind: "exception", code: 3, reason });

/** The setting whose words include `address`, if any. */
function settingAt(settings: readonly SettingDef[], address: number): SettingDef | undefined {
  for (const s of settings) {
    if (address >= s.address && address < s.address + numberWidth(s.type)) return s;
  }
  return undefined;
}

/** The number the words at `words[index…]` encode for `def`. */
export function decodeSettingWords(def: SettingDef, words: Uint16Array, index: number): number {
  switch (def.type) {
    case "float32":
      return decodeFloat32(words, index, def.wordOrder);
    case "uint16":
      return decodeUint16(words, index);
    case "int16":
      return decodeInt16(words, index);
    case "uint32":
      return decodeUint32(words, index, def.wordOrder);
    case "int32":
      return decodeInt32(words, index, def.wordOrder);
  }
}

/** A write of one word to the first word of a 2-word setting: the word is high, low is 0. */
function singleWordValue(def: SettingDef, word: number): number {
  const words = def.wordOrder === "high-first" ? Uint16Array.of(word, 0) : Uint16Array.of(0, word);
  return decodeSettingWords(def, words, 0);
}

/** One setting and the number written to it. */
interface Written {
  readonly def: SettingDef;
  readonly number: number;
}

/** Finds the settings a write covers, or the address exception. */
function locate(intent: WriteIntent, settings: readonly SettingDef[]): Written[] | WritePlan {
  const { address, values, fc } = intent;
  const end = address + values.length;
  if (fc === 0x06) {
    const def = settingAt(settings, address);
    if (def === undefined) return addressError(`Cannot write ${hex(address)}: not a setting`);
    const width = numberWidth(def.type);
    if (width === 1) return [{ def, number: decodeSettingWords(def, values, 0) }];
    if (address === def.address && def.singleWordWrite) {
      return [{ def, number: singleWordValue(def, values[0] ?? 0) }];
    }
    return addressError(
      `Cannot write ${hex(address)}: setting ${def.key} spans 2 registers from ${
        hex(def.address)
      } (write both with FC16)`,
    );
  }
  const found: Written[] = [];
  let at = address;
  while (at < end) {
    const def = settingAt(settings, at);
    if (def === undefined) return addressError(`Cannot write ${hex(at)}: not a setting`);
    const width = numberWidth(def.type);
    if (def.address !== at || at + width > end) {
      return addressError(
        `Cannot write ${hex(address)}…${hex(end - 1)}: covers part of setting ${def.key} (${
          hex(def.address)
        }…${hex(def.address + width - 1)})`,
      );
    }
    found.push({ def, number: decodeSettingWords(def, values, at - address) });
    at += width;
  }
  return found;
}

/**
 * Plans a write the request handler accepted (`holdingWritable` covered it).
 *
 * @example
 * ```ts
 * import { planSettingWrite } from "./setting_writes.ts";
 * import { sdm630 } from "../../variants/sdm630/mod.ts";
 *
 * // The master writes 17.0 (float 0x4188 0x0000) into the SDM630's address setting.
 * const plan = planSettingWrite({ kind: "write", space: "holding", address: 0x14, fc: 0x10,
 *   values: Uint16Array.of(0x4188, 0x0000) }, sdm630);
 * // { kind: "settings", changes: [{ key: "modbus.rtu.address", value: 17 }] }
 * if (plan.kind !== "settings" || plan.changes[0]?.value !== 17) throw new Error("unexpected");
 * ```
 */
export function planSettingWrite(intent: WriteIntent, variant: WritableRegisters): WritePlan {
  const { address, values } = intent;
  const end = address + values.length;
  const reboot = variant.reboot?.address ?? -1;
  if (variant.reboot !== null && reboot >= address && reboot < end) {
    if (values.length !== 1) {
      return addressError(
        `Cannot write ${hex(address)}…${hex(end - 1)}: the reboot register ${
          hex(reboot)
        } must be written alone`,
      );
    }
    const value = values[0] ?? 0;
    if (value !== variant.reboot.value) {
      return valueError(
        `Cannot reboot: wrong value in register ${
          hex(reboot)
        } (expected ${variant.reboot.value}, got ${value})`,
      );
    }
    return { kind: "reboot" };
  }
  const located = locate(intent, variant.settings);
  if (!Array.isArray(located)) return located;
  const changes: SettingChange[] = [];
  for (const { def, number } of located) {
    if (!Number.isFinite(number)) {
      return valueError(`Cannot write setting ${def.key}: not a number (got ${number})`);
    }
    const decoded = def.decode(number);
    if (!decoded.ok) {
      return valueError(`Cannot write setting ${def.key}: ${decoded.reason}`);
    }
    changes.push({ key: def.key, value: decoded.value });
  }
  return { kind: "settings", changes };
}
