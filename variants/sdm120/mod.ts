/**
 * The Eastron SDM120-Modbus variant, for single-phase inverters (Growatt, Solax, Deye) that
 * expect one: the SDM120's input map (float32, FC04: voltage, current, powers, power factor,
 * frequency, energies, demand), its settings registers (parity 0x0012, address 0x0014, baud
 * 0x001C), meter code 0x0020 at 0xFC02, and the converter's reboot register 0xF100.
 *
 * Fed a three-phase telegram, it serves the single-phase equivalent of the whole connection, the
 * figure a single-phase inverter limiting export needs (Belgian and Dutch meters bill the sum of
 * the phases): active power = the total `1.7.0 − 2.7.0`, current = the sum of the phase currents,
 * voltage = L1, apparent and reactive power = the sums of the phases', power factor = P / S,
 * energies = the meter's totals. Fed a single-phase telegram these are the phase's own values.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { EASTRON_FUNCTION_CODES, eastronConfig, floatRegisters } from "../_electrical/mod.ts";
import { SDM120_HOLDING, SDM120_SETTINGS } from "./holding_registers.ts";
import { SDM120_INPUT } from "./input_registers.ts";

export { SDM120_FIRMWARE, SDM120_METER_CODE } from "./holding_registers.ts";

/** The SDM120 variant. */
export const sdm120: Variant = {
  id: "sdm120",
  model: "Eastron SDM120-Modbus",
  registers: [...floatRegisters("input", SDM120_INPUT), ...SDM120_HOLDING],
  functionCodes: EASTRON_FUNCTION_CODES,
  // Address 1 as the meter leaves the factory; 9600 baud, what the masters (Growatt, Solax, evcc)
  // are set to, where a real SDM120 ships at 2400.
  config: eastronConfig({ address: 1, baud: 9600 }),
  settings: SDM120_SETTINGS,
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: [
    "Fed a three-phase telegram it serves the single-phase equivalent of the whole connection: active power = the total (1.7.0 − 2.7.0), current = the sum of the phase currents, voltage = L1, apparent and reactive power the sums of the phases', PF = P / S",
    "The factory default baud rate is 9600, as the masters expect; a real SDM120 ships at 2400",
    "FC06 (write single register) is accepted for the settings (on a float's first word, the low word taken as 0) and the reboot register",
    "Reads of up to 125 registers are answered, odd start addresses and counts are accepted, and registers outside the map read 0 instead of exception 02",
    "The identification registers 0xFC00, 0xFC02 and 0xFC03 also answer on FC04",
    "Baud codes 6 = 57600 and 7 = 115200 besides the SDM120's 0-2 and 5; 19200 and 38400 baud (set in the configuration file) read as codes 3 and 4, which cannot be written; parity codes 2 (8O1) and 3 (8N2) are refused with exception 03",
    "The reboot register 0xF100 (write 1) is the converter's own: written settings take effect only after it",
    "Values no telegram carries (reactive energy, import/export and current demand) read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
  ],
};
