/**
 * Expected registers for arduino-dsmr_KFM5KAIFA_full_1ph_v40.txt, edge_lowercase-crc_KFM5KAIFA_full.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(0000000000000000000000000000000000): digits make 0, so the serial is 1
 * - 1-0:1.8.1(000671.578*kWh) 1-0:1.8.2(000842.472*kWh) 1-0:2.8.1(000000.000*kWh) 1-0:2.8.2(000000.000*kWh)
 * - 1-0:1.7.0(00.333*kW) 1-0:2.7.0(00.000*kW) 1-0:31.7.0(001*A) 1-0:21.7.0(00.332*kW) 1-0:22.7.0(00.000*kW)
 * - no voltage: nothing is derived from V
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of arduino-dsmr_KFM5KAIFA_full_1ph_v40.txt. */
export const kaifaFull: ExpectedSample = {
  files: ["arduino-dsmr_KFM5KAIFA_full_1ph_v40.txt", "edge_lowercase-crc_KFM5KAIFA_full.txt"],
  crc: "required",
  serial: 1,
  input: {
    0x0006: 1, // I1 31/51/71.7.0
    0x000c: 332, // P1 (332 − 0) W
    0x002e: 1, // mean I: (1) / 1
    0x0030: 1, // ΣI: 1
    0x0034: 333, // P = (1.7.0 − 2.7.0) W
    0x0048: 1514.05, // import 1.8.1 + 1.8.2 = 671.578 + 842.472
    0x0156: 1514.05, // import + export = 1514.05 + 0
  },
  sdm72dm: {
    0x0180: 1514.05, // resettable total = import + export
    0x0184: 1514.05, // resettable import
    0x018c: 1514.05, // net = import − export = 1514.05 − 0
    0x0500: 333, // 1.7.0 W
  },
};
