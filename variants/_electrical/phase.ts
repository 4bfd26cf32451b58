/**
 * Per-phase formulas: voltage, current, active/apparent/reactive power, power factor and phase
 * angle of one phase.
 *
 * Derived values (only with `[registers] derived = true`, else 0 as the device serves them):
 * - current, when the meter says 0 A (or sends none) while the phase power is not 0 and the
 *   voltage is known: `|P| / V` (meters that report whole amps say 0 A below 1 A);
 * - apparent power `S = V × I`, at least `|P|` (a coarse current can make V × I smaller than P);
 * - reactive power `Q = √(S² − P²)`, never negative (the telegram has no reactive direction);
 * - power factor `PF = P / S`, negative while exporting; 1 on a live phase without load
 *   (S = 0, V > 0), 0 on a dead one;
 * - phase angle `φ = acos(PF)` in degrees (0…180, so cos φ = PF); 0 without load.
 *
 * @module
 */
import type { ValueContext } from "../api.ts";
import { clean, degrees, field, type Phase, PHASE_FIELDS } from "./fields.ts";
import type { Formula } from "./formula.ts";
import { PHASE_POWER_INPUTS, phasePowerUnsigned, phasePowerW } from "./power.ts";
import { CURRENT_OBIS, VOLTAGE_OBIS } from "./fields.ts";

/** Phase `p`'s voltage in V, or null. */
export function voltageV(ctx: ValueContext, p: Phase): number | null {
  return clean(field(ctx.m, PHASE_FIELDS[p].voltage));
}

/** Phase `p`'s current magnitude in A as served, or null. */
export function currentA(ctx: ValueContext, p: Phase): number | null {
  const f = PHASE_FIELDS[p];
  const measured = field(ctx.m, f.current);
  if (measured !== undefined && measured !== 0) return clean(Math.abs(measured));
  if (ctx.options.derived) {
    const power = phasePowerUnsigned(ctx, p);
    const voltage = field(ctx.m, f.voltage);
    if (power !== null && power !== 0 && voltage !== undefined && voltage > 0) {
      return clean(Math.abs(power) / voltage);
    }
  }
  return clean(measured);
}

/** Phase `p`'s apparent power in VA (derived), or null. */
export function apparentVA(ctx: ValueContext, p: Phase): number | null {
  if (!ctx.options.derived) return null;
  const v = voltageV(ctx, p);
  const i = currentA(ctx, p);
  if (v === null || i === null) return null;
  const power = phasePowerUnsigned(ctx, p);
  return clean(Math.max(v * i, power === null ? 0 : Math.abs(power)));
}

/** Phase `p`'s reactive power in VAr (derived), or null. */
export function reactiveVAr(ctx: ValueContext, p: Phase): number | null {
  const s = apparentVA(ctx, p);
  const power = phasePowerUnsigned(ctx, p);
  if (s === null || power === null) return null;
  const square = s * s - power * power;
  // S = |P| up to rounding (a current derived as |P| / V): no reactive power, not a rounding crumb.
  return square <= s * s * 1e-12 ? 0 : clean(Math.sqrt(square));
}

/** Phase `p`'s power factor (derived), or null. */
export function powerFactor(ctx: ValueContext, p: Phase): number | null {
  const s = apparentVA(ctx, p);
  const power = phasePowerW(ctx, p);
  if (s === null || power === null) return null;
  if (s > 0) return clean(Math.max(-1, Math.min(1, power / s)));
  return (voltageV(ctx, p) ?? 0) > 0 ? 1 : 0;
}

/** Phase `p`'s phase angle in degrees (derived), or null. */
export function phaseAngleDeg(ctx: ValueContext, p: Phase): number | null {
  const s = apparentVA(ctx, p);
  const pf = powerFactor(ctx, p);
  if (s === null || pf === null) return null;
  return s > 0 ? clean(degrees(Math.acos(pf))) : 0;
}

function obisOf(p: Phase) {
  return PHASE_FIELDS[p].obis;
}

/** Formula: phase `p` line-to-neutral voltage. */
export function phaseVoltage(p: Phase): Formula {
  const f = PHASE_FIELDS[p];
  return {
    source: {
      kind: "reading",
      fields: [f.voltage],
      obis: [f.obis.voltage],
      rule: `${f.obis.voltage} as sent (V)${
        p === 2 ? "; 0 in a 3×230 V grid (two-wattmeter metering)" : ""
      }`,
    },
    measured: true,
    value: (ctx) => voltageV(ctx, p),
  };
}

