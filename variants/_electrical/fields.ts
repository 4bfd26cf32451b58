/**
 * Reading measurement fields: numeric lookups, the per-phase field names with their OBIS codes,
 * and the small guards every formula shares (no NaN, no −0, `[registers] invert`).
 *
 * @module
 */
import type { MeasurementKey, Measurements, ValueContext } from "../api.ts";

/** A phase of a three-phase supply. */
export type Phase = 1 | 2 | 3;

/** The three phases in order. */
export const PHASES: readonly Phase[] = [1, 2, 3];

/** The measurement fields of one phase and their OBIS codes. */
export interface PhaseFields {
  /** Voltage `1-0:32/52/72.7.0`. */
  readonly voltage: MeasurementKey;
  /** Current `1-0:31/51/71.7.0`. */
  readonly current: MeasurementKey;
  /** Import power `1-0:21/41/61.7.0`. */
  readonly powerImport: MeasurementKey;
  /** Export power `1-0:22/42/62.7.0`. */
  readonly powerExport: MeasurementKey;
  /** OBIS codes in the same order: voltage, current, import, export. */
  readonly obis: {
    readonly voltage: string;
    readonly current: string;
    readonly powerImport: string;
    readonly powerExport: string;
  };
}

/** Fields of each phase. */
export const PHASE_FIELDS: Readonly<Record<Phase, PhaseFields>> = {
  1: {
    voltage: "voltageL1V",
    current: "currentL1A",
    powerImport: "powerImportL1W",
    powerExport: "powerExportL1W",
    obis: {
      voltage: "1-0:32.7.0",
      current: "1-0:31.7.0",
      powerImport: "1-0:21.7.0",
      powerExport: "1-0:22.7.0",
    },
  },
  2: {
    voltage: "voltageL2V",
    current: "currentL2A",
    powerImport: "powerImportL2W",
    powerExport: "powerExportL2W",
    obis: {
      voltage: "1-0:52.7.0",
      current: "1-0:51.7.0",
      powerImport: "1-0:41.7.0",
      powerExport: "1-0:42.7.0",
    },
  },
  3: {
    voltage: "voltageL3V",
    current: "currentL3A",
    powerImport: "powerImportL3W",
    powerExport: "powerExportL3W",
    obis: {
      voltage: "1-0:72.7.0",
      current: "1-0:71.7.0",
      powerImport: "1-0:61.7.0",
      powerExport: "1-0:62.7.0",
    },
  },
};

/** The six per-phase power fields (their presence says the meter sends per-phase powers). */
export const PHASE_POWER_FIELDS: readonly MeasurementKey[] = PHASES.flatMap((p) => [
  PHASE_FIELDS[p].powerImport,
  PHASE_FIELDS[p].powerExport,
]);

/** The three voltage fields. */
export const VOLTAGE_FIELDS: readonly MeasurementKey[] = PHASES.map((p) => PHASE_FIELDS[p].voltage);

/** Their OBIS codes. */
export const VOLTAGE_OBIS: readonly string[] = PHASES.map((p) => PHASE_FIELDS[p].obis.voltage);

/** The three current fields. */
export const CURRENT_FIELDS: readonly MeasurementKey[] = PHASES.map((p) => PHASE_FIELDS[p].current);

/** Their OBIS codes. */
export const CURRENT_OBIS: readonly string[] = PHASES.map((p) => PHASE_FIELDS[p].obis.current);

/** A numeric field, or undefined when the telegram did not carry it (or it is not a number). */
export function field(m: Readonly<Measurements>, key: MeasurementKey): number | undefined {
  const value = m[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Whether any of `keys` is present. */
export function hasAny(m: Readonly<Measurements>, keys: readonly MeasurementKey[]): boolean {
  return keys.some((key) => m[key] !== undefined);
}

/**
 * A register value: null stays null, non-finite numbers become null (served 0), and −0 becomes
 * 0 (a float32 −0 would show as "-0" on some masters).
 */
export function clean(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/** +1, or −1 with `[registers] invert = true`. */
export function direction(ctx: ValueContext): 1 | -1 {
  return ctx.options.invert ? -1 : 1;
}

/** Sum of the values that are not null, or null when all are. */
export function sumKnown(values: readonly (number | null | undefined)[]): number | null {
  let sum: number | null = null;
  for (const v of values) {
    if (v !== null && v !== undefined) sum = (sum ?? 0) + v;
  }
  return sum;
}

/** Mean of the values that are not null, or null when all are. */
export function meanKnown(values: readonly (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => v !== null && v !== undefined);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** Degrees of an angle in radians. */
export function degrees(radians: number): number {
  return radians * 180 / Math.PI;
}
