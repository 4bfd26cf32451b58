/**
 * The Carlo Gavazzi EM24-DIN register map (reference `variants/em24.md`; source C1, the EM24-DIN
 * PFA/PFB/X communication protocol V4R0): the measurement block 0x0000…0x0066 as integers with a
 * fixed weight, low word first; the identification, version and front selector words; the
 * programming registers Victron's dbus-cgwacs reads and writes (application 0x1101 = 7 "H",
 * measuring system 0x1102 = 0 "3Pn"); the serial text at 0x1300.
 *
 * @module
 */
import type { NumberRegisterDef, RegisterDef } from "../api.ts";
import {
  exportEnergy,
  fixed,
  frequency,
  importEnergy,
  magnitude,
  maxPowerDemand,
  none,
  noPhaseEnergy,
  noReactiveEnergy,
  phaseCurrent,
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

/** The Carlo Gavazzi identification code at 0x000B: 71 = EM24-DIN AV9 (or AV2) input (C1 2.8). */
export const EM24_IDENTIFICATION = 71;

/** Version code 0x0302: 66 = EM24DINAV93XISX (PFA code 2 + 64: an X model, RS485 port). */
export const EM24_VERSION_CODE = 66;

const NO_TARIFF = none("tariff counters are not served: read 0");
const NO_DEMAND = none("no apparent-power or current demand in any P1 telegram: reads 0");
const PF_NOTE = "served as a magnitude (lagging): the telegram gives no lead/lag";

/** The measurements after the shared block (C1 table 2.3-1). */
const EM24_TAIL: readonly NumberRegisterDef[] = [
  int32(0x002e, "DMD W Σ (active power demand)", "W", 10, powerDemand),
  int32(0x0030, "DMD VA Σ (apparent power demand)", "VA", 10, NO_DEMAND),
  int16(0x0032, "PF L1 (power factor)", "", 1000, magnitude(phasePowerFactor(1), PF_NOTE)),
  int16(0x0033, "PF L2 (power factor)", "", 1000, magnitude(phasePowerFactor(2), PF_NOTE)),
  int16(0x0034, "PF L3 (power factor)", "", 1000, magnitude(phasePowerFactor(3), PF_NOTE)),
  int16(0x0035, "PF Σ (power factor)", "", 1000, magnitude(totalPf, PF_NOTE)),
  int16(0x0036, "Phase sequence", "", 1, fixed(0, "0 = L1-L2-L3 (−1 would be L1-L3-L2)")),
  int16(0x0037, "Hz (frequency)", "Hz", 10, frequency),
  int32(0x0038, "DMD W Σ max (maximum demand)", "W", 10, maxPowerDemand),
  int32(0x003a, "DMD VA Σ max (maximum apparent demand)", "VA", 10, NO_DEMAND),
  int32(0x003c, "DMD A max (maximum current demand)", "A", 1000, NO_DEMAND),
  int32(0x003e, "kWh(+) TOT (import energy)", "kWh", 10, importEnergy),
  int32(0x0040, "kvarh(+) TOT (reactive energy)", "kvarh", 10, noReactiveEnergy),
  int32(0x0042, "kWh(+) PAR (partial import energy)", "kWh", 10, CG_PARTIAL_IMPORT),
  int32(0x0044, "kvarh(+) PAR (partial reactive energy)", "kvarh", 10, noReactiveEnergy),
  int32(0x0046, "kWh(+) L1 (import energy)", "kWh", 10, noPhaseEnergy),
  int32(0x0048, "kWh(+) L2 (import energy)", "kWh", 10, noPhaseEnergy),
  int32(0x004a, "kWh(+) L3 (import energy)", "kWh", 10, noPhaseEnergy),
  int32(0x004c, "kWh(+) T1 (tariff import energy)", "kWh", 10, NO_TARIFF),
  int32(0x004e, "kWh(+) T2 (tariff import energy)", "kWh", 10, NO_TARIFF),
  int32(0x0050, "kWh(+) T3 (tariff import energy)", "kWh", 10, NO_TARIFF),
  int32(0x0052, "kWh(+) T4 (tariff import energy)", "kWh", 10, NO_TARIFF),
  int32(0x0054, "kvarh(+) T1 (tariff reactive energy)", "kvarh", 10, NO_TARIFF),
  int32(0x0056, "kvarh(+) T2 (tariff reactive energy)", "kvarh", 10, NO_TARIFF),
  int32(0x0058, "kvarh(+) T3 (tariff reactive energy)", "kvarh", 10, NO_TARIFF),
  int32(0x005a, "kvarh(+) T4 (tariff reactive energy)", "kvarh", 10, NO_TARIFF),
  int32(0x005c, "kWh(-) TOT (export energy)", "kWh", 10, exportEnergy),
  int32(0x005e, "kvarh(-) TOT (exported reactive energy)", "kvarh", 10, noReactiveEnergy),
  int32(0x0060, "Hour counter", "h", 100, none("no running-hours counter: reads 0")),
];

/** Identification and state words (C1 tables 2.6-1, 2.7-1, 2.8-1). */
const EM24_IDENTITY: readonly NumberRegisterDef[] = [
  word(
    0x000b,
    "Carlo Gavazzi identification code",
    EM24_IDENTIFICATION,
    "71 = EM24-DIN AV9 input (dbus-cgwacs takes 71…73 as an EM24)",
  ),
  word(
    0x0302,
    "Version code",
    EM24_VERSION_CODE,
    "66 = EM24DINAV93XISX (an X model: every application, so H)",
  ),
  word(0x0303, "Revision code", 1, "1; the manual lists no values (Victron shows it as firmware)"),
  word(0x0304, "Front selector status", 0, "0 = keypad unlocked (3 would be locked)"),
];

/** Programming registers (C1 tables 2.9-2…2.9-7): what Victron reads, and writes when it differs. */
const EM24_PROGRAMMING: readonly RegisterDef[] = [
  word(
    0x1101,
    "Application",
    7,
    '7 = application "H" (export as negative power), the one Victron requires',
    true,
  ),
  word(0x1102, "Measuring system", 0, '0 = "3Pn" (three phases with neutral)', true),
  word(0x1103, "DMD integration time", 15, "15 minutes, the period of the e-MUCS demand"),
  cgSerialText(0x1300),
];

/** Every register of the EM24 map. */
export const EM24_REGISTERS: readonly RegisterDef[] = [
  ...cgMeasurementBlock(phaseCurrent),
  ...EM24_TAIL,
  ...EM24_IDENTITY,
  ...EM24_PROGRAMMING,
];