/** Formula: phase `p` current. */
export function phaseCurrent(p: Phase): Formula {
  const f = PHASE_FIELDS[p];
  const o = obisOf(p);
  return {
    source: {
      kind: "reading",
      fields: [f.current],
      obis: [o.current],
      rule: `${o.current} as sent (A, a magnitude: the telegram gives no direction)`,
      derived: {
        fields: [f.current, f.voltage, ...PHASE_POWER_INPUTS],
        obis: [o.current, o.voltage, o.powerImport, o.powerExport],
        rule:
          `when ${o.current} is 0 or missing while the phase power P ≠ 0 and V = ${o.voltage} > 0: |P| / V`,
      },
    },
    measured: true,
    value: (ctx) => currentA(ctx, p),
  };
}

/**
 * Formula: phase `p` current with the sign of its active power (negative while the phase
 * exports), for meters that sign currents (Carlo Gavazzi's EM300 series in mode B).
 */
export function phaseCurrentSigned(p: Phase): Formula {
  const magnitude = phaseCurrent(p);
  const o = obisOf(p);
  const source = magnitude.source;
  if (source.kind !== "reading") throw new TypeError("A phase current is a reading");
  return {
    source: {
      ...source,
      fields: [...source.fields, ...PHASE_POWER_INPUTS],
      obis: [...source.obis, o.powerImport, o.powerExport],
      rule:
        `${o.current} as sent (A), negative while the phase power (${o.powerImport} − ${o.powerExport}) is negative`,
    },
    measured: true,
    value: (ctx) => {
      const current = currentA(ctx, p);
      const power = phasePowerW(ctx, p);
      return current !== null && power !== null && power < 0 ? clean(-current) : current;
    },
  };
}

/** Formula: phase `p` active power. */
export function phasePower(p: Phase): Formula {
  const f = PHASE_FIELDS[p];
  const o = obisOf(p);
  const single = p === 1
    ? "; a single-phase meter without them: (1-0:1.7.0 − 1-0:2.7.0) × 1000"
    : "";
  return {
    source: {
      kind: "reading",
      fields: [f.powerImport, f.powerExport, ...PHASE_POWER_INPUTS],
      obis: [o.powerImport, o.powerExport, ...(p === 1 ? ["1-0:1.7.0", "1-0:2.7.0"] : [])],
      rule: `(${o.powerImport} − ${o.powerExport}) × 1000 (W, export negative)${single}`,
      derived: {
        fields: [...PHASE_POWER_INPUTS],
        obis: ["1-0:1.7.0", "1-0:2.7.0", ...VOLTAGE_OBIS, ...CURRENT_OBIS],
        rule:
          "a three-phase telegram without any per-phase power: the total (1-0:1.7.0 − 1-0:2.7.0) × 1000 split in proportion to each phase's V × I (by V when every current is 0)",
      },
    },
    measured: true,
    value: (ctx) => phasePowerW(ctx, p),
  };
}

/** Fields and OBIS codes behind every derived per-phase value of phase `p`. */
function derivedInputs(p: Phase) {
  const o = obisOf(p);
  return {
    fields: [...PHASE_POWER_INPUTS],
    obis: [o.voltage, o.current, o.powerImport, o.powerExport],
  };
}

/** Formula: phase `p` apparent power (derived). */
export function phaseApparent(p: Phase): Formula {
  return {
    source: {
      kind: "derived",
      ...derivedInputs(p),
      rule: "S = V × I, at least |P| (VA)",
    },
    measured: true,
    value: (ctx) => apparentVA(ctx, p),
  };
}

/** Formula: phase `p` reactive power (derived). */
export function phaseReactive(p: Phase): Formula {
  return {
    source: {
      kind: "derived",
      ...derivedInputs(p),
      rule: "Q = √(S² − P²) (VAr, ≥ 0: the telegram gives no reactive direction)",
    },
    measured: true,
    value: (ctx) => reactiveVAr(ctx, p),
  };
}

/** Formula: phase `p` power factor (derived). */
export function phasePowerFactor(p: Phase): Formula {
  return {
    source: {
      kind: "derived",
      ...derivedInputs(p),
      rule: "PF = P / S (negative while exporting); no load: 1 if V > 0, else 0",
    },
    measured: true,
    value: (ctx) => powerFactor(ctx, p),
  };
}

/** Formula: phase `p` phase angle (derived). */
export function phaseAngle(p: Phase): Formula {
  return {
    source: {
      kind: "derived",
      ...derivedInputs(p),
      rule: "φ = acos(PF) in degrees (0…180); no load: 0",
    },
    measured: true,
    value: (ctx) => phaseAngleDeg(ctx, p),
  };
}
