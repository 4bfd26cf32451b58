/**
 * The Carlo Gavazzi ET340 register map, EM300 series (reference `variants/em24.md` section 3;
 * source C2, the "EM300 and ET300 series" communication protocol rev. 2.6): the shared
 * measurement block with currents signed as in measurement mode B, then power factors, phase
 * sequence, frequency, energies (total and per-phase export at 0x0060, which Victron checks), the
 * identification 345, and the programming words Victron's dbus-cgwacs reads and writes
 * (measurement mode 0x1103 = 1 "B", measuring system 0x1002 = 0 "3Pn"); the serial text at 0x5000.
 *
 * @module
 */
import type { NumberRegisterDef, RegisterDef } from "../api.ts";
import {
  exportEnergy,
  fixed,
  frequency,
  importEnergy,
  maxPowerDemand,
  none,
  noPhaseEnergy,
  noReactiveEnergy,
  phaseCurrentSigned,
  phasePowerFactor,
  powerDemand,
  totalPf,
} from "../_electrical/mod.ts";
import {
  CG_PARTIAL_IMPORT,
  cgMeasurementBlock,
  cgSerialText,
  int16,
  int32,
  word,
} from "../_carlo_gavazzi/mod.ts";

/** The Carlo Gavazzi identification code at 0x000B: 345 = ET340 (C2 table 2.6-2). */
export const ET340_IDENTIFICATION = 345;

const NO_TARIFF = none("tariff counters are not served: read 0");

/** The measurements after the shared block (C2 table 2.4-1). */
const ET340_TAIL: readonly NumberRegisterDef[] = [
  int16(0x002e, "PF L1 (power factor)", "", 1000, phasePowerFactor(1)),
  int16(0x002f, "PF L2 (power factor)", "", 1000, phasePowerFactor(2)),
  int16(0x0030, "PF L3 (power factor)", "", 1000, phasePowerFactor(3)),
  int16(0x0031, "PF Σ (power factor)", "", 1000, totalPf),
  int16(0x0032, "Phase sequence", "", 1, fixed(0, "0 = L1-L2-L3 (−1 would be L1-L3-L2)")),
  int16(0x0033, "Hz (frequency)", "Hz", 10, frequency),
  int32(0x0034, "kWh(+) TOT (import energy)", "kWh", 10, importEnergy),
  int32(0x0036, "kvarh(+) TOT (reactive energy)", "kvarh", 10, noReactiveEnergy),
  int32(0x0038, "kW dmd (active power demand)", "W", 10, powerDemand),
  int32(0x003a, "kW dmd peak (maximum demand)", "W", 10, maxPowerDemand),
  int32(0x003c, "kWh(+) PARTIAL (partial import energy)", "kWh", 10, CG_PARTIAL_IMPORT),
  int32(0x003e, "kvarh(+) PARTIAL (partial reactive energy)", "kvarh", 10, noReactiveEnergy),
  int32(0x0040, "kWh(+) L1 (import energy)", "kWh", 10, noPhaseEnergy),
  int32(0x0042, "kWh(+) L2 (import energy)", "kWh", 10, noPhaseEnergy),
  int32(0x0044, "kWh(+) L3 (import energy)", "kWh", 10, noPhaseEnergy),
  int32(0x0046, "kWh(+) tariff 1 (import energy)", "kWh", 10, NO_TARIFF),
  int32(0x0048, "kWh(+) tariff 2 (import energy)", "kWh", 10, NO_TARIFF),
  int32(0x004e, "kWh(-) TOT (export energy)", "kWh", 10, exportEnergy),
  int32(0x0050, "kvarh(-) TOT (exported reactive energy)", "kvarh", 10, noReactiveEnergy),
  int32(0x005a, "Hour counter", "h", 100, none("no running-hours counter: reads 0")),
  int32(0x0060, "kWh(-) L1 (export energy)", "kWh", 10, noPhaseEnergy),
  int32(0x0062, "kWh(-) L2 (export energy)", "kWh", 10, noPhaseEnergy),
  int32(0x0064, "kWh(-) L3 (export energy)", "kWh", 10, noPhaseEnergy),
];

/** Identification words (C2 tables 2.5-1, 2.6-1). */
const ET340_IDENTITY: readonly NumberRegisterDef[] = [
  word(
    0x000b,
    "Carlo Gavazzi identification code",
    ET340_IDENTIFICATION,
    "345 = ET340 (dbus-cgwacs takes 330…345 as an ET340/EM300)",
  ),
  word(0x0302, "Version code", 1, '1 = version "B"; weakly sourced (Victron shows it as firmware)'),
  word(0x0303, "Revision code", 0, 'revision "0"; weakly sourced'),
];

/** Programming registers (C2 tables 2.7-2, 2.7-5): what Victron reads, and writes when it differs. */
const ET340_PROGRAMMING: readonly RegisterDef[] = [
  word(0x1002, "Measuring system", 0, '0 = "3Pn" (three phases with neutral)', true),
  word(
    0x1103,
    "Measurement mode",
    1,
    '1 = mode "B" (bidirectional: export as negative power), the one Victron requires',
    true,
  ),
  cgSerialText(0x5000),
];

/** Every register of the ET340 map. */
export const ET340_REGISTERS: readonly RegisterDef[] = [
  ...cgMeasurementBlock(phaseCurrentSigned),
  ...ET340_TAIL,
  ...ET340_IDENTITY,
  ...ET340_PROGRAMMING,
];
