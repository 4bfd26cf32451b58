/**
 * System formulas: total active/apparent/reactive power, total power factor and phase angle,
 * averages and sums, line-to-line voltages and the frequency.
 *
 * Derived values (only with `[registers] derived = true`, else 0):
 * - total S = ΣS of the phases, at least |P total|; total Q = ΣQ; total PF = P / S (no load:
 *   1 if a voltage is live, else 0); total φ = acos(PF) in degrees;
 * - average L-N voltage = mean of the live (> 0 V) phase voltages; average current = mean,
 *   and sum, of the phase currents served;
 * - line-to-line voltages. A 3N×400 V grid: `√(Va² + Vb² + Va·Vb)` (phases 120° apart). A
 *   3×230 V grid (two-wattmeter metering, `1-0:94.32.1(230)`, or on older meters L2 = 0 V while
 *   L1 and L3 are live): the meter's voltages already are line-to-line, served unchanged, never
 *   × √3: L1-L2 = `32.7.0`, L2-L3 = `72.7.0` (both measured against L2), and L3-L1 =
 *   `√(V1² + V3² − V1·V3)` (the two measured voltages are 60° apart in a symmetric grid).
 *
 * @module
 */
import type { Measurements, ValueContext } from "../api.ts";
import {
  clean,
  CURRENT_OBIS,
  degrees,
  field,
  hasAny,
  meanKnown,
  PHASES,
  sumKnown,
  VOLTAGE_FIELDS,
  VOLTAGE_OBIS,
} from "./fields.ts";
import type { Formula } from "./formula.ts";
import { apparentVA, currentA, reactiveVAr, voltageV } from "./phase.ts";
import { PHASE_POWER_INPUTS, totalPowerW } from "./power.ts";

/** Every field the per-phase derived values read. */
const ALL_INPUTS = [...PHASE_POWER_INPUTS] as const;
const TOTAL_OBIS = ["1-0:1.7.0", "1-0:2.7.0"];

/** Total apparent power in VA (derived), or null. */
export function totalApparentVA(ctx: ValueContext): number | null {
  const sum = sumKnown(PHASES.map((p) => apparentVA(ctx, p)));
  if (sum === null) return null;
  const power = totalPowerW(ctx);
  return clean(Math.max(sum, power === null ? 0 : Math.abs(power)));
}

/** Total power factor (derived), or null. */
export function totalPowerFactor(ctx: ValueContext): number | null {
  const s = totalApparentVA(ctx);
  const power = totalPowerW(ctx);
  if (s === null || power === null) return null;
  if (s > 0) return clean(Math.max(-1, Math.min(1, power / s)));
  return PHASES.some((p) => (voltageV(ctx, p) ?? 0) > 0) ? 1 : 0;
}

/** Whether the grid is 3×230 V (two-wattmeter metering, no neutral). */
export function isThreeWire(m: Readonly<Measurements>): boolean {
  const grid = field(m, "gridConfiguration");
  if (grid !== undefined) return grid === 230;
  const v1 = field(m, "voltageL1V");
  const v2 = field(m, "voltageL2V");
  const v3 = field(m, "voltageL3V");
  return v2 === 0 && v1 !== undefined && v1 > 0 && v3 !== undefined && v3 > 0;
}

/** Line-to-line voltage of a 3N×400 V grid from two L-N voltages 120° apart. */
function fromPhases(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : clean(Math.sqrt(a * a + b * b + a * b));
}

/** A line-to-line voltage: `pair` 12, 23 or 31. */
export function lineVoltageV(ctx: ValueContext, pair: 12 | 23 | 31): number | null {
  const v1 = voltageV(ctx, 1);
  const v2 = voltageV(ctx, 2);
  const v3 = voltageV(ctx, 3);
  if (isThreeWire(ctx.m)) {
    if (pair === 12) return v1;
    if (pair === 23) return v3;
    if (!ctx.options.derived || v1 === null || v3 === null) return null;
    return clean(Math.sqrt(Math.max(v1 * v1 + v3 * v3 - v1 * v3, 0)));
  }
  if (!ctx.options.derived) return null;
  if (pair === 12) return fromPhases(v1, v2);
  if (pair === 23) return fromPhases(v2, v3);
  return fromPhases(v3, v1);
}

