/**
 * Expected registers for domoticz_P1MeterSerial_BE_T211_1ph_50213.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(3153414731313030303037313930) = "1SAG1100007190"
 * - 1-0:1.8.1(000244.844*kWh) 1-0:1.8.2(000226.027*kWh) 1-0:2.8.1(000139.553*kWh) 1-0:2.8.2(000045.390*kWh)
 * - 1-0:1.7.0(00.000*kW) 1-0:2.7.0(00.198*kW) 1-0:32.7.0(240.0*V) 1-0:31.7.0(002*A)
 * - e-MUCS 1.3, single phase, no per-phase power: phase 1 power = total
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of domoticz_P1MeterSerial_BE_T211_1ph_50213.txt. */
export const domoticz50213: ExpectedSample = {
  files: ["domoticz_P1MeterSerial_BE_T211_1ph_50213.txt"],
  crc: "required",
  serial: 100007190,
  input: {
    0x0000: 240, // V1
    0x0006: 2, // I1 31/51/71.7.0
    0x000c: -198, // P1 single phase: total (0 − 198) W
    0x0012: 480, // S1 = V × I = 240 × 2
    0x0018: 437.2596483, // Q1 = √(480² − -198²)
    0x001e: -0.4125, // PF1 = -198 / 480
    0x0024: 114.3619779, // φ1 = acos(-0.4125) in degrees
    0x002a: 240, // mean of live V: (240) / 1
    0x002e: 2, // mean I: (2) / 1
    0x0030: 2, // ΣI: 2
    0x0034: -198, // P = (1.7.0 − 2.7.0) W
    0x0038: 480, // max(ΣS = 480, |P| = 198)
    0x003c: 437.2596483, // ΣQ: 437.2596483
    0x003e: -0.4125, // PF = -198 / 480
    0x0042: 114.3619779, // acos(-0.4125) in degrees
    0x0048: 470.871, // import 1.8.1 + 1.8.2 = 244.844 + 226.027
    0x004a: 184.943, // export 2.8.1 + 2.8.2 = 139.553 + 45.39
    0x00fe: 0.4125, // −PF
    0x0156: 655.814, // import + export = 470.871 + 184.943
  },
  sdm72dm: {
    0x0180: 655.814, // resettable total = import + export
    0x0184: 470.871, // resettable import
    0x0186: 184.943, // resettable export
    0x018c: 285.928, // net = import − export = 470.871 − 184.943
    0x0502: 198, // 2.7.0 W
  },
};
