/**
 * SunSpec model 213, the three-phase (wye) meter as float32 values (reference `sunspec-203.md`
 * section 3; sunspec/models `model_213.json`), at 40069 after the common model, followed by the
 * end model at 40195. Served with `[registers] sunspec_model = 213`. Floats carry the physical
 * value (no scale factors), high word first; the power factors are ratios (−1…1, unit "PF"),
 * where model 203 gives percent. Points no telegram carries read 0.
 *
 * @module
 */
import type { NumberRegisterDef, RegisterDef } from "../api.ts";
import {
  type Formula,
  frequency,
  lineVoltage12,
  lineVoltage23,
  lineVoltage31,
  phaseApparent,
  phaseCurrent,
  phasePower,
  phasePowerFactor,
  phaseReactive,
  phaseVoltage,
  register,
  totalApparent,
  totalPf,
  totalPower,
  totalReactive,
} from "../_electrical/mod.ts";
import { header, METER_MODEL_ADDRESS, modelEnd } from "./common_model.ts";
import {
  AVERAGE_LINE_VOLTAGE,
  AVERAGE_PHASE_VOLTAGE,
  ENERGY_EXPORTED,
  ENERGY_IMPORTED,
  MODEL_213,
  TOTAL_CURRENT,
} from "./points.ts";

/** Model 213's length: 124 registers after its header. */
export const MODEL_213_LENGTH = 124;

/** The point at offset `offset` of the model (offset 0 = the ID). */
const at = (offset: number) => METER_MODEL_ADDRESS + offset;

/** A float32 point. */
function point(offset: number, name: string, unit: string, formula: Formula): NumberRegisterDef {
  return register("holding", "float32", { address: at(offset), name, unit, formula }, {
    when: MODEL_213,
  });
}

/** A constant word of model 213. */
function word(offset: number, name: string, value: number, rule: string): NumberRegisterDef {
  return { ...header(at(offset), name, value, rule), when: MODEL_213 };
}

/** Model 213 and the end model after it. */
export const METER_MODEL_213: readonly RegisterDef[] = [
  word(0, "ID (meter model)", 213, "213: three-phase (wye) meter, floats"),
  word(1, "L (meter model length)", MODEL_213_LENGTH, "124 registers"),
  point(2, "A (total current)", "A", TOTAL_CURRENT),
  point(4, "AphA (current L1)", "A", phaseCurrent(1)),
  point(6, "AphB (current L2)", "A", phaseCurrent(2)),
  point(8, "AphC (current L3)", "A", phaseCurrent(3)),
  point(10, "PhV (average phase voltage)", "V", AVERAGE_PHASE_VOLTAGE),
  point(12, "PhVphA (phase voltage L1)", "V", phaseVoltage(1)),
  point(14, "PhVphB (phase voltage L2)", "V", phaseVoltage(2)),
  point(16, "PhVphC (phase voltage L3)", "V", phaseVoltage(3)),
  point(18, "PPV (average line voltage)", "V", AVERAGE_LINE_VOLTAGE),
  point(20, "PPVphAB (line voltage L1-L2)", "V", lineVoltage12),
  point(22, "PPVphBC (line voltage L2-L3)", "V", lineVoltage23),
  point(24, "PPVphCA (line voltage L3-L1)", "V", lineVoltage31),
  point(26, "Hz (frequency)", "Hz", frequency),
  point(28, "W (total active power)", "W", totalPower),
  point(30, "WphA (active power L1)", "W", phasePower(1)),
  point(32, "WphB (active power L2)", "W", phasePower(2)),
  point(34, "WphC (active power L3)", "W", phasePower(3)),
  point(36, "VA (total apparent power)", "VA", totalApparent),
  point(38, "VAphA (apparent power L1)", "VA", phaseApparent(1)),
  point(40, "VAphB (apparent power L2)", "VA", phaseApparent(2)),
  point(42, "VAphC (apparent power L3)", "VA", phaseApparent(3)),
  point(44, "VAR (total reactive power)", "var", totalReactive),
  point(46, "VARphA (reactive power L1)", "var", phaseReactive(1)),
  point(48, "VARphB (reactive power L2)", "var", phaseReactive(2)),
  point(50, "VARphC (reactive power L3)", "var", phaseReactive(3)),
  point(52, "PF (total power factor)", "", totalPf),
  point(54, "PFphA (power factor L1)", "", phasePowerFactor(1)),
  point(56, "PFphB (power factor L2)", "", phasePowerFactor(2)),
  point(58, "PFphC (power factor L3)", "", phasePowerFactor(3)),
  point(60, "TotWhExp (total energy exported)", "Wh", ENERGY_EXPORTED),
  point(68, "TotWhImp (total energy imported)", "Wh", ENERGY_IMPORTED),
  ...modelEnd(MODEL_213_LENGTH, MODEL_213),
];
