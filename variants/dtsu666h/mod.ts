/**
 * The Huawei DTSU666-H variant, the meter a Huawei SUN2000 inverter reads (Chint hardware with
 * Huawei's map): everything on FC03 (no FC04) at address 11. The inverter probes 0x07D1 (one
 * register) when the meter is enabled in its app, then reads the 80-register block at 0x0836
 * every cycle and the 10-register block at 0x08A6 from time to time; a firmware update added a
 * read of 0x0003.
 *
 * The layout and units of the 0x0836 block are weakly sourced (see `block.ts`): one table there,
 * so a field report changes one line.
 *
 * @module
 */
import type { NumberRegisterDef, Variant } from "../api.ts";
import { buildConfig, FC03_ONLY, fixed, register } from "../_electrical/mod.ts";
import { huaweiBlock } from "./block.ts";

/** What the probe 0x07D1 answers: 0x3B11 (newer SUN2000 firmware; older looked for 0x3F80). */
export const HUAWEI_PROBE_ANSWER = 0x3b11;

function word(address: number, name: string, value: number, rule: string): NumberRegisterDef {
  return register("holding", "uint16", { address, name, unit: "", formula: fixed(value, rule) });
}

/** The 10 words at 0x08A6 (2214…2223 decimal), named as D7 names them (weak), all read 0. */
const CONFIG_BLOCK: readonly NumberRegisterDef[] = [
  "Version",
  "Passcode",
  "Zero clear flag",
  "Connection mode",
  "CT ratio",
  "PT ratio",
  "Protocol switch",
  "Address",
  "Baud rate",
  "Meter type",
].map((name, n) =>
  word(
    0x08a6 + n,
    name,
    0,
    "0: a translator working with a SUN2000 answers zeros here and the inverter accepts them (the meaning is weakly sourced)",
  )
);

/** The DTSU666-H variant. */
export const dtsu666h: Variant = {
  id: "dtsu666h",
  model: "Huawei DTSU666-H",
  registers: [
    word(
      0x0003,
      "Wiring",
      0,
      "0 = 3P4W, as the Chint map's 0x0003; read by newer SUN2000 firmware",
    ),
    word(
      0x07d1,
      "Meter probe",
      HUAWEI_PROBE_ANSWER,
      "0x3B11: what newer SUN2000 firmware accepts from its meter (older firmware looked for 0x3F80)",
    ),
    ...huaweiBlock(),
    ...CONFIG_BLOCK,
  ],
  functionCodes: FC03_ONLY,
  // Address 11 (0x0B): what the SUN2000 polls; 9600 baud.
  config: buildConfig({ address: 11, baud: 9600 }),
  settings: [],
  reboot: null,
  departures: [
    "The layout and units of the 80-register block at 0x0836 are weakly sourced: no Huawei document was found; the order (currents, average and phase voltages, average and line voltages, frequency, active/reactive/apparent power, power factor, demand, energies) and the units (W, V, A, kWh) follow a proxy between a real DTSU666-H and a SUN2000, another source differs by one slot and another says kW; `a1mb map` and the README say how to report what your inverter shows",
    "Power is positive when importing (the proxy's evidence); if the inverter shows import as export, set [registers] invert = true",
    "The probe 0x07D1 answers 0x3B11 (newer SUN2000 firmware); older firmware looked for 0x3F80",
    "The 10 registers at 0x08A6 read 0, as a translator that works with a SUN2000 answers them",
    "The line is 8N1 (or 8E1); the bridges that talk to a SUN2000 use 8N2, which an 8N2 master reads without trouble",
    "Registers outside the map read 0 instead of an exception; reads of up to 125 registers are answered",
    "Values no telegram carries (per-phase energy and demand) read 0; the frequency reads 0 unless the telegram carries 1-0:14.7.0 or [registers] nominal_frequency_hz is set",
  ],
};
