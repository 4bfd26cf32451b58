/**
 * The Chint DTSU666 variant, the meter Growatt, Deye, Sungrow, Solax and FoxESS inverters offer
 * as "Chint": every register on FC03 (the meter answers no FC04), the measurements at 0x2000 as
 * scaled float32 (V × 10, A × 1000, W and var × 10, PF × 1000, Hz × 100), both energy blocks
 * (0x101E/0x1028 and 0x401E/0x4028) in plain kWh, meter type 167 at 0x000B. Power is positive
 * when importing (mbmd and evcc read it so).
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { buildConfig, FC03_ONLY } from "../_electrical/mod.ts";
import { DTSU666_CONFIG, DTSU666_ENERGIES, DTSU666_MEASUREMENTS } from "./registers.ts";

export { DTSU666_METER_TYPE } from "./registers.ts";

/** The DTSU666 variant. */
export const dtsu666: Variant = {
  id: "dtsu666",
  model: "Chint DTSU666",
  registers: [...DTSU666_CONFIG, ...DTSU666_MEASUREMENTS, ...DTSU666_ENERGIES],
  functionCodes: FC03_ONLY,
  // Address 1 (what emulators and masters use; the meter's label says), 9600 baud.
  config: buildConfig({ address: 1, baud: 9600 }),
  settings: [],
  reboot: null,
  departures: [
    "The line is 8N1 (or 8E1); the DTSU666's Modbus mode is 8N2, which masters at 8N2 read without trouble",
    "The address, baud and protocol registers (0x002C…0x002E, whose order the sources dispute) read 0 and cannot be written: the address and baud rate are set in the configuration file",
    "Both energy blocks carry kWh: the manual defines the 0x401E block as energy × PT × CT ratio, which is the kWh of a meter without transformers, as served",
    "Apparent power 0x2022…0x2028 (not in the manual, read there by Tasmota), the demand's factor (× 10) and the meter type 167 at 0x000B are weakly sourced",
    "Reads of up to 125 registers are answered, and registers outside the map read 0 instead of an exception",
    "Values no telegram carries (per-phase and reactive energy) read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
  ],
};
