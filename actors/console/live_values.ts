/**
 * The values the web console shows live, computed from the telegram's normalized measurements:
 * the data every build's registers are made from, before a build scales, splits or encodes them.
 * So the console is right on every build (Eastron floats, Chint's scaled floats, ABB's and Carlo
 * Gavazzi's scaled integers, SunSpec's scale factors), and shows no value the telegram did not
 * carry. Signs as every build serves them: power imported positive, exported negative;
 * `[registers] invert = true` turns powers round and swaps the energies, as the registers do.
 * Pure.
 *
 * @module
 */
import { netPower, totalEnergy } from "../../protocol/dsmr/derived_values.ts";
import type { MeasurementKey, Measurements } from "../../protocol/dsmr/measurements.ts";

/** The live values, in the order the console shows them. */
export const LIVE_IDS = [
  "power_l1_w",
  "power_l2_w",
  "power_l3_w",
  "power_w",
  "voltage_l1_v",
  "voltage_l2_v",
  "voltage_l3_v",
  "current_l1_a",
  "current_l2_a",
  "current_l3_a",
  "import_kwh",
  "export_kwh",
  "gas_m3",
] as const;

/** One of {@linkcode LIVE_IDS}. */
export type LiveId = typeof LIVE_IDS[number];

/**
 * Live values: W, V, A, kWh, m³ (export power negative), or null where the telegram carries no
 * such value.
 */
export type LiveValues = Readonly<Record<LiveId, number | null>>;

/** What a reading shows: the telegram as given, or turned round (`[registers] invert`). */
export interface LiveOptions {
  /** `[registers] invert`: powers negated, import and export energy swapped. */
  readonly invert: boolean;
}

const PHASE_POWER: Readonly<Record<1 | 2 | 3, readonly [MeasurementKey, MeasurementKey]>> = {
  1: ["powerImportL1W", "powerExportL1W"],
  2: ["powerImportL2W", "powerExportL2W"],
  3: ["powerImportL3W", "powerExportL3W"],
};

const ENERGY: Readonly<Record<"import" | "export", readonly MeasurementKey[]>> = {
  import: ["energyImportTotalkWh", "energyImportT1kWh", "energyImportT2kWh"],
  export: ["energyExportTotalkWh", "energyExportT1kWh", "energyExportT2kWh"],
};

function num(m: Measurements, key: MeasurementKey): number | null {
  const value = m[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** `import − export` in W (the integrations' rule), or null when neither is sent. */
function net(m: Measurements, [imported, exported]: readonly [MeasurementKey, MeasurementKey]) {
  return netPower(num(m, imported) ?? undefined, num(m, exported) ?? undefined) ?? null;
}

/** The total (`x.8.0`) when sent, else the tariff sum (the integrations' rule), kWh. */
function energy(m: Measurements, [total, t1, t2]: readonly MeasurementKey[]): number | null {
  const at = (key: MeasurementKey | undefined) =>
    key === undefined ? undefined : num(m, key) ?? undefined;
  return totalEnergy(at(total), at(t1), at(t2)) ?? null;
}

/** −0 shown as 0. */
const signed = (value: number | null, sign: 1 | -1): number | null =>
  value === null ? null : sign * value + 0;

/**
 * The live values of a telegram's measurements.
 *
 * @example
 * ```ts
 * import { liveValues } from "./live_values.ts";
 * const m = { powerImportW: 0, powerExportW: 1513, voltageL1V: 231.4 };
 * const live = liveValues(m, { invert: false });
 * // live.power_w: -1513 (exported), live.voltage_l1_v: 231.4, live.current_l1_a: null
 * if (live.power_w !== -1513 || live.current_l1_a !== null) throw new Error("unexpected");
 * ```
 */
export function liveValues(m: Measurements, options: LiveOptions): LiveValues {
  const sign = options.invert ? -1 : 1;
  const [importKeys, exportKeys] = options.invert
    ? [ENERGY.export, ENERGY.import]
    : [ENERGY.import, ENERGY.export];
  return {
    power_l1_w: signed(net(m, PHASE_POWER[1]), sign),
    power_l2_w: signed(net(m, PHASE_POWER[2]), sign),
    power_l3_w: signed(net(m, PHASE_POWER[3]), sign),
    power_w: signed(net(m, ["powerImportW", "powerExportW"]), sign),
    voltage_l1_v: num(m, "voltageL1V"),
    voltage_l2_v: num(m, "voltageL2V"),
    voltage_l3_v: num(m, "voltageL3V"),
    current_l1_a: num(m, "currentL1A"),
    current_l2_a: num(m, "currentL2A"),
    current_l3_a: num(m, "currentL3A"),
    import_kwh: energy(m, importKeys),
    export_kwh: energy(m, exportKeys),
    gas_m3: num(m, "gasM3"),
  };
}

/** Every live value null (nothing to show). */
export const NO_VALUES: LiveValues = Object.freeze(
  Object.fromEntries(LIVE_IDS.map((id) => [id, null])) as Record<LiveId, null>,
);
