/**
 * The Chint DTSU666 register map (FC03, holding registers): the measurements as scaled float32
 * (high word first; the float is the number × 10 for volts, × 1000 for amps and power factor,
 * × 10 for watts and vars, × 100 for hertz), the two energy blocks in plain kWh, and the
 * configuration words masters read. Sources (reference `variants/dtsu666.md`): the Chint quick
 * manual's Table 3 (D1), mbmd's `dtsu666.go` (D2), and emulators (D3, D4) for the defaults.
 *
 * @module
 */
import type { NumberRegisterDef } from "../api.ts";
import {
  exportEnergy,
  fixed,
  type Formula,
  frequency,
  importEnergy,
  lineVoltage12,
  lineVoltage23,
  lineVoltage31,
  noPhaseEnergy,
  noReactiveEnergy,
  phaseApparent,
  phaseCurrent,
  phasePower,
  phasePowerFactor,
  phaseReactive,
  phaseVoltage,
  powerDemand,
  register,
  totalApparent,
  totalPf,
  totalPower,
  totalReactive,
} from "../_electrical/mod.ts";

/** A measurement float: the value × `scale`, high word first. */
function float(
  address: number,
  name: string,
  unit: string,
  scale: number,
  formula: Formula,
): NumberRegisterDef {
  return register("holding", "float32", { address, name, unit, formula }, { scale });
}

/** A configuration word (signed 16-bit, D1: "signed 16-bit words"). */
function word(address: number, name: string, value: number, rule: string): NumberRegisterDef {
  return register("holding", "int16", { address, name, unit: "", formula: fixed(value, rule) });
}

/** The meter type at 0x000B that Solax checks (D4 serves 167). */
export const DTSU666_METER_TYPE = 167;

/** Configuration words (D1 Table 3; values of an unconfigured meter per D3). */
export const DTSU666_CONFIG: readonly NumberRegisterDef[] = [
  word(0x0000, "REV. (software version)", 204, "204, as a DTSU666 emulator reports (D3)"),
  word(0x0001, "UCode (programming password)", 701, "701, the factory password (D1)"),
  word(0x0003, "net (wiring)", 0, "0 = 3P4W"),
  word(0x0006, "IrAt (CT ratio)", 1, "1: no current transformer"),
  word(0x0007, "UrAt (PT ratio × 10)", 10, "10 = 1.0: no voltage transformer"),
  word(
    0x000b,
    "Meter type",
    DTSU666_METER_TYPE,
    "167 (0x00A7), what a P1 dongle serves for Solax (D4); weakly sourced",
  ),
];

/** The measurement block at 0x2000 (D1 Table 3, D2). */
export const DTSU666_MEASUREMENTS: readonly NumberRegisterDef[] = [
  float(0x2000, "Uab (line voltage L1-L2)", "V", 10, lineVoltage12),
  float(0x2002, "Ubc (line voltage L2-L3)", "V", 10, lineVoltage23),
  float(0x2004, "Uca (line voltage L3-L1)", "V", 10, lineVoltage31),
  float(0x2006, "Ua (phase voltage L1)", "V", 10, phaseVoltage(1)),
  float(0x2008, "Ub (phase voltage L2)", "V", 10, phaseVoltage(2)),
  float(0x200a, "Uc (phase voltage L3)", "V", 10, phaseVoltage(3)),
  float(0x200c, "Ia (current L1)", "A", 1000, phaseCurrent(1)),
  float(0x200e, "Ib (current L2)", "A", 1000, phaseCurrent(2)),
  float(0x2010, "Ic (current L3)", "A", 1000, phaseCurrent(3)),
  float(0x2012, "Pt (total active power)", "W", 10, totalPower),
  float(0x2014, "Pa (active power L1)", "W", 10, phasePower(1)),
  float(0x2016, "Pb (active power L2)", "W", 10, phasePower(2)),
  float(0x2018, "Pc (active power L3)", "W", 10, phasePower(3)),
  float(0x201a, "Qt (total reactive power)", "var", 10, totalReactive),
  float(0x201c, "Qa (reactive power L1)", "var", 10, phaseReactive(1)),
  float(0x201e, "Qb (reactive power L2)", "var", 10, phaseReactive(2)),
  float(0x2020, "Qc (reactive power L3)", "var", 10, phaseReactive(3)),
  // Apparent power is not in D1; Tasmota (D6) reads it here. Weakly sourced.
  float(0x2022, "St (total apparent power)", "VA", 10, totalApparent),
  float(0x2024, "Sa (apparent power L1)", "VA", 10, phaseApparent(1)),
  float(0x2026, "Sb (apparent power L2)", "VA", 10, phaseApparent(2)),
  float(0x2028, "Sc (apparent power L3)", "VA", 10, phaseApparent(3)),
  float(0x202a, "PFt (total power factor)", "", 1000, totalPf),
  float(0x202c, "PFa (power factor L1)", "", 1000, phasePowerFactor(1)),
  float(0x202e, "PFb (power factor L2)", "", 1000, phasePowerFactor(2)),
  float(0x2030, "PFc (power factor L3)", "", 1000, phasePowerFactor(3)),
  float(0x2044, "Freq (frequency)", "Hz", 100, frequency),
  // D1 gives no factor for the demand; × 10 like the other powers (weakly sourced).
  float(0x2050, "DmPt (total active power demand)", "W", 10, powerDemand),
];

/** Both energy blocks, plain kWh (D2 reads 0x101E…, D1/D5/D6 read 0x401E…). */
export const DTSU666_ENERGIES: readonly NumberRegisterDef[] = [
  float(0x101e, "ImpEp (total import active energy)", "kWh", 1, importEnergy),
  float(0x1020, "ImpEpA (import active energy L1)", "kWh", 1, noPhaseEnergy),
  float(0x1022, "ImpEpB (import active energy L2)", "kWh", 1, noPhaseEnergy),
  float(0x1024, "ImpEpC (import active energy L3)", "kWh", 1, noPhaseEnergy),
  float(0x1028, "ExpEp (total export active energy)", "kWh", 1, exportEnergy),
  float(0x102a, "ExpEpA (export active energy L1)", "kWh", 1, noPhaseEnergy),
  float(0x102c, "ExpEpB (export active energy L2)", "kWh", 1, noPhaseEnergy),
  float(0x102e, "ExpEpC (export active energy L3)", "kWh", 1, noPhaseEnergy),
  float(0x401e, "ImpEp (total import active energy, secondary side)", "kWh", 1, importEnergy),
  float(0x4028, "ExpEp (total export active energy, secondary side)", "kWh", 1, exportEnergy),
  float(0x4032, "Q1Eq (quadrant I reactive energy)", "kvarh", 1, noReactiveEnergy),
  float(0x403c, "Q2Eq (quadrant II reactive energy)", "kvarh", 1, noReactiveEnergy),
  float(0x4046, "Q3Eq (quadrant III reactive energy)", "kvarh", 1, noReactiveEnergy),
  float(0x4050, "Q4Eq (quadrant IV reactive energy)", "kvarh", 1, noReactiveEnergy),
];
