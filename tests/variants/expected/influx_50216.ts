/**
 * Expected registers for influx-recorder_BE_1ph_50216_nogas.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(3153414731313035343239303939) = "1SAG1105429099"
 * - 1-0:1.8.1(000003.689*kWh) 1-0:1.8.2(000006.940*kWh) 1-0:2.8.1(000022.354*kWh) 1-0:2.8.2(000004.264*kWh)
 * - 1-0:1.7.0(00.278*kW) 1-0:2.7.0(00.000*kW) 1-0:21.7.0(00.278*kW) 1-0:22.7.0(00.000*kW)
 * - 1-0:32.7.0(233.3*V) 1-0:31.7.0(001.51*A)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of influx-recorder_BE_1ph_50216_nogas.txt. */
export const influx50216: ExpectedSample = {
  files: ["influx-recorder_BE_1ph_50216_nogas.txt"],
  crc: "required",
  serial: 105429099,
  input: {
    0x0000: 233.3, // V1
    0x0006: 1.51, // I1 31/51/71.7.0
    0x000c: 278, // P1 (278 − 0) W
    0x0012: 352.283, // S1 = V × I = 233.3 × 1.51
    0x0018: 216.377707, // Q1 = √(352.283² − 278²)
    0x001e: 0.789138278, // PF1 = 278 / 352.283
    0x0024: 37.89494499, // φ1 = acos(0.789138278) in degrees
    0x002a: 233.3, // mean of live V: (233.3) / 1
    0x002e: 1.51, // mean I: (1.51) / 1
    0x0030: 1.51, // ΣI: 1.51
    0x0034: 278, // P = (1.7.0 − 2.7.0) W
    0x0038: 352.283, // max(ΣS = 352.283, |P| = 278)
    0x003c: 216.377707, // ΣQ: 216.377707
    0x003e: 0.789138278, // PF = 278 / 352.283
    0x0042: 37.89494499, // acos(0.789138278) in degrees
    0x0048: 10.629, // import 1.8.1 + 1.8.2 = 3.689 + 6.94
    0x004a: 26.618, // export 2.8.1 + 2.8.2 = 22.354 + 4.264
    0x00fe: -0.789138278, // −PF
    0x0156: 37.247, // import + export = 10.629 + 26.618
  },
  sdm72dm: {
    0x0180: 37.247, // resettable total = import + export
    0x0184: 10.629, // resettable import
    0x0186: 26.618, // resettable export
    0x018c: -15.989, // net = import − export = 10.629 − 26.618
    0x0500: 278, // 1.7.0 W
  },
};
