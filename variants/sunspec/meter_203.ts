/**
 * SunSpec model 203, the three-phase (wye) meter as int16 values with scale factors (reference
 * `sunspec-203.md` section 2; sunspec/models `model_203.json`), at 40069 after the common model,
 * followed by the end model (0xFFFF, length 0) at 40176. Served with
 * `[registers] sunspec_model = 203` (the default).
 *
 * Scale factors are constants (readers may cache them), chosen so that a 3 × 63 A connection
 * fits the int16 values: A_SF = −2 (0.01 A; 327.67 A holds the 189 A total), V_SF = −1 (0.1 V,
 * the telegram's resolution), Hz_SF = −2, W_SF = VA_SF = VAR_SF = 1 (10 W steps: 3 × 63 A ×
 * 230 V is 43.5 kW, beyond the 32.8 kW of W_SF = 0; ±327 kW fit), PF_SF = −2 (percent with two
 * decimals), TotWh_SF = 0 (Wh in an acc32: 4.29 GWh). A value beyond its type saturates.
 * Points no telegram carries (per-phase and apparent/reactive energies) read 0, which SunSpec
 * defines as "not implemented" for an acc32.
 *
 * @module
 */
import type { NumberRegisterDef, RegisterDef } from "../api.ts";
import {
  fixed,
  type Formula,
  frequency,
  lineVoltage12,
  lineVoltage23,
  lineVoltage31,
  phaseApparent,
  phaseCurrent,
  phasePower,
  phaseReactive,
  phaseVoltage,
  register,
  totalApparent,
  totalPower,
  totalReactive,
} from "../_electrical/mod.ts";
import { header, METER_MODEL_ADDRESS, modelEnd } from "./common_model.ts";
import {
  AVERAGE_LINE_VOLTAGE,
  AVERAGE_PHASE_VOLTAGE,
  ENERGY_EXPORTED,
  ENERGY_IMPORTED,
  MODEL_203,
  percentPf,
  TOTAL_CURRENT,
} from "./points.ts";

/** Model 203's length: 105 registers after its header. */
export const MODEL_203_LENGTH = 105;

/** The scale factors served, by scale-factor point. */
export const SCALE_FACTORS_203 = {
  A_SF: -2,
  V_SF: -1,
  Hz_SF: -2,
  W_SF: 1,
  VA_SF: 1,
  VAR_SF: 1,
  PF_SF: -2,
  TotWh_SF: 0,
} as const;

type ScaleFactor = keyof typeof SCALE_FACTORS_203;

/** The point at offset `offset` of the model (offset 0 = the ID). */
const at = (offset: number) => METER_MODEL_ADDRESS + offset;

/** An int16 point scaled by the scale factor at `sfOffset`. */
function point(
  offset: number,
  name: string,
  unit: string,
  sf: ScaleFactor,
  sfOffset: number,
  formula: Formula,
): NumberRegisterDef {
  return register("holding", "int16", { address: at(offset), name, unit, formula }, {
    scale: 10 ** -SCALE_FACTORS_203[sf],
    scaleFactorAt: at(sfOffset),
    when: MODEL_203,
  });
}

/** A scale-factor point (sunssf): a constant int16. */
function scaleFactor(offset: number, sf: ScaleFactor, name: string): NumberRegisterDef {
  const value = SCALE_FACTORS_203[sf];
  return register(
    "holding",
    "int16",
    {
      address: at(offset),
      name,
      unit: "",
      formula: fixed(value, `${value}: the values it scales are the registers × 10^${value}`),
    },
    { when: MODEL_203 },
  );
}

/** An acc32 energy (uint32, high word first) in Wh, scaled by TotWh_SF = 0. */
function energy(offset: number, name: string, formula: Formula): NumberRegisterDef {
  return register("holding", "uint32", { address: at(offset), name, unit: "Wh", formula }, {
    scaleFactorAt: at(54),
    when: MODEL_203,
  });
}

/** A constant word of model 203. */
function word(offset: number, name: string, value: number, rule: string): NumberRegisterDef {
  return { ...header(at(offset), name, value, rule), when: MODEL_203 };
}

