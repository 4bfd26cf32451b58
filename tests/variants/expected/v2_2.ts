/**
 * Expected registers for dsmr_parser_V2_2.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(00000000000000): digits make 0, so the serial is 1 (DSMR 2.2: no CRC)
 * - 1-0:1.8.1(00001.001*kWh) 1-0:1.8.2(00001.001*kWh) 1-0:2.8.1(00001.001*kWh) 1-0:2.8.2(00001.001*kWh)
 * - 1-0:1.7.0(0001.01*kW) 1-0:2.7.0(0000.00*kW)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_V2_2.txt. */
export const v22: ExpectedSample = {
  files: ["dsmr_parser_V2_2.txt"],
  crc: "optional",
  serial: 1,
  input: {
    0x0034: 1010, // P = (1.7.0 − 2.7.0) W
    0x0048: 2.002, // import 1.8.1 + 1.8.2 = 1.001 + 1.001
    0x004a: 2.002, // export 2.8.1 + 2.8.2 = 1.001 + 1.001
    0x0156: 4.004, // import + export = 2.002 + 2.002
  },
  sdm72dm: {
    0x0180: 4.004, // resettable total = import + export
    0x0184: 2.002, // resettable import
    0x0186: 2.002, // resettable export
    0x0500: 1010, // 1.7.0 W
  },
};