const derivedSource = (rule: string, obis: readonly string[]) => ({
  kind: "derived" as const,
  fields: ALL_INPUTS,
  obis,
  rule,
});

/** Formula: total system active power. */
export const totalPower: Formula = {
  source: {
    kind: "reading",
    fields: ["powerImportW", "powerExportW", ...ALL_INPUTS],
    obis: TOTAL_OBIS,
    rule: "(1-0:1.7.0 − 1-0:2.7.0) × 1000 (W, export negative)",
    derived: {
      fields: [...ALL_INPUTS],
      obis: ["1-0:21.7.0", "1-0:22.7.0", "1-0:41.7.0", "1-0:42.7.0", "1-0:61.7.0", "1-0:62.7.0"],
      rule: "a telegram without 1-0:1.7.0 and 1-0:2.7.0: the sum of the phase powers",
    },
  },
  measured: true,
  value: totalPowerW,
};

/** Formula: total system apparent power (derived). */
export const totalApparent: Formula = {
  source: derivedSource("ΣS of the phases, at least |P total| (VA)", [
    ...VOLTAGE_OBIS,
    ...CURRENT_OBIS,
  ]),
  measured: true,
  value: totalApparentVA,
};

/** Formula: total system reactive power (derived). */
export const totalReactive: Formula = {
  source: derivedSource("ΣQ of the phases (VAr)", [...VOLTAGE_OBIS, ...CURRENT_OBIS]),
  measured: true,
  value: (ctx) => sumKnown(PHASES.map((p) => reactiveVAr(ctx, p))),
};

/** Formula: total system power factor (derived). */
export const totalPf: Formula = {
  source: derivedSource("P total / S total; no load: 1 if a voltage is live, else 0", TOTAL_OBIS),
  measured: true,
  value: totalPowerFactor,
};

/** Formula: the sign-inverted total power factor of the legacy map (derived). */
export const negatedTotalPf: Formula = {
  source: derivedSource("−(total system power factor)", TOTAL_OBIS),
  measured: true,
  value: (ctx) => {
    const pf = totalPowerFactor(ctx);
    return pf === null ? null : clean(-pf);
  },
};

/** Formula: total system phase angle (derived). */
export const totalPhaseAngle: Formula = {
  source: derivedSource("acos(total PF) in degrees (0…180); no load: 0", TOTAL_OBIS),
  measured: true,
  value: (ctx) => {
    const s = totalApparentVA(ctx);
    const pf = totalPowerFactor(ctx);
    if (s === null || pf === null) return null;
    return s > 0 ? clean(degrees(Math.acos(pf))) : 0;
  },
};

/** Formula: average line-to-neutral voltage (derived). */
export const averageVoltage: Formula = {
  source: {
    kind: "derived",
    fields: VOLTAGE_FIELDS,
    obis: VOLTAGE_OBIS,
    rule: "mean of the live (> 0 V) phase voltages",
  },
  measured: true,
  value: (ctx) => {
    if (!ctx.options.derived) return null;
    const known = PHASES.map((p) => voltageV(ctx, p)).filter((v) => v !== null);
    if (known.length === 0) return null;
    return meanKnown(known.filter((v) => v > 0)) ?? 0;
  },
};

const currentSource = (rule: string) => derivedSource(rule, CURRENT_OBIS);

/** Formula: average line current (derived). */
export const averageCurrent: Formula = {
  source: currentSource("mean of the phase currents served (A)"),
  measured: true,
  value: (ctx) =>
    ctx.options.derived ? clean(meanKnown(PHASES.map((p) => currentA(ctx, p)))) : null,
};

