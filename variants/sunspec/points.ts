/**
 * The SunSpec meter points both meter models serve (203 as integers with scale factors, 213 as
 * floats), each with its formula in the point's own unit: currents and voltages as sent, `W`
 * positive while importing, power factors P / S (203's `Pct` as a percentage), and the energies
 * in Wh with `[registers] sunspec_energy` choosing which one `TotWhImp` carries. The build options
 * that select the model and the energies are named here.
 *
 * @module
 */
import type { RegisterCondition, ValueContext } from "../api.ts";
import {
  averageLineVoltage,
  averageVoltage,
  exportEnergy,
  type Formula,
  importEnergy,
  type Phase,
  phasePowerFactor,
  sumCurrents,
  times,
  totalPf,
} from "../_electrical/mod.ts";

/** The build option choosing the meter model: 203 or 213. */
export const MODEL_KEY = "registers.sunspec_model";

/** The build option choosing which energy `TotWhImp` carries: "grid" or "meter". */
export const ENERGY_KEY = "registers.sunspec_energy";

/** Registers of model 203 (one object: scale factors find their values' condition by identity). */
export const MODEL_203: RegisterCondition = { key: MODEL_KEY, value: 203 };

/** Registers of model 213. */
export const MODEL_213: RegisterCondition = { key: MODEL_KEY, value: 213 };

/** Formula: `A`, the total current: the sum of the phase currents. */
export const TOTAL_CURRENT: Formula = sumCurrents;

/** Formula: `PhV`, the average phase voltage. */
export const AVERAGE_PHASE_VOLTAGE: Formula = averageVoltage;

/** Formula: `PPV`, the average line voltage. */
export const AVERAGE_LINE_VOLTAGE: Formula = averageLineVoltage;

/** Formula: a power factor in percent (model 203's `Pct`), negative while exporting. */
export function percentPf(p: Phase | "total"): Formula {
  return times(p === "total" ? totalPf : phasePowerFactor(p), 100, "× 100 (%)");
}

/** Whether `[registers] sunspec_energy = "meter"` swaps the two energies. */
function meterView(ctx: ValueContext): boolean {
  return ctx.options.choices[ENERGY_KEY] === "meter";
}

/** The energy a point carries, kWh: the grid's import (`TotWhImp`) or export (`TotWhExp`). */
function sunspecEnergy(point: "TotWhImp" | "TotWhExp"): Formula {
  const own = point === "TotWhImp" ? importEnergy : exportEnergy;
  const other = point === "TotWhImp" ? exportEnergy : importEnergy;
  if (own.source.kind !== "reading" || other.source.kind !== "reading") {
    throw new TypeError("The energies are readings");
  }
  const swapped = point === "TotWhImp" ? "the energy fed in" : "the energy taken from the grid";
  return times(
    {
      source: {
        kind: "reading",
        fields: own.source.fields,
        obis: [...own.source.obis, ...other.source.obis],
        rule: `${own.source.rule}; with sunspec_energy = "meter": ${swapped}`,
      },
      measured: true,
      value: (ctx) => (meterView(ctx) ? other : own).value(ctx),
    },
    1000,
    "× 1000 (Wh)",
  );
}

/** Formula: `TotWhImp`, Wh: taken from the grid (fed in with `sunspec_energy = "meter"`). */
export const ENERGY_IMPORTED: Formula = sunspecEnergy("TotWhImp");

/** Formula: `TotWhExp`, Wh: fed into the grid (taken from it with `sunspec_energy = "meter"`). */
export const ENERGY_EXPORTED: Formula = sunspecEnergy("TotWhExp");
