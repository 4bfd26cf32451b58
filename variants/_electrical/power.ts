/**
 * Active power, per phase and in total, with export negative (the Eastron convention: + = import
 * from the grid). Telegram powers are in kW; the measurements are already in W.
 *
 * - Phase x: `(1-0:x1.7.0 − 1-0:x2.7.0)` (21/22, 41/42, 61/62); one of the pair missing counts
 *   as 0.
 * - Telegrams without any per-phase power (e-MUCS 1.3, E.ON Hungary): a single-phase meter (no
 *   L2/L3 data at all) has its total as the phase 1 power; a three-phase one, with
 *   `[registers] derived = true`, gets the total split in proportion to each phase's V × I
 *   (by voltage when every current is 0), so the phases add up to the total.
 * - Total: `(1-0:1.7.0 − 1-0:2.7.0)`; a telegram without them: the sum of the phase powers
 *   (derived).
 * - `[registers] invert = true` negates every power.
 *
 * @module
 */
import type { Measurements, ValueContext } from "../api.ts";
import {
  clean,
  CURRENT_FIELDS,
  direction,
  field,
  hasAny,
  type Phase,
  PHASE_FIELDS,
  PHASE_POWER_FIELDS,
  PHASES,
  sumKnown,
  VOLTAGE_FIELDS,
} from "./fields.ts";

/** `(x1.7.0 − x2.7.0)` of phase `p` in W, or undefined when the telegram has neither. */
export function measuredPhasePower(m: Readonly<Measurements>, p: Phase): number | undefined {
  const f = PHASE_FIELDS[p];
  const imported = field(m, f.powerImport);
  const exported = field(m, f.powerExport);
  if (imported === undefined && exported === undefined) return undefined;
  return (imported ?? 0) - (exported ?? 0);
}

/** `(1.7.0 − 2.7.0)` in W, or undefined when the telegram has neither. */
export function measuredTotalPower(m: Readonly<Measurements>): number | undefined {
  const imported = field(m, "powerImportW");
  const exported = field(m, "powerExportW");
  if (imported === undefined && exported === undefined) return undefined;
  return (imported ?? 0) - (exported ?? 0);
}

const L2_L3_FIELDS = [
  PHASE_FIELDS[2].voltage,
  PHASE_FIELDS[2].current,
  PHASE_FIELDS[2].powerImport,
  PHASE_FIELDS[2].powerExport,
  PHASE_FIELDS[3].voltage,
  PHASE_FIELDS[3].current,
  PHASE_FIELDS[3].powerImport,
  PHASE_FIELDS[3].powerExport,
] as const;

/** A single-phase meter: phase 1 has a voltage or a current, L2 and L3 have nothing at all. */
export function isSinglePhase(m: Readonly<Measurements>): boolean {
  return hasAny(m, [PHASE_FIELDS[1].voltage, PHASE_FIELDS[1].current]) &&
    !hasAny(m, L2_L3_FIELDS);
}

/** Share of phase `p` in a total split by weights (V × I, else V); undefined when all are 0. */
function splitShare(m: Readonly<Measurements>, p: Phase): number | undefined {
  const weight = (q: Phase, byCurrent: boolean): number => {
    const v = field(m, PHASE_FIELDS[q].voltage) ?? 0;
    const i = byCurrent ? field(m, PHASE_FIELDS[q].current) ?? 0 : 1;
    return v > 0 && i > 0 ? v * i : 0;
  };
  for (const byCurrent of [true, false]) {
    const total = PHASES.reduce((sum, q) => sum + weight(q, byCurrent), 0);
    if (total > 0) return weight(p, byCurrent) / total;
  }
  return undefined;
}

/** Phase `p`'s active power in W as the meter measures it (before `invert`), or null. */
export function phasePowerUnsigned(ctx: ValueContext, p: Phase): number | null {
  const { m } = ctx;
  const measured = measuredPhasePower(m, p);
  if (measured !== undefined) return measured;
  if (hasAny(m, PHASE_POWER_FIELDS)) return null; // per-phase powers sent, not for this phase
  const total = measuredTotalPower(m);
  if (total === undefined) return null;
  if (isSinglePhase(m)) return p === 1 ? total : null;
  if (!ctx.options.derived) return null;
  const share = splitShare(m, p);
  return share === undefined ? null : total * share;
}

/** Phase `p`'s active power in W as served (export negative, `invert` applied), or null. */
export function phasePowerW(ctx: ValueContext, p: Phase): number | null {
  const w = phasePowerUnsigned(ctx, p);
  return w === null ? null : clean(direction(ctx) * w);
}

/** Total active power in W as served, or null. */
export function totalPowerW(ctx: ValueContext): number | null {
  const measured = measuredTotalPower(ctx.m);
  if (measured !== undefined) return clean(direction(ctx) * measured);
  if (!ctx.options.derived) return null;
  const sum = sumKnown(PHASES.map((p) => measuredPhasePower(ctx.m, p)));
  return sum === null ? null : clean(direction(ctx) * sum);
}

/** Every field the phase-power rules read (for the map's source lists). */
export const PHASE_POWER_INPUTS = [
  ...PHASE_POWER_FIELDS,
  "powerImportW",
  "powerExportW",
  ...VOLTAGE_FIELDS,
  ...CURRENT_FIELDS,
] as const;
