/**
 * Expected registers for dsmr_parser_V4_2.txt, edge_unclosed-then-full_V4_2.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(3960221976967177082151037881335713): not printable once decoded, kept as digits: last 9 = 881335713
 * - 1-0:1.8.1(001581.123*kWh) 1-0:1.8.2(001435.706*kWh) 1-0:2.8.1/2.8.2 = 0
 * - 1-0:1.7.0(02.027*kW) 1-0:2.7.0(00.000*kW)
 * - 1-0:21.7.0(00.170*kW) 1-0:41.7.0(01.247*kW) 1-0:61.7.0(00.209*kW), 22/42/62.7.0 = 0
 * - 1-0:31.7.0(000*A) 1-0:51.7.0(006*A) 1-0:71.7.0(002*A); no voltage, so no |P|/V
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_V4_2.txt. */
export const v42: ExpectedSample = {
  files: ["dsmr_parser_V4_2.txt", "edge_unclosed-then-full_V4_2.txt"],
  crc: "required",
  serial: 881335713,
  input: {
    0x0008: 6, // I2 31/51/71.7.0
    0x000a: 2, // I3 31/51/71.7.0
    0x000c: 170, // P1 (170 − 0) W
    0x000e: 1247, // P2 (1247 − 0) W
    0x0010: 209, // P3 (209 − 0) W
    0x002e: 2.666666667, // mean I: (0 + 6 + 2) / 3
    0x0030: 8, // ΣI: 0 + 6 + 2
    0x0034: 2027, // P = (1.7.0 − 2.7.0) W
    0x0048: 3016.829, // import 1.8.1 + 1.8.2 = 1581.123 + 1435.706
    0x0156: 3016.829, // import + export = 3016.829 + 0
  },
  sdm72dm: {
    0x0180: 3016.829, // resettable total = import + export
    0x0184: 3016.829, // resettable import
    0x018c: 3016.829, // net = import − export = 3016.829 − 0
    0x0500: 2027, // 1.7.0 W
  },
};
