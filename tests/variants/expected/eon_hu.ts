/**
 * Expected registers for dsmr_parser_V5_EON_HU.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.0(383930303832323030303032313630) = "890082200002160"
 * - 1-0:1.8.0(000173.640*kWh) 1-0:2.8.0(000627.177*kWh)
 * - 1-0:32.7.0(240.4*V) 1-0:52.7.0(239.1*V) 1-0:72.7.0(241.2*V)
 * - 1-0:31.7.0(003*A) 1-0:51.7.0(004*A) 1-0:71.7.0(003*A) 1-0:14.7.0(50.00*Hz)
 * - 1-0:1.7.0(00.000*kW) 1-0:2.7.0(02.601*kW); no per-phase power: the total is split by V × I
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_V5_EON_HU.txt. */
export const eonHu: ExpectedSample = {
  files: ["dsmr_parser_V5_EON_HU.txt"],
  crc: "required",
  serial: 200002160,
  input: {
    0x0000: 240.4, // V1
    0x0002: 239.1, // V2
    0x0004: 241.2, // V3
    0x0006: 3, // I1 31/51/71.7.0
    0x0008: 4, // I2 31/51/71.7.0
    0x000a: 3, // I3 31/51/71.7.0
    0x000c: -781.2098951, // P1 derived: -2601 W × 240.4 × 3 / 2401.2 (V × I share)
    0x000e: -1035.98051, // P2 derived: -2601 W × 239.1 × 4 / 2401.2 (V × I share)
    0x0010: -783.8095952, // P3 derived: -2601 W × 241.2 × 3 / 2401.2 (V × I share)
    0x0012: 781.2098951, // S1 = |P| = 781.2098951 (V × I = 721.2 is smaller)
    0x0014: 1035.98051, // S2 = |P| = 1035.98051 (V × I = 956.4 is smaller)
    0x0016: 783.8095952, // S3 = |P| = 783.8095952 (V × I = 723.6 is smaller)
    0x001e: -1, // PF1 = -781.2098951 / 781.2098951
    0x0020: -1, // PF2 = -1035.98051 / 1035.98051
    0x0022: -1, // PF3 = -783.8095952 / 783.8095952
    0x0024: 180, // φ1 = acos(-1) in degrees
    0x0026: 180, // φ2 = acos(-1) in degrees
    0x0028: 180, // φ3 = acos(-1) in degrees
    0x002a: 240.2333333, // mean of live V: (240.4 + 239.1 + 241.2) / 3
    0x002e: 3.333333333, // mean I: (3 + 4 + 3) / 3
    0x0030: 10, // ΣI: 3 + 4 + 3
    0x0034: -2601, // P = (1.7.0 − 2.7.0) W
    0x0038: 2601, // max(ΣS = 781.2098951 + 1035.98051 + 783.8095952, |P| = 2601)
    0x003e: -1, // PF = -2601 / 2601
    0x0042: 180, // acos(-1) in degrees
    0x0046: 50, // 14.7.0
    0x0048: 173.64, // import 1.8.0 = 173.64
    0x004a: 627.177, // export 2.8.0 = 627.177
    0x00c8: 415.2596898, // √(240.4² + 239.1² + 240.4·239.1)
    0x00ca: 415.9533267, // √(239.1² + 241.2² + 239.1·241.2)
    0x00cc: 417.0780263, // √(241.2² + 240.4² + 241.2·240.4)
    0x00ce: 416.0970143, // mean of the 3 line-to-line voltages
    0x00fe: 1, // −PF
    0x0156: 800.817, // import + export = 173.64 + 627.177
  },
  sdm72dm: {
    0x0180: 800.817, // resettable total = import + export
    0x0184: 173.64, // resettable import
    0x0186: 627.177, // resettable export
    0x018c: -453.537, // net = import − export = 173.64 − 627.177
    0x0502: 2601, // 2.7.0 W
  },
};
