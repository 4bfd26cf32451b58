/**
 * `a1mb map [--format md|csv|json]`: the build's register map: every register of its variant
 * with its address (hex and 3xxxx/4xxxx), name, unit, type, source (with the OBIS codes) and
 * rule, the writable settings, the reboot register and the departures from the real meter.
 *
 * @module
 */
import type { RegisterDef, RegisterSpace, Variant } from "../../variants/api.ts";
import { parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";

/** Output formats of `a1mb map`. */
export type MapFormat = "md" | "csv" | "json";

const FORMATS: readonly MapFormat[] = ["md", "csv", "json"];

/** One row of the map. */
export interface MapEntry {
  /** `input` (FC04) or `holding` (FC03). */
  readonly space: RegisterSpace;
  /** Zero-based protocol address. */
  readonly address: number;
  /** The address in hex, `0x0034`. */
  readonly hex: string;
  /** The documentation's register number (`30053`, `464515`). */
  readonly number: string;
  readonly name: string;
  readonly unit: string;
  readonly type: string;
  readonly wordOrder: string;
  /** A master may write it (a setting or the reboot register). */
  readonly writable: boolean;
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
  /** The value of a fixed register. */
  readonly value: number | null;
}

/** Hex address, `0x00C8`. */
export function hexAddress(address: number): string {
  return `0x${address.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The documentation's register number: 30001 + address (FC04) or 40001 + address (FC03). */
export function registerNumber(space: RegisterSpace, address: number): string {
  const base = space === "input" ? 3 : 4;
  return address < 9999 ? String(base * 10000 + 1 + address) : String(base * 100000 + 1 + address);
}

function entryOf(variant: Variant, def: RegisterDef): MapEntry {
  const writable = def.space === "holding" &&
    variant.settings.some((s) => s.address === def.address);
  const { source } = def;
  const base = {
    space: def.space,
    address: def.address,
    hex: hexAddress(def.address),
    number: registerNumber(def.space, def.address),
    name: def.name,
    unit: def.unit,
    type: def.type,
    wordOrder: def.wordOrder,
    writable,
    measured: def.measured,
    source: source.kind,
    rule: source.rule,
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
  entries.push({
    space: "holding",
    address: reboot.address,
    hex: hexAddress(reboot.address),
    number: registerNumber("holding", reboot.address),
    name: reboot.name,
    unit: "",
    type: "uint16",
    wordOrder: "high-first",
    writable: true,
    measured: false,
    source: "reboot",
    obis: [],
    rule:
      `write ${reboot.value} (FC06, or FC16 of this one register) to restart the converter: written settings take effect then; reads 0`,
    derived: null,
    setting: null,
    value: null,
  });
  const spaceOrder = (s: RegisterSpace) => s === "input" ? 0 : 1;
  return entries.sort((a, b) => spaceOrder(a.space) - spaceOrder(b.space) || a.address - b.address);
}

function sourceText(e: MapEntry): string {
  switch (e.source) {
    case "fixed":
      return e.value === null
        ? "fixed"
        : `fixed ${e.value}${
          Number.isInteger(e.value) && e.type !== "float32" ? ` (${hexAddress(e.value)})` : ""
        }`;
    case "setting":
      return `setting ${e.setting ?? ""}`;
    default:
      return e.obis.length === 0 ? e.source : `${e.source} ${e.obis.join(" ")}`;
  }
}

function ruleText(e: MapEntry): string {
  return e.derived === null ? e.rule : `${e.rule}; derived: ${e.derived}`;
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** The map as Markdown: one table per space, then settings and departures. */
export function renderMarkdown(variant: Variant): string {
  const entries = mapEntries(variant);
  const lines = [
    `# Register map: ${variant.model} (variant ${variant.id})`,
    "",
    "Addresses are zero-based protocol addresses; 3xxxx/4xxxx are the register numbers of the",
    "meter's documentation. 32-bit values are big-endian, high word first. Registers not listed,",
    "and the gaps between them, read 0. Derived values are served with `[registers] derived = true`",
    "(the default) and read 0 with `derived = false`.",
  ];
  const titles: Record<RegisterSpace, string> = {
    input: "Input registers (FC04)",
    holding: "Holding registers (FC03; settings written with FC16, or FC06 on the first word)",
  };
  for (const space of ["input", "holding"] as const) {
    lines.push("", `## ${titles[space]}`, "");
    lines.push("| Address | Register | Name | Unit | Type | Source | Rule |");
    lines.push("|---|---|---|---|---|---|---|");
    for (const e of entries.filter((x) => x.space === space)) {
      const name = e.writable ? `${e.name} (writable)` : e.name;
      lines.push(
        `| ${e.hex} | ${e.number} | ${cell(name)} | ${cell(e.unit)} | ${e.type} | ${
          cell(sourceText(e))
        } | ${cell(ruleText(e))} |`,
      );
    }
  }
  lines.push("", "## Settings (saved to the configuration file, used after a reboot)", "");
  lines.push("| Address | Key | Written values |", "|---|---|---|");
  for (const s of variant.settings) {
    lines.push(`| ${hexAddress(s.address)} | ${s.key} | ${cell(s.rule)} |`);
  }
  lines.push("", "## Departures from the real meter", "");
  for (const d of variant.departures) lines.push(`- ${d}`);
  return lines.join("\n");
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The map as CSV with a header row. */
export function renderCsv(variant: Variant): string {
  const header = [
    "space",
    "address",
    "hex",
    "register",
    "name",
    "unit",
    "type",
    "word_order",
    "writable",
    "measured",
    "source",
    "obis",
    "rule",
    "derived_rule",
    "setting",
    "value",
  ];
  const rows = mapEntries(variant).map((e) =>
    [
      e.space,
      e.address,
      e.hex,
      e.number,
      e.name,
      e.unit,
      e.type,
      e.wordOrder,
      e.writable,
      e.measured,
      e.source,
      e.obis.join(" "),
      e.rule,
      e.derived ?? "",
      e.setting ?? "",
      e.value ?? "",
    ].map(csvField).join(",")
  );
  return [header.join(","), ...rows].join("\n");
}

/** The map as a JSON array of {@linkcode MapEntry}. */
export function renderJson(variant: Variant): string {
  return JSON.stringify(mapEntries(variant), null, 2);
}

/** The `map` command. */
export const mapCommand: Command = {
  name: "map",
  synopsis: "map [--format md|csv|json]",
  summary: "print this build's register map: addresses, names, units, types, sources, rules",
  run(args, { printer, build }) {
    const parsed = parseCommandArgs("map", args, { format: { type: "string" } }, 0);
    const format = stringFlag(parsed, "format") ?? "md";
    if (!FORMATS.includes(format as MapFormat)) {
      throw new UsageError(`map: option "--format" must be md, csv or json: got "${format}"`);
    }
    const render = { md: renderMarkdown, csv: renderCsv, json: renderJson }[format as MapFormat];
    printer.out(render(build.variant));
    return Promise.resolve(0);
  },
};
