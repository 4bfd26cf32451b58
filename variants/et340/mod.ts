/**
 * The Carlo Gavazzi ET340 variant (EM300 series), the meter Victron sells for its GX devices
 * (dbus-cgwacs over RS485): FC03 and FC04 read the same registers, measurements are integers with
 * a fixed weight (V × 10, A × 1000, W × 10, PF × 1000, Hz × 10, kWh × 10), 32-bit values low
 * word first; currents and power factors negative while a phase exports (measurement mode B);
 * identification 345 at 0x000B, per-phase export counters at 0x0060 answered (reading 0: an
 * exception there makes Victron fall back to its older EM300 protocol), the serial as text at
 * 0x5000; measurement mode 0x1103 = 1 and measuring system 0x1002 = 0, which Victron writes with
 * those values (answered as accepted, any other value refused with exception 03). Victron's reads
 * ask for more registers than it decodes (0x0000 × 8, 0x0060 × 8, …): they are answered in full,
 * the registers past the documented ones reading 0. Address 1 at 9600 baud.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { CG_CONFIG, CG_FUNCTION_CODES } from "../_carlo_gavazzi/mod.ts";
import { ET340_REGISTERS } from "./registers.ts";

export { ET340_IDENTIFICATION } from "./registers.ts";

/** The ET340 variant. */
export const et340: Variant = {
  id: "et340",
  model: "Carlo Gavazzi ET340",
  registers: ET340_REGISTERS,
  functionCodes: CG_FUNCTION_CODES,
  config: CG_CONFIG,
  settings: [],
  reboot: null,
  departures: [
    "Reads of up to 125 registers are answered (the ET340 answers 50), the identification words also in longer reads, and registers outside the map read 0 instead of exception 02",
    "Measurement mode 0x1103 and measuring system 0x1002 cannot be changed: a write of the value served (1, 0) is accepted, any other value gets exception 03, so a Victron set to single phase with a PV inverter on L2 (which writes 0x1002 = 2) cannot use this build",
    "V L3-L1 (0x000A…0x000B) is not served: 0x000B holds the identification code 345, which a real ET340 answers only to a one-word read (Victron's detection); 0x000A reads 0",
    "Per-phase import and export energies (0x0040…, 0x0060…), tariff and reactive energies and the hour counter read 0; the partial import counter 0x003C reads the total",
    "The version and revision codes 0x0302/0x0303 (1, 0) are weakly sourced",
    "The address, baud rate and parity are set in the configuration file: the programming registers other than 0x1002 and 0x1103 read 0, and none can be written",
    "Values no telegram carries read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
  ],
};
