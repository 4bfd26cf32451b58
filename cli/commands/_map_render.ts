/**
 * The three renderings of `a1mb map`: Markdown (one table per space, then function codes,
 * factory defaults, settings and departures), CSV and JSON.
 *
 * @module
 */
import type { RegisterSpace, Variant } from "../../variants/api.ts";
import { hexAddress, mapEntries, type MapEntry } from "./_map_entries.ts";

function sourceText(e: MapEntry): string {
  switch (e.source) {
    case "fixed":
      if (e.value === null) return "fixed";
      if (typeof e.value === "string") return `fixed "${e.value}"`;
      return `fixed ${e.value}${
        Number.isInteger(e.value) && e.type !== "float32" && e.value >= 0
          ? ` (${hexAddress(e.value)})`
          : ""
      }`;
    case "setting":
      return `setting ${e.setting ?? ""}`;
    default:
      return e.obis.length === 0 ? e.source : `${e.source} ${e.obis.join(" ")}`;
  }
}

function ruleText(e: MapEntry): string {
  const rule = e.derived === null ? e.rule : `${e.rule}; derived: ${e.derived}`;
  return e.when === null ? rule : `only with ${e.when}: ${rule}`;
}

/** The type as the Markdown table shows it: `int32 ×10, low word first`, `text (7 registers)`. */
export function typeText(e: Pick<MapEntry, "type" | "words" | "scale" | "wordOrder">): string {
  if (e.type === "text") return `text (${e.words} registers)`;
  const scale = e.scale === 1 ? "" : ` ×${e.scale}`;
  const order = e.words > 1 && e.wordOrder === "low-first" ? ", low word first" : "";
  return `${e.type}${scale}${order}`;
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** Which function codes read the registers of a space, in words. */
function readers(rows: readonly MapEntry[]): string {
  const fcs = rows[0]?.readBy ?? [];
  return fcs.length === 0 ? "read by no function code" : `read by ${fcs.join(" and ")}`;
}

/** The map as Markdown: one table per space, then settings and departures. */
export function renderMarkdown(variant: Variant): string {
  const entries = mapEntries(variant);
  const { fc03, fc04 } = variant.functionCodes;
  const fc = (space: RegisterSpace | null) =>
    space === null ? "exception 01" : `${space} registers`;
  const lines = [
    `# Register map: ${variant.model} (variant ${variant.id})`,
    "",
    "Addresses are zero-based protocol addresses; 3xxxx/4xxxx are the register numbers of the",
    "meter's documentation. Values of two or four registers are big-endian, high word first,",
    'unless the type says "low word first"; "×10" means the register holds the value times 10,',
    "saturated at the type's limit. Registers not listed, and the gaps between them, read 0.",
    "Derived values are served with `[registers] derived = true` (the default) and read 0 with",
    "`derived = false`.",
    "",
    `Function codes: FC03 reads the ${fc(fc03)}, FC04 the ${fc(fc04)}.`,
    ...(variant.config.options.includes("registers.fc03")
      ? [
        'With `[registers] fc03 = "input"` FC03 reads the input registers too (settings are then',
        "changed only in the configuration file).",
      ]
      : []),
  ];
  for (const space of ["input", "holding"] as const) {
    const rows = entries.filter((x) => x.space === space);
    if (rows.length === 0) continue;
    const title = space === "input" ? "Input registers" : "Holding registers";
    lines.push("", `## ${title} (${readers(rows)})`, "");
    lines.push("| Address | Register | Name | Unit | Type | Source | Rule |");
    lines.push("|---|---|---|---|---|---|---|");
    for (const e of rows) {
      const name = e.writable
        ? `${e.name} (writable)`
        : e.protocolWrite
        ? `${e.name} (the master writes it)`
        : e.name;
      lines.push(
        `| ${e.hex} | ${e.number} | ${cell(name)} | ${cell(e.unit)} | ${typeText(e)} | ${
          cell(sourceText(e))
        } | ${cell(ruleText(e))} |`,
      );
    }
  }
  lines.push("", "## Factory defaults (for keys the configuration file leaves out)", "");
  for (const [key, value] of Object.entries(variant.config.defaults)) {
    lines.push(`- \`${key} = ${JSON.stringify(value)}\``);
  }
  if (entries.some((e) => e.protocolWrite)) {
    lines.push(
      "",
      "## Writes the master makes",
      "",
      "A write (FC06, or FC16) of the value these registers hold is answered as accepted on every",
      "transport, changes nothing and needs no `writes = true`; any other value gets exception 03.",
      "",
    );
    for (const e of entries.filter((x) => x.protocolWrite)) {
      lines.push(`- ${e.hex} ${e.name}: ${sourceText(e)}`);
    }
  }
  if (variant.settings.length > 0) {
    lines.push("", "## Settings (saved to the configuration file, used after a reboot)", "");
    lines.push("| Address | Key | Written values |", "|---|---|---|");
    for (const s of variant.settings) {
      lines.push(`| ${hexAddress(s.address)} | ${s.key} | ${cell(s.rule)} |`);
    }
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
    "words",
    "scale",
    "protocol_write",
    "when",
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
      e.words,
      e.scale,
      e.protocolWrite,
      e.when ?? "",
    ].map(csvField).join(",")
  );
  return [header.join(","), ...rows].join("\n");
}

/** The map as a JSON array of {@linkcode MapEntry}. */
export function renderJson(variant: Variant): string {
  return JSON.stringify(mapEntries(variant), null, 2);
}
