/**
 * Expected registers for arduino-dsmr_KFM5KAIFA_short.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - no equipment id: the serial is 1
 * - 1-0:1.8.1(000671.578*kWh) 1-0:1.7.0(00.318*kW)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of arduino-dsmr_KFM5KAIFA_short.txt. */
export const kaifaShort: ExpectedSample = {
  files: ["arduino-dsmr_KFM5KAIFA_short.txt"],
  crc: "required",
  serial: 1,
  input: {
    0x0034: 318, // P = (1.7.0 − 2.7.0) W
    0x0048: 671.578, // import 1.8.1 + 1.8.2 = 671.578 + 0
    0x0156: 671.578, // import + export = 671.578 + 0
  },
  sdm72dm: {
    0x0180: 671.578, // resettable total = import + export
    0x0184: 671.578, // resettable import
    0x018c: 671.578, // net = import − export = 671.578 − 0
    0x0500: 318, // 1.7.0 W
  },
};
