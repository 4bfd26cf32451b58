/**
 * Energy, demand and the import/export power registers.
 *
 * - Import kWh = `1-0:1.8.0` when sent (Luxembourg, Austria, Hungary), else the tariff sum
 *   `1-0:1.8.1 + 1-0:1.8.2`; export likewise with `2.8.x`. A missing tariff counts as 0.
 * - Total kWh = import + export (the SDM630 V1.8 definition); net kWh = import − export.
 * - `[registers] invert = true` swaps import and export (and negates the demand, a power).
 * - Demand: the e-MUCS current average demand `1-0:1.4.0` (a 15-minute average of import) and
 *   the month's maximum demand `1-0:1.6.0`.
 *
 * @module
 */
import type { MeasurementKey, Measurements, ValueContext } from "../api.ts";
import { clean, direction, field } from "./fields.ts";
import { type Formula, none } from "./formula.ts";

interface Direction {
  readonly total: MeasurementKey;
  readonly t1: MeasurementKey;
  readonly t2: MeasurementKey;
  readonly power: MeasurementKey;
  readonly obis: readonly [string, string, string];
  readonly powerObis: string;
}

const IMPORT: Direction = {
  total: "energyImportTotalkWh",
  t1: "energyImportT1kWh",
  t2: "energyImportT2kWh",
  power: "powerImportW",
  obis: ["1-0:1.8.0", "1-0:1.8.1", "1-0:1.8.2"],
  powerObis: "1-0:1.7.0",
};

const EXPORT: Direction = {
  total: "energyExportTotalkWh",
  t1: "energyExportT1kWh",
  t2: "energyExportT2kWh",
  power: "powerExportW",
  obis: ["1-0:2.8.0", "1-0:2.8.1", "1-0:2.8.2"],
  powerObis: "1-0:2.7.0",
};

const ENERGY_FIELDS: readonly MeasurementKey[] = [
  IMPORT.total,
  IMPORT.t1,
  IMPORT.t2,
  EXPORT.total,
  EXPORT.t1,
  EXPORT.t2,
];
const ENERGY_OBIS: readonly string[] = [...IMPORT.obis, ...EXPORT.obis];

/** The meter's energy in one direction, kWh, or null. */
function meterEnergy(m: Readonly<Measurements>, d: Direction): number | null {
  const total = field(m, d.total);
  if (total !== undefined) return total;
  const t1 = field(m, d.t1);
  const t2 = field(m, d.t2);
  if (t1 === undefined && t2 === undefined) return null;
  return (t1 ?? 0) + (t2 ?? 0);
}

/** Import active energy as served (export of the meter with `invert`), kWh, or null. */
export function importKWh(ctx: ValueContext): number | null {
  return clean(meterEnergy(ctx.m, ctx.options.invert ? EXPORT : IMPORT));
}

/** Export active energy as served, kWh, or null. */
export function exportKWh(ctx: ValueContext): number | null {
  return clean(meterEnergy(ctx.m, ctx.options.invert ? IMPORT : EXPORT));
}

function energyFormula(served: "import" | "export"): Formula {
  const d = served === "import" ? IMPORT : EXPORT;
  return {
    source: {
      kind: "reading",
      fields: ENERGY_FIELDS,
      obis: d.obis,
      rule: `${d.obis[0]} when sent, else ${d.obis[1]} + ${d.obis[2]} (kWh); ${
        served === "import" ? "export" : "import"
      } instead with invert`,
    },
    measured: true,
    value: served === "import" ? importKWh : exportKWh,
  };
}

/** Formula: total import active energy. */
export const importEnergy: Formula = energyFormula("import");

/** Formula: total export active energy. */
export const exportEnergy: Formula = energyFormula("export");

/** Formula: total active energy = import + export. */
export const totalEnergy: Formula = {
  source: {
    kind: "reading",
    fields: ENERGY_FIELDS,
    obis: ENERGY_OBIS,
    rule: "import + export (kWh)",
  },
  measured: true,
  value: (ctx) => {
    const imported = importKWh(ctx);
    const exported = exportKWh(ctx);
    if (imported === null && exported === null) return null;
    return clean((imported ?? 0) + (exported ?? 0));
  },
};

/** Formula: net active energy = import − export. */
export const netEnergy: Formula = {
  source: {
    kind: "reading",
    fields: ENERGY_FIELDS,
    obis: ENERGY_OBIS,
    rule: "import − export (kWh)",
  },
  measured: true,
  value: (ctx) => {
    const imported = importKWh(ctx);
    const exported = exportKWh(ctx);
    if (imported === null && exported === null) return null;
    return clean((imported ?? 0) - (exported ?? 0));
  },
};

/** Formula: total import (or export) active power, W, never negative. */
export function directionalPower(served: "import" | "export"): Formula {
  const own = served === "import" ? IMPORT : EXPORT;
  const other = served === "import" ? EXPORT : IMPORT;
  return {
    source: {
      kind: "reading",
      fields: [IMPORT.power, EXPORT.power],
      obis: [own.powerObis],
      rule: `${own.powerObis} × 1000 (W); ${other.powerObis} instead with invert`,
    },
    measured: true,
    value: (ctx) => clean(field(ctx.m, (ctx.options.invert ? other : own).power)),
  };
}

function demandFormula(key: MeasurementKey, obis: string, what: string): Formula {
  return {
    source: {
      kind: "reading",
      fields: [key],
      obis: [obis],
      rule: `${obis} × 1000 (W, ${what}); negated with invert`,
    },
    measured: true,
    value: (ctx) => {
      const w = field(ctx.m, key);
      return w === undefined ? null : clean(direction(ctx) * w);
    },
  };
}

/** Formula: total system power demand (the current 15-minute average). */
export const powerDemand: Formula = demandFormula(
  "demandAverageW",
  "1-0:1.4.0",
  "e-MUCS current average demand",
);

/** Formula: maximum total system power demand (this month's peak). */
export const maxPowerDemand: Formula = demandFormula(
  "demandMaxMonthW",
  "1-0:1.6.0",
  "e-MUCS maximum demand of the month",
);

/** Formula: a per-phase energy counter, which no telegram carries: reads 0. */
export const noPhaseEnergy: Formula = none("the telegram has no per-phase energy: reads 0");

/** Formula: a reactive energy counter, which no e-MUCS/DSMR telegram carries: reads 0. */
export const noReactiveEnergy: Formula = none(
  "reactive energy is not in e-MUCS/DSMR telegrams: reads 0",
);
