/**
 * Expected registers for dsmrhub_TelegramMappingTests_BE_1ph_50217_empty98.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(3153414731313030303537373239) = "1SAG1100057729"
 * - 1-0:1.8.1(003457.591*kWh) 1-0:1.8.2(004282.456*kWh) 1-0:2.8.1(000447.891*kWh) 1-0:2.8.2(000203.818*kWh)
 * - 1-0:1.4.0(00.032*kW) 1-0:1.6.0(221203174500W)(03.716*kW) 1-0:1.7.0(00.524*kW) 1-0:2.7.0(00.000*kW)
 * - 1-0:21.7.0(00.524*kW) 1-0:22.7.0(00.000*kW) 1-0:32.7.0(231.6*V) 1-0:31.7.0(002.72*A)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmrhub_TelegramMappingTests_BE_1ph_50217_empty98.txt. */
export const dsmrhub50217: ExpectedSample = {
  files: ["dsmrhub_TelegramMappingTests_BE_1ph_50217_empty98.txt"],
  crc: "required",
  serial: 100057729,
  input: {
    0x0000: 231.6, // V1
    0x0006: 2.72, // I1 31/51/71.7.0
    0x000c: 524, // P1 (524 − 0) W
    0x0012: 629.952, // S1 = V × I = 231.6 × 2.72
    0x0018: 349.6620115, // Q1 = √(629.952² − 524²)
    0x001e: 0.8318094077, // PF1 = 524 / 629.952
    0x0024: 33.71494095, // φ1 = acos(0.8318094077) in degrees
    0x002a: 231.6, // mean of live V: (231.6) / 1
    0x002e: 2.72, // mean I: (2.72) / 1
    0x0030: 2.72, // ΣI: 2.72
    0x0034: 524, // P = (1.7.0 − 2.7.0) W
    0x0038: 629.952, // max(ΣS = 629.952, |P| = 524)
    0x003c: 349.6620115, // ΣQ: 349.6620115
    0x003e: 0.8318094077, // PF = 524 / 629.952
    0x0042: 33.71494095, // acos(0.8318094077) in degrees
    0x0048: 7740.047, // import 1.8.1 + 1.8.2 = 3457.591 + 4282.456
    0x004a: 651.709, // export 2.8.1 + 2.8.2 = 447.891 + 203.818
    0x0054: 32, // 1.4.0 W
    0x0056: 3716, // 1.6.0 W
    0x00fe: -0.8318094077, // −PF
    0x0156: 8391.756, // import + export = 7740.047 + 651.709
  },
  sdm72dm: {
    0x0180: 8391.756, // resettable total = import + export
    0x0184: 7740.047, // resettable import
    0x0186: 651.709, // resettable export
    0x018c: 7088.338, // net = import − export = 7740.047 − 651.709
    0x0500: 524, // 1.7.0 W
  },
};
