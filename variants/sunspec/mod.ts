/**
 * The SunSpec meter variant, for Fronius GEN24 inverters reading a Smart Meter over TCP, evcc's
 * `sunspec-meter` and any SunSpec reader: holding registers on FC03 (FC04 gets exception 01),
 * "SunS" at protocol address 40000, the common model 1 (manufacturer, model and serial text, the
 * device address) at 40002, the meter model at 40069 (203: int16 with constant scale factors,
 * the default; 213: float32, with `[registers] sunspec_model = 213`) and the end model 0xFFFF
 * after it. `W` is positive while importing; `TotWhImp` is the energy taken from the grid and
 * `TotWhExp` the energy fed in (evcc's reading), swapped with `[registers] sunspec_energy =
 * "meter"`. Each model is readable in one request. Address 1 at 9600 baud (RTU), the same unit
 * id on TCP.
 *
 * @module
 */
import type { Variant } from "../api.ts";
import { buildConfig, FC03_ONLY } from "../_electrical/mod.ts";
import { COMMON_MODEL } from "./common_model.ts";
import { METER_MODEL_203 } from "./meter_203.ts";
import { METER_MODEL_213 } from "./meter_213.ts";
import { ENERGY_KEY, MODEL_KEY } from "./points.ts";

export { METER_MODEL_ADDRESS, SUNSPEC_BASE } from "./common_model.ts";
export { MODEL_203_LENGTH, SCALE_FACTORS_203 } from "./meter_203.ts";
export { MODEL_213_LENGTH } from "./meter_213.ts";

/** The SunSpec meter variant. */
export const sunspec: Variant = {
  id: "sunspec",
  model: "SunSpec meter: common model 1 and meter model 203 or 213",
  registers: [...COMMON_MODEL, ...METER_MODEL_203, ...METER_MODEL_213],
  functionCodes: FC03_ONLY,
  // No SunSpec document sets an RTU default: address 1 at 9600 8N1, evcc's RS485 defaults.
  config: buildConfig({ address: 1, baud: 9600 }, [MODEL_KEY, ENERGY_KEY]),
  settings: [],
  reboot: null,
  departures: [
    'The manufacturer and model texts are a1mb\'s own ("a1mb", "P1 meter (SunSpec)"); the Fronius GEN24 accepts other makers\' SunSpec meters (KOSTAL KSEM) and emulators named "Fronius", but this build has not been tried on one',
    "Model 203's int16 values use constant scale factors: power in 10 W steps (W_SF = 1, so 3 × 63 A fits), currents 0.01 A, voltages 0.1 V; a value beyond ±32767 × its step saturates",
    'Which way a Fronius meter names its energies depends on its role; TotWhImp = the energy taken from the grid by default, [registers] sunspec_energy = "meter" swaps the two',
    "Power factors are P / S, negative while exporting: percent in model 203 (its unit Pct), a ratio in model 213 (its unit PF); no lead/lag in the telegram",
    "Per-phase, apparent and reactive energies, Opt and Vr read 0 (for an acc32, SunSpec's \"not implemented\"); unknown values read 0, not SunSpec's 0x8000",
    "The common model's length is 65 (its optional Pad left out), as Fronius serves it, so the meter model sits at 40069",
    "Model 213's header and data are 126 registers: the data (124) is readable in one request, the whole model in two",
    "Reads of up to 125 registers are answered and registers outside the map read 0 instead of an exception; FC04 gets exception 01",
    "The frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
  ],
};
