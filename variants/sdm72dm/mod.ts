/**
 * The Eastron SDM72D-M V2 variant, the second meter model proving the variant contract: its
 * own input map (resettable and net energies 0x0180…0x018C, import/export power
 * 0x0500/0x0502), its baud codes (no 38400), meter code 0x0089, and the converter's reboot
 * register 0xF100.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { EASTRON_FUNCTION_CODES, eastronConfig, floatRegisters } from "../_electrical/mod.ts";
import { SDM72DM_HOLDING, SDM72DM_SETTINGS } from "./holding_registers.ts";
import { SDM72DM_INPUT } from "./input_registers.ts";

export { SDM72DM_METER_CODE } from "./holding_registers.ts";

/** The SDM72D-M V2 variant. */
export const sdm72dm: Variant = {
  id: "sdm72dm",
  model: "Eastron SDM72D-M V2",
  registers: [...floatRegisters("input", SDM72DM_INPUT), ...SDM72DM_HOLDING],
  functionCodes: EASTRON_FUNCTION_CODES,
  // Address 2, 9600 8N1, as this build always served (a real SDM72D-M leaves the factory at 1).
  config: eastronConfig({ address: 2, baud: 9600 }),
  settings: SDM72DM_SETTINGS,
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: [
    "FC06 (write single register) is accepted for the settings (on a float's first word, the low word taken as 0) and the reboot register",
    "Reads of up to 125 registers are answered; the real SDM72D-M stops at 60 (30 floats)",
    "Odd start addresses and odd counts are accepted, even when a read splits a float",
    "Registers outside the map and the gaps inside it read 0 instead of exception 02",
    "The identification registers 0xFC00 and 0xFC02 also answer on FC04",
    "Baud codes 6 = 57600 and 7 = 115200 besides the SDM72D-M's 0-3 and 5; 38400 baud (set in the configuration file) reads as code 4, which cannot be written; parity codes 2 (8O1) and 3 (8N2) are refused with exception 03",
    "The reboot register 0xF100 (write 1) is the converter's own: written settings take effect only after it",
    "The resettable energies (0x0180, 0x0184, 0x0186) are never reset: they read the meter's totals",
    "Values no telegram carries (reactive energy, neutral current) read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
    "System type (holding 0x000A) always reads 3 (3P4W) and cannot be written",
  ],
};
