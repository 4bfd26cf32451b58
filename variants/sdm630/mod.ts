/**
 * The Eastron SDM630-Modbus V2 variant: every input register of the meter (V1.8 map), filled
 * from the telegram where it carries the data and derived from it where masters need a value
 * the telegram lacks; the settings registers (parity 0x0012, address 0x0014, baud 0x001C); the
 * identification registers (serial 0xFC00, meter code 0x0070 at 0xFC02, firmware 0xFC03); and
 * the converter's reboot register 0xF100.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { EASTRON_FUNCTION_CODES, eastronConfig, floatRegisters } from "../_electrical/mod.ts";
import { SDM630_HOLDING, SDM630_SETTINGS } from "./holding_registers.ts";
import { SDM630_INPUT } from "./input_registers.ts";

export { SDM630_FIRMWARE, SDM630_METER_CODE } from "./holding_registers.ts";

/** The SDM630 variant. */
export const sdm630: Variant = {
  id: "sdm630",
  model: "Eastron SDM630-Modbus V2",
  registers: [...floatRegisters("input", SDM630_INPUT), ...SDM630_HOLDING],
  functionCodes: EASTRON_FUNCTION_CODES,
  // Address 2: the converter's default and what Growatt expects with "SDM630 V2"; 9600 8N1.
  config: eastronConfig({ address: 2, baud: 9600 }),
  settings: SDM630_SETTINGS,
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: [
    "FC06 (write single register) is accepted for the settings (on a float's first word, the low word taken as 0) and the reboot register; the real SDM630 answers exception 01",
    "Reads of up to 125 registers are answered; the real SDM630 stops at 80 (40 floats)",
    "Odd start addresses and odd counts are accepted, even when a read splits a float; the real SDM630 answers exception 02 except for single-register reads",
    "Registers outside the map and the gaps inside it read 0 instead of exception 02",
    "The identification registers 0xFC00, 0xFC02 and 0xFC03 also answer on FC04",
    "Baud codes 5 = 1200, 6 = 57600 and 7 = 115200 besides the SDM630's 0-4; parity codes 2 (8O1) and 3 (8N2) are refused with exception 03",
    "The reboot register 0xF100 (write 1) is the converter's own: written settings take effect only after it",
    "Values no telegram carries (THD, reactive and apparent energy, per-phase energy, neutral current, VA and current demand) read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
    "System type (holding 0x000A) always reads 3 (3P4W) and the demand period (0x0002) 15 min; neither can be written",
  ],
};
