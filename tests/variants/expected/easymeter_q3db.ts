/**
 * Expected registers for dsmr_parser_ESY5Q3DB1024_V304.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - no equipment id: the serial is 1 (EasyMeter Q3D via COM-1: no CRC, values in W)
 * - 1-0:1.8.0*255(00052185.7825309*kWh) 1-0:2.8.0*255(00019949.3221493*kWh)
 * - 1-0:21.7.0*255(000747.85*W) 1-0:41.7.0*255(000737.28*W) 1-0:61.7.0*255(000639.73*W)
 * - 1-0:1.7.0*255(002124.86*W)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_ESY5Q3DB1024_V304.txt. */
export const easymeterQ3db: ExpectedSample = {
  files: ["dsmr_parser_ESY5Q3DB1024_V304.txt"],
  crc: "optional",
  serial: 1,
  input: {
    0x000c: 747.85, // P1 (747.85 − 0) W
    0x000e: 737.28, // P2 (737.28 − 0) W
    0x0010: 639.73, // P3 (639.73 − 0) W
    0x0034: 2124.86, // P = (1.7.0 − 2.7.0) W
    0x0048: 52185.78253, // import 1.8.0 = 52185.78253
    0x004a: 19949.32215, // export 2.8.0 = 19949.32215
    0x0156: 72135.10468, // import + export = 52185.78253 + 19949.32215
  },
  sdm72dm: {
    0x0180: 72135.10468, // resettable total = import + export
    0x0184: 52185.78253, // resettable import
    0x0186: 19949.32215, // resettable export
    0x018c: 32236.46038, // net = import − export = 52185.78253 − 19949.32215
    0x0500: 2124.86, // 1.7.0 W
  },
};
