/**
 * Expected registers for p1smartmeter-cs_NL_Sagemcom_XS210_1ph_gas.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(4530303437303030303037363330383137) = "E0047000007630817": last 9 digits 007630817
 * - 1-0:1.8.1(000051.775*kWh) 1-0:1.8.2(000000.000*kWh) 1-0:2.8.1(000024.413*kWh) 1-0:2.8.2(000000.000*kWh)
 * - 1-0:1.7.0(00.335*kW) 1-0:2.7.0(00.000*kW) 1-0:21.7.0(00.335*kW) 1-0:22.7.0(00.000*kW)
 * - 1-0:32.7.0(229.0*V) 1-0:31.7.0(001*A): V × I = 229 < |P| = 335, so S = |P|
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of p1smartmeter-cs_NL_Sagemcom_XS210_1ph_gas.txt. */
export const xs210: ExpectedSample = {
  files: ["p1smartmeter-cs_NL_Sagemcom_XS210_1ph_gas.txt"],
  crc: "required",
  serial: 7630817,
  input: {
    0x0000: 229, // V1
    0x0006: 1, // I1 31/51/71.7.0
    0x000c: 335, // P1 (335 − 0) W
    0x0012: 335, // S1 = |P| = 335 (V × I = 229 is smaller)
    0x001e: 1, // PF1 = 335 / 335
    0x002a: 229, // mean of live V: (229) / 1
    0x002e: 1, // mean I: (1) / 1
    0x0030: 1, // ΣI: 1
    0x0034: 335, // P = (1.7.0 − 2.7.0) W
    0x0038: 335, // max(ΣS = 335, |P| = 335)
    0x003e: 1, // PF = 335 / 335
    0x0048: 51.775, // import 1.8.1 + 1.8.2 = 51.775 + 0
    0x004a: 24.413, // export 2.8.1 + 2.8.2 = 24.413 + 0
    0x00fe: -1, // −PF
    0x0156: 76.188, // import + export = 51.775 + 24.413
  },
  sdm72dm: {
    0x0180: 76.188, // resettable total = import + export
    0x0184: 51.775, // resettable import
    0x0186: 24.413, // resettable export
    0x018c: 27.362, // net = import − export = 51.775 − 24.413
    0x0500: 335, // 1.7.0 W
  },
};
