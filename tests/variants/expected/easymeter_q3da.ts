/**
 * Expected registers for dsmr_parser_ESY5Q3DA1004_V304.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - no equipment id: the serial is 1 (EasyMeter Q3D: no CRC, values in W)
 * - 1-0:1.8.0*255(00032549.5061662*kWh)
 * - 1-0:21.7.0*255(000557.29*W) 1-0:41.7.0*255(000521.62*W) 1-0:61.7.0*255(000609.30*W)
 * - 1-0:1.7.0*255(001688.21*W); no export objects (counted as 0)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_ESY5Q3DA1004_V304.txt. */
export const easymeterQ3da: ExpectedSample = {
  files: ["dsmr_parser_ESY5Q3DA1004_V304.txt"],
  crc: "optional",
  serial: 1,
  input: {
    0x000c: 557.29, // P1 (557.29 − 0) W
    0x000e: 521.62, // P2 (521.62 − 0) W
    0x0010: 609.3, // P3 (609.3 − 0) W
    0x0034: 1688.21, // P = (1.7.0 − 2.7.0) W
    0x0048: 32549.50617, // import 1.8.0 = 32549.50617
    0x0156: 32549.50617, // import + export = 32549.50617 + 0
  },
  sdm72dm: {
    0x0180: 32549.50617, // resettable total = import + export
    0x0184: 32549.50617, // resettable import
    0x018c: 32549.50617, // net = import − export = 32549.50617 − 0
    0x0500: 1688.21, // 1.7.0 W
  },
};
