/**
 * The rows of `a1mb map`: one {@linkcode MapEntry} per register of the build's variant, and the
 * documentation's register numbers.
 *
 * @module
 */
import type { RegisterDef, RegisterSpace, Variant } from "../../variants/api.ts";
import { wordCount } from "../../protocol/modbus/register_value.ts";

/** One row of the map. */
export interface MapEntry {
  /** `input` or `holding` (the variant's function codes say which reads it). */
  readonly space: RegisterSpace;
  /**
   * The function codes that read it on this build (`["FC04"]`, `["FC03", "FC04"]`, none for a
   * space no read reaches). On an Eastron build `[registers] fc03 = "input"` adds FC03 to the
   * input registers.
   */
  readonly readBy: readonly string[];
  /** Zero-based protocol address. */
  readonly address: number;
  /** The address in hex, `0x0034`. */
  readonly hex: string;
  /** The documentation's register number (`30053`, `464515`). */
  readonly number: string;
  readonly name: string;
  readonly unit: string;
  /** `float32`, `int16`, …, `uint64` or `text`. */
  readonly type: string;
  /** Registers it spans. */
  readonly words: number;
  /** The register holds `value × scale` (1 = plain). */
  readonly scale: number;
  readonly wordOrder: string;
  /** A master may write it (a setting or the reboot register). */
  readonly writable: boolean;
  /** A master writes it with the value it holds, as part of its protocol (accepted, unchanged). */
  readonly protocolWrite: boolean;
  /** A measured value (subject to the stale policy). */
  readonly measured: boolean;
  /** `reading`, `derived`, `fixed`, `setting`, `option`, `none` or `reboot`. */
  readonly source: string;
  /** OBIS codes the value comes from. */
  readonly obis: readonly string[];
  /** How the value is made. */
  readonly rule: string;
  /** The derived rule used where the telegram lacks the value (`derived = true` only). */
  readonly derived: string | null;
  /** The configuration key of a setting. */
  readonly setting: string | null;
  /** The value (number or text) of a fixed register. */
  readonly value: number | string | null;
  /** Served only with this build option (`registers.x = value`), else null. */
  readonly when: string | null;
}

/** Hex address, `0x00C8`. */
export function hexAddress(address: number): string {
  return `0x${address.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The documentation's register number: 30001 + address (input) or 40001 + address (holding). */
export function registerNumber(space: RegisterSpace, address: number): string {
  const base = space === "input" ? 3 : 4;
  return address < 9999 ? String(base * 10000 + 1 + address) : String(base * 100000 + 1 + address);
}

/** The function codes that read `space` on the build (its own, without options). */
function readBy(variant: Variant, space: RegisterSpace): string[] {
  const { fc03, fc04 } = variant.functionCodes;
  return [...(fc03 === space ? ["FC03"] : []), ...(fc04 === space ? ["FC04"] : [])];
}

function entryOf(variant: Variant, def: RegisterDef): MapEntry {
  const writable = def.space === "holding" &&
    variant.settings.some((s) => s.address === def.address);
  const { source } = def;
  const base = {
    space: def.space,
    readBy: readBy(variant, def.space),
    address: def.address,
    hex: hexAddress(def.address),
    number: registerNumber(def.space, def.address),
    name: def.name,
    unit: def.unit,
    type: def.type,
    words: wordCount(def),
    scale: def.type === "text" ? 1 : def.scale,
    wordOrder: def.wordOrder,
    writable,
    protocolWrite: def.protocolWrite === true,
    measured: def.measured,
    source: source.kind,
    rule: source.rule,
    when: def.when === undefined ? null : `${def.when.key} = ${JSON.stringify(def.when.value)}`,
  };
  switch (source.kind) {
    case "reading":
      return {
        ...base,
        obis: source.obis,
        derived: source.derived?.rule ?? null,
        setting: null,
        value: null,
      };
    case "derived":
      return { ...base, obis: source.obis, derived: null, setting: null, value: null };
    case "fixed":
      return { ...base, obis: [], derived: null, setting: null, value: source.value };
    case "setting":
      return { ...base, obis: [], derived: null, setting: source.key, value: null };
    case "option":
    case "none":
      return { ...base, obis: [], derived: null, setting: null, value: null };
    default: {
      const never: never = source;
      throw new TypeError(`Cannot map register: unknown source ${JSON.stringify(never)}`);
    }
  }
}

/** Every register of the variant, input space first, by address; the reboot register included. */
export function mapEntries(variant: Variant): MapEntry[] {
  const { reboot } = variant;
  const entries = variant.registers.map((def) => entryOf(variant, def));
  if (reboot !== null) {
    entries.push({
      space: "holding",
      readBy: readBy(variant, "holding"),
      address: reboot.address,
      hex: hexAddress(reboot.address),
      number: registerNumber("holding", reboot.address),
      name: reboot.name,
      unit: "",
      type: "uint16",
      words: 1,
      scale: 1,
      wordOrder: "high-first",
      writable: true,
      protocolWrite: false,
      measured: false,
      source: "reboot",
      obis: [],
      rule:
        `write ${reboot.value} (FC06, or FC16 of this one register) to restart the converter: written settings take effect then; reads 0`,
      derived: null,
      setting: null,
      value: null,
      when: null,
    });
  }
  const spaceOrder = (s: RegisterSpace) => s === "input" ? 0 : 1;
  return entries.sort((a, b) =>
    spaceOrder(a.space) - spaceOrder(b.space) || a.address - b.address ||
    (a.when ?? "").localeCompare(b.when ?? "")
  );
}
