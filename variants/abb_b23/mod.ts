/**
 * The ABB B23 variant, the meter Victron's `abb.py`, evcc's `abb-ab` and Alfen/Teltonika chargers
 * read: every register on FC03 (no FC04), high word first; energies uint64 (kWh × 100),
 * instantaneous values as scaled integers (V × 10, A × 100, W × 100, Hz × 100, PF × 1000), the
 * model "B23 " at 0x8960, serial 0x8900 and firmware text 0x8908. Power is positive importing,
 * as Victron and evcc read a grid meter.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { buildConfig, FC03_ONLY } from "../_electrical/mod.ts";
import { ABB_ENERGIES, ABB_IDENTITY, ABB_INSTANTANEOUS } from "./registers.ts";

export { ABB_B23_MODEL } from "./registers.ts";

/** The ABB B23 variant. */
export const abb_b23: Variant = {
  id: "abb_b23",
  model: "ABB B23",
  registers: [...ABB_ENERGIES, ...ABB_INSTANTANEOUS, ...ABB_IDENTITY],
  functionCodes: FC03_ONLY,
  // Address 1 and 9600 8N1: what Victron, evcc and Teltonika's chargers use by default.
  config: buildConfig({ address: 1, baud: 9600 }),
  settings: [],
  reboot: null,
  departures: [
    "Values the telegram lacks read 0 where the meter would send its 'not available' pattern (all bits set): per-phase energies, and the frequency unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
    'The firmware text at 0x8908 reads "a1mb"; the serial at 0x8900 is the P1 meter\'s (an int32: a configured serial above 2147483647 saturates)',
    "The ABB's factory address and baud rate were not established from an ABB document: the defaults (1, 9600) are what its masters use",
    "Registers outside the map read 0 instead of an exception; reads of up to 125 registers are answered",
  ],
};