/** Model 203 and the end model after it. */
export const METER_MODEL_203: readonly RegisterDef[] = [
  word(0, "ID (meter model)", 203, "203: three-phase (wye) meter, integers with scale factors"),
  word(1, "L (meter model length)", MODEL_203_LENGTH, "105 registers"),
  point(2, "A (total current)", "A", "A_SF", 6, TOTAL_CURRENT),
  point(3, "AphA (current L1)", "A", "A_SF", 6, phaseCurrent(1)),
  point(4, "AphB (current L2)", "A", "A_SF", 6, phaseCurrent(2)),
  point(5, "AphC (current L3)", "A", "A_SF", 6, phaseCurrent(3)),
  scaleFactor(6, "A_SF", "A_SF (current scale factor)"),
  point(7, "PhV (average phase voltage)", "V", "V_SF", 15, AVERAGE_PHASE_VOLTAGE),
  point(8, "PhVphA (phase voltage L1)", "V", "V_SF", 15, phaseVoltage(1)),
  point(9, "PhVphB (phase voltage L2)", "V", "V_SF", 15, phaseVoltage(2)),
  point(10, "PhVphC (phase voltage L3)", "V", "V_SF", 15, phaseVoltage(3)),
  point(11, "PPV (average line voltage)", "V", "V_SF", 15, AVERAGE_LINE_VOLTAGE),
  point(12, "PhVphAB (line voltage L1-L2)", "V", "V_SF", 15, lineVoltage12),
  point(13, "PhVphBC (line voltage L2-L3)", "V", "V_SF", 15, lineVoltage23),
  point(14, "PhVphCA (line voltage L3-L1)", "V", "V_SF", 15, lineVoltage31),
  scaleFactor(15, "V_SF", "V_SF (voltage scale factor)"),
  point(16, "Hz (frequency)", "Hz", "Hz_SF", 17, frequency),
  scaleFactor(17, "Hz_SF", "Hz_SF (frequency scale factor)"),
  point(18, "W (total active power)", "W", "W_SF", 22, totalPower),
  point(19, "WphA (active power L1)", "W", "W_SF", 22, phasePower(1)),
  point(20, "WphB (active power L2)", "W", "W_SF", 22, phasePower(2)),
  point(21, "WphC (active power L3)", "W", "W_SF", 22, phasePower(3)),
  scaleFactor(22, "W_SF", "W_SF (active power scale factor)"),
  point(23, "VA (total apparent power)", "VA", "VA_SF", 27, totalApparent),
  point(24, "VAphA (apparent power L1)", "VA", "VA_SF", 27, phaseApparent(1)),
  point(25, "VAphB (apparent power L2)", "VA", "VA_SF", 27, phaseApparent(2)),
  point(26, "VAphC (apparent power L3)", "VA", "VA_SF", 27, phaseApparent(3)),
  scaleFactor(27, "VA_SF", "VA_SF (apparent power scale factor)"),
  point(28, "VAR (total reactive power)", "var", "VAR_SF", 32, totalReactive),
  point(29, "VARphA (reactive power L1)", "var", "VAR_SF", 32, phaseReactive(1)),
  point(30, "VARphB (reactive power L2)", "var", "VAR_SF", 32, phaseReactive(2)),
  point(31, "VARphC (reactive power L3)", "var", "VAR_SF", 32, phaseReactive(3)),
  scaleFactor(32, "VAR_SF", "VAR_SF (reactive power scale factor)"),
  point(33, "PF (total power factor)", "%", "PF_SF", 37, percentPf("total")),
  point(34, "PFphA (power factor L1)", "%", "PF_SF", 37, percentPf(1)),
  point(35, "PFphB (power factor L2)", "%", "PF_SF", 37, percentPf(2)),
  point(36, "PFphC (power factor L3)", "%", "PF_SF", 37, percentPf(3)),
  scaleFactor(37, "PF_SF", "PF_SF (power factor scale factor)"),
  energy(38, "TotWhExp (total energy exported)", ENERGY_EXPORTED),
  energy(46, "TotWhImp (total energy imported)", ENERGY_IMPORTED),
  scaleFactor(54, "TotWh_SF", "TotWh_SF (energy scale factor)"),
  ...modelEnd(MODEL_203_LENGTH, MODEL_203),
];
