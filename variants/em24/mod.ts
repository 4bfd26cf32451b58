/**
 * The Carlo Gavazzi EM24-DIN variant, the meter Victron's GX devices read over RS485
 * (dbus-cgwacs): FC03 and FC04 read the same registers, measurements are integers with a fixed
 * weight (V × 10, A × 1000, W × 10, PF × 1000, Hz × 10, kWh × 10), 32-bit values low word first;
 * identification 71 at 0x000B, the serial as text at 0x1300, revision 0x0303, phase sequence
 * 0x0036 = 0, front selector 0x0304 unlocked, application 0x1101 = 7 ("H": export as negative
 * power) and measuring system 0x1102 = 0 ("3Pn"), which Victron writes with those values (answered
 * as accepted, any other value refused with exception 03). Address 1 at 9600 baud.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { CG_CONFIG, CG_FUNCTION_CODES } from "../_carlo_gavazzi/mod.ts";
import { EM24_REGISTERS } from "./registers.ts";

export { EM24_IDENTIFICATION, EM24_VERSION_CODE } from "./registers.ts";

/** The EM24-DIN variant. */
export const em24: Variant = {
  id: "em24",
  model: "Carlo Gavazzi EM24-DIN",
  registers: EM24_REGISTERS,
  functionCodes: CG_FUNCTION_CODES,
  config: CG_CONFIG,
  settings: [],
  reboot: null,
  departures: [
    "Reads of up to 125 registers are answered (the EM24 answers 11), the identification and status words also in longer reads, and registers outside the map read 0 instead of an exception",
    "Application 0x1101 and measuring system 0x1102 cannot be changed: a write of the value served (7, 0) is accepted, any other value gets exception 03, so a Victron set to single phase (which writes 0x1102 = 3) cannot use this build",
    "Currents are magnitudes (Victron gives them the sign of the phase power); the power factors are magnitudes too, as the telegram says nothing of lead or lag",
    "Per-phase and tariff energies, reactive energies, the hour counter and the apparent-power demands read 0; the partial import counter 0x0042 (read by mbmd and evcc as the import) reads the total",
    "The revision code 0x0303 (1) is weakly sourced: the manual lists no values",
    "V L3-L1 (0x000A…0x000B) is not served: 0x000B holds the identification code 71, which a real EM24 answers only to a one-word read (Victron's detection); 0x000A reads 0",
    "The address and baud rate are set in the configuration file: the programming registers other than 0x1101…0x1103 read 0, and none can be written",
    "Values no telegram carries read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
  ],
};
