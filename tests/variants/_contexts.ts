/**
 * Value contexts for the variant tests: the measurements of every fixture telegram that
 * decodes, hand-made edge cases, option combinations, and a way to evaluate a variant's whole
 * register set into a map `space:address → value`.
 *
 * @module
 */
import { DEFAULT_CONFIG } from "../../config/mod.ts";
import { settingsView } from "../../actors/register_store.ts";
import {
  createTelegramFramer,
  decodeTelegram,
  type Measurements,
  measurementsFromReading,
  telegramFramerPush,
} from "../../protocol/dsmr/mod.ts";
import { framesOf } from "../protocol/dsmr/_fixtures.ts";
import {
  isServed,
  type RegisterOptions,
  type RegisterSpace,
  type SettingsView,
  type ValueContext,
  type Variant,
} from "../../variants/api.ts";

/** Folder of the sample telegrams. */
export const TELEGRAMS = new URL("../fixtures/telegrams/", import.meta.url);

/** The default `[registers]` options. */
export const DEFAULT_OPTIONS: RegisterOptions = {
  derived: true,
  invert: false,
  nominalFrequencyHz: 0,
  serial: "auto",
  choices: {},
};

/** The default configuration, as the settings registers see it. */
export const DEFAULT_SETTINGS: SettingsView = settingsView(DEFAULT_CONFIG);

/** The measurements of the first telegram in a fixture file (CRC as given). */
export function sampleMeasurements(
  file: string,
  crc: "required" | "optional" = "required",
): Measurements {
  const bytes = Deno.readFileSync(new URL(file, TELEGRAMS));
  const frame = framesOf(telegramFramerPush(createTelegramFramer(), bytes))[0];
  if (frame === undefined) throw new Error(`No telegram in ${file}`);
  const result = decodeTelegram(frame, { crc });
  if (!result.ok) throw new Error(`Cannot decode ${file}: ${JSON.stringify(result)}`);
  return measurementsFromReading(result.reading);
}

/** Measurements of every fixture telegram that decodes with the CRC optional, by file name. */
export function allSampleMeasurements(): Map<string, Measurements> {
  const out = new Map<string, Measurements>();
  for (const entry of [...Deno.readDirSync(TELEGRAMS)].sort((a, b) => a.name < b.name ? -1 : 1)) {
    if (!entry.isFile || !entry.name.endsWith(".txt")) continue;
    const bytes = Deno.readFileSync(new URL(entry.name, TELEGRAMS));
    for (const frame of framesOf(telegramFramerPush(createTelegramFramer(), bytes))) {
      const result = decodeTelegram(frame, { crc: "optional" });
      if (result.ok) out.set(entry.name, measurementsFromReading(result.reading));
    }
  }
  return out;
}

/** Hand-made measurement sets for the corners the fixtures miss. */
export const EDGE_MEASUREMENTS: Readonly<Record<string, Measurements>> = {
  // Nothing but the id: a stale store keeps only this.
  "identity only": { equipmentId: "1SAG3100138726" },
  // A 50221 meter in a 3×230 V grid announcing it.
  "3x230 V grid announced": {
    gridConfiguration: 230,
    voltageL1V: 231.2,
    voltageL2V: 0,
    voltageL3V: 229.8,
    currentL1A: 2.5,
    currentL2A: 1.1,
    currentL3A: 3.2,
    powerImportL1W: 0,
    powerExportL1W: 120,
    powerImportL3W: 640,
    powerExportL3W: 0,
    powerImportW: 520,
    powerExportW: 0,
  },
  // A 3N×400 V grid announced, with one dead phase.
  "3N×400 V grid, dead L2": {
    gridConfiguration: 400,
    voltageL1V: 230.1,
    voltageL2V: 0,
    voltageL3V: 229.4,
    currentL1A: 0,
    currentL2A: 0,
    currentL3A: 0,
  },
  // Whole-amp currents of 0 with export on every phase.
  "whole amps, exporting": {
    voltageL1V: 240,
    voltageL2V: 239,
    voltageL3V: 241,
    currentL1A: 0,
    currentL2A: 0,
    currentL3A: 0,
    powerImportL1W: 0,
    powerExportL1W: 48,
    powerImportL2W: 0,
    powerExportL2W: 47.8,
    powerImportL3W: 0,
    powerExportL3W: 48.2,
    powerImportW: 0,
    powerExportW: 144,
  },
  // Three phases, totals only, every current 0.
  "totals only, zero currents": {
    voltageL1V: 230,
    voltageL2V: 231,
    voltageL3V: 229,
    currentL1A: 0,
    currentL2A: 0,
    currentL3A: 0,
    powerImportW: 90,
    powerExportW: 0,
  },
  // Per-phase powers without totals, export tariffs only.
  "phases without totals": {
    powerImportL1W: 100,
    powerImportL2W: 200,
    powerExportL3W: 50,
    energyExportT1kWh: 12.5,
  },
};

/** Every combination of the `[registers]` options that changes values. */
export const OPTION_VARIANTS: readonly RegisterOptions[] = [
  DEFAULT_OPTIONS,
  { ...DEFAULT_OPTIONS, derived: false },
  { ...DEFAULT_OPTIONS, invert: true },
  { ...DEFAULT_OPTIONS, derived: false, invert: true },
  { ...DEFAULT_OPTIONS, nominalFrequencyHz: 50 },
  { ...DEFAULT_OPTIONS, serial: 123456789 },
];

/** A value context. */
export function contextOf(
  m: Measurements,
  options: Partial<RegisterOptions> = {},
  hasReading = true,
  settings: SettingsView = DEFAULT_SETTINGS,
): ValueContext {
  return { m, hasReading, options: { ...DEFAULT_OPTIONS, ...options }, settings };
}

/** `space:address` key of the value maps. */
export function at(space: RegisterSpace, address: number): string {
  return `${space}:${address}`;
}

/**
 * Every number register's value (null as 0) under `ctx`, keyed `space:address`; registers not
 * served under `ctx.options` (a `when` condition) are left out, and so are text registers (see
 * {@linkcode evaluateText}).
 */
export function evaluate(variant: Variant, ctx: ValueContext): Map<string, number> {
  const out = new Map<string, number>();
  for (const def of variant.registers) {
    if (def.type === "text" || !isServed(def, ctx.options)) continue;
    out.set(at(def.space, def.address), def.value(ctx) ?? 0);
  }
  return out;
}

/** Every text register's text (null as "") under `ctx`, keyed `space:address`. */
export function evaluateText(variant: Variant, ctx: ValueContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of variant.registers) {
    if (def.type !== "text" || !isServed(def, ctx.options)) continue;
    out.set(at(def.space, def.address), def.value(ctx) ?? "");
  }
  return out;
}
