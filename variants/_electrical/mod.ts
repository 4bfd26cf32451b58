/**
 * Formulas both variants share: how each electrical value is filled from the telegram's
 * measurements (or derived from them), with its source and rule for the map, and builders of
 * registers and settings. This folder holds no register table: the variants pair addresses and
 * names with these formulas.
 *
 * @module
 */
export {
  type EncodingOptions,
  fixed,
  fixedText,
  floatRegisters,
  type Formula,
  magnitude,
  none,
  register,
  type RegisterLine,
  settingRegister,
  type TextFormula,
  type TextLine,
  textRegister,
  times,
} from "./formula.ts";
export { type Phase, PHASES } from "./fields.ts";
export {
  phaseAngle,
  phaseApparent,
  phaseCurrent,
  phaseCurrentSigned,
  phasePower,
  phasePowerFactor,
  phaseReactive,
  phaseVoltage,
} from "./phase.ts";
export {
  averageCurrent,
  averageLineVoltage,
  averageVoltage,
  frequency,
  lineVoltage12,
  lineVoltage23,
  lineVoltage31,
  negatedTotalPf,
  sumCurrents,
  totalApparent,
  totalPf,
  totalPhaseAngle,
  totalPower,
  totalReactive,
} from "./system.ts";
export {
  directionalPower,
  exportEnergy,
  importEnergy,
  maxPowerDemand,
  netEnergy,
  noPhaseEnergy,
  noReactiveEnergy,
  powerDemand,
  totalEnergy,
} from "./energy.ts";
export { serial, serialText } from "./identity.ts";
export {
  type Code,
  codedSetting,
  EASTRON_ADDRESS,
  EASTRON_PARITY,
  rangeSetting,
} from "./settings.ts";
export {
  EASTRON_FUNCTION_CODES,
  eastronConfig,
  type EastronIdentity,
  eastronIdentity,
} from "./eastron.ts";
export { buildConfig, FC03_ONLY } from "./build_config.ts";
export { connectionCurrent } from "./connection.ts";