/** Formula: sum of line currents (derived). */
export const sumCurrents: Formula = {
  source: currentSource("sum of the phase currents served (A)"),
  measured: true,
  value: (ctx) => ctx.options.derived ? clean(sumKnown(PHASES.map((p) => currentA(ctx, p)))) : null,
};

const THREE_WIRE = "3×230 V grid (1-0:94.32.1(230), or L2 = 0 V with L1, L3 live)";

/** Formula: line 1 to line 2 voltage. */
export const lineVoltage12: Formula = {
  source: {
    kind: "reading",
    fields: [...VOLTAGE_FIELDS, "gridConfiguration"],
    obis: ["1-0:32.7.0", "1-0:94.32.1"],
    rule: `${THREE_WIRE}: 1-0:32.7.0 unchanged (already line-to-line)`,
    derived: {
      fields: [...VOLTAGE_FIELDS, "gridConfiguration"],
      obis: ["1-0:32.7.0", "1-0:52.7.0"],
      rule: "3N×400 V grid: √(V1² + V2² + V1·V2)",
    },
  },
  measured: true,
  value: (ctx) => lineVoltageV(ctx, 12),
};

/** Formula: line 2 to line 3 voltage. */
export const lineVoltage23: Formula = {
  source: {
    kind: "reading",
    fields: [...VOLTAGE_FIELDS, "gridConfiguration"],
    obis: ["1-0:72.7.0", "1-0:94.32.1"],
    rule: `${THREE_WIRE}: 1-0:72.7.0 unchanged (L3 measured against L2)`,
    derived: {
      fields: [...VOLTAGE_FIELDS, "gridConfiguration"],
      obis: ["1-0:52.7.0", "1-0:72.7.0"],
      rule: "3N×400 V grid: √(V2² + V3² + V2·V3)",
    },
  },
  measured: true,
  value: (ctx) => lineVoltageV(ctx, 23),
};

/** Formula: line 3 to line 1 voltage (derived). */
export const lineVoltage31: Formula = {
  source: {
    kind: "derived",
    fields: [...VOLTAGE_FIELDS, "gridConfiguration"],
    obis: ["1-0:72.7.0", "1-0:32.7.0", "1-0:94.32.1"],
    rule: `3N×400 V grid: √(V3² + V1² + V3·V1); ${THREE_WIRE}: √(V1² + V3² − V1·V3)`,
  },
  measured: true,
  value: (ctx) => lineVoltageV(ctx, 31),
};

/** Formula: average line-to-line voltage (derived). */
export const averageLineVoltage: Formula = {
  source: {
    kind: "derived",
    fields: [...VOLTAGE_FIELDS, "gridConfiguration"],
    obis: VOLTAGE_OBIS,
    rule: "mean of the three line-to-line voltages served",
  },
  measured: true,
  value: (ctx) =>
    ctx.options.derived
      ? clean(meanKnown(([12, 23, 31] as const).map((pair) => lineVoltageV(ctx, pair))))
      : null,
};

/** Formula: frequency of the supply voltages. */
export const frequency: Formula = {
  source: {
    kind: "reading",
    fields: ["frequencyHz", ...VOLTAGE_FIELDS, "powerImportW", "powerExportW"],
    obis: ["1-0:14.7.0"],
    rule:
      "1-0:14.7.0 when sent (few meters do); else [registers] nominal_frequency_hz (0 = not served) while the telegram carries a voltage or the total power",
  },
  measured: true,
  value: (ctx) => {
    const sent = field(ctx.m, "frequencyHz");
    if (sent !== undefined) return clean(sent);
    const nominal = ctx.options.nominalFrequencyHz;
    const live = hasAny(ctx.m, [...VOLTAGE_FIELDS, "powerImportW", "powerExportW"]);
    return nominal > 0 && live ? nominal : null;
  },
};
