/**
 * Expected registers for emucs171-spec_annexB_1ph_gas-ch1_water-ch2_CRC-ADDED.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(3153414731313030303030323331) = "1SAG1100000231"
 * - 1-0:1.8.1(000000.915*kWh) 1-0:1.8.2(000001.955*kWh) 1-0:2.8.1(000000.000*kWh) 1-0:2.8.2(000000.030*kWh)
 * - 1-0:1.4.0(02.351*kW) 1-0:1.6.0(200509134558S)(02.589*kW) every power 00.000*kW
 * - 1-0:32.7.0(234.6*V) 1-0:31.7.0(000.00*A): a live phase without load
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of emucs171-spec_annexB_1ph_gas-ch1_water-ch2_CRC-ADDED.txt. */
export const emucs171Annexb: ExpectedSample = {
  files: ["emucs171-spec_annexB_1ph_gas-ch1_water-ch2_CRC-ADDED.txt"],
  crc: "required",
  serial: 100000231,
  input: {
    0x0000: 234.6, // V1
    0x001e: 1, // PF1: no load on a live phase
    0x002a: 234.6, // mean of live V: (234.6) / 1
    0x003e: 1, // PF: no load, a live voltage
    0x0048: 2.87, // import 1.8.1 + 1.8.2 = 0.915 + 1.955
    0x004a: 0.03, // export 2.8.1 + 2.8.2 = 0 + 0.03
    0x0054: 2351, // 1.4.0 W
    0x0056: 2589, // 1.6.0 W
    0x00fe: -1, // −PF
    0x0156: 2.9, // import + export = 2.87 + 0.03
  },
  sdm72dm: {
    0x0180: 2.9, // resettable total = import + export
    0x0184: 2.87, // resettable import
    0x0186: 0.03, // resettable export
    0x018c: 2.84, // net = import − export = 2.87 − 0.03
  },
};
