/**
 * The ABB B23 register map (FC03, holding registers, high word first): energies as uint64 kWh ×
 * 100 (totals at 0x5000/0x5004, per phase from 0x5460), instantaneous values at 0x5B00 (V × 10
 * and A × 100 as uint32, W × 100 as int32, Hz × 100 as uint16, power factor × 1000 as int16),
 * and the identification Victron checks: model text "B23 " at 0x8960, serial at 0x8900, firmware
 * text at 0x8908. Sources (reference `variants/abb-b2x.md`): Victron's `abb.py` (A1), mbmd's
 * `abb.go` and evcc's `abb-ab` (A2).
 *
 * @module
 */
import type { NumberRegisterDef, NumberType, RegisterDef } from "../api.ts";
import {
  exportEnergy,
  fixedText,
  type Formula,
  frequency,
  importEnergy,
  noPhaseEnergy,
  phaseCurrent,
  phasePower,
  phasePowerFactor,
  phaseVoltage,
  register,
  serial,
  textRegister,
  totalPf,
  totalPower,
} from "../_electrical/mod.ts";

function n(
  address: number,
  name: string,
  unit: string,
  type: NumberType,
  scale: number,
  formula: Formula,
): NumberRegisterDef {
  return register("holding", type, { address, name, unit, formula }, { scale });
}

/** What Victron's probe reads at 0x8960 (as the uint32 0x42323320). */
export const ABB_B23_MODEL = "B23 ";

/** Energies, uint64 kWh × 100. */
export const ABB_ENERGIES: readonly NumberRegisterDef[] = [
  n(0x5000, "Active import energy total", "kWh", "uint64", 100, importEnergy),
  n(0x5004, "Active export energy total", "kWh", "uint64", 100, exportEnergy),
  n(0x5460, "Active import energy L1", "kWh", "uint64", 100, noPhaseEnergy),
  n(0x5464, "Active import energy L2", "kWh", "uint64", 100, noPhaseEnergy),
  n(0x5468, "Active import energy L3", "kWh", "uint64", 100, noPhaseEnergy),
  n(0x546c, "Active export energy L1", "kWh", "uint64", 100, noPhaseEnergy),
  n(0x5470, "Active export energy L2", "kWh", "uint64", 100, noPhaseEnergy),
  n(0x5474, "Active export energy L3", "kWh", "uint64", 100, noPhaseEnergy),
];

/** Instantaneous values. */
export const ABB_INSTANTANEOUS: readonly NumberRegisterDef[] = [
  n(0x5b00, "Voltage L1-N", "V", "uint32", 10, phaseVoltage(1)),
  n(0x5b02, "Voltage L2-N", "V", "uint32", 10, phaseVoltage(2)),
  n(0x5b04, "Voltage L3-N", "V", "uint32", 10, phaseVoltage(3)),
  n(0x5b0c, "Current L1", "A", "uint32", 100, phaseCurrent(1)),
  n(0x5b0e, "Current L2", "A", "uint32", 100, phaseCurrent(2)),
  n(0x5b10, "Current L3", "A", "uint32", 100, phaseCurrent(3)),
  n(0x5b14, "Active power total", "W", "int32", 100, totalPower),
  n(0x5b16, "Active power L1", "W", "int32", 100, phasePower(1)),
  n(0x5b18, "Active power L2", "W", "int32", 100, phasePower(2)),
  n(0x5b1a, "Active power L3", "W", "int32", 100, phasePower(3)),
  n(0x5b2c, "Frequency", "Hz", "uint16", 100, frequency),
  n(0x5b3a, "Power factor total", "", "int16", 1000, totalPf),
  n(0x5b3b, "Power factor L1", "", "int16", 1000, phasePowerFactor(1)),
  n(0x5b3c, "Power factor L2", "", "int16", 1000, phasePowerFactor(2)),
  n(0x5b3d, "Power factor L3", "", "int16", 1000, phasePowerFactor(3)),
];

/** Identification (Victron's probe and info reads). */
export const ABB_IDENTITY: readonly RegisterDef[] = [
  n(0x8900, "Serial number", "", "int32", 1, serial),
  textRegister("holding", {
    address: 0x8908,
    name: "Firmware version",
    length: 8,
    formula: fixedText("a1mb", '"a1mb": the converter, not an ABB firmware'),
  }),
  textRegister("holding", {
    address: 0x8960,
    name: "Meter type",
    length: 2,
    formula: fixedText(ABB_B23_MODEL, '"B23 " (0x42323320): a three-phase B23, Victron\'s probe'),
  }),
];
