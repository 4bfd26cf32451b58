/**
 * Expected registers for dsmr_parser_FLUVIUS_V171.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(3153414733313031303231363035) = "1SAG3101021605"
 * - 1-0:1.8.1(000000.034*kWh) 1-0:1.8.2(000015.758*kWh) 1-0:2.8.1(000000.000*kWh) 1-0:2.8.2(000000.011*kWh)
 * - 1-0:1.4.0(02.351*kW) 1-0:1.6.0(200509134558S)(02.589*kW) every power 00.000*kW
 * - 1-0:32.7.0(234.7*V) 1-0:52.7.0(234.7*V) 1-0:72.7.0(234.7*V) every current 000.00*A
 * - no load on live phases: PF 1, angle 0
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_FLUVIUS_V171.txt. */
export const fluviusV171: ExpectedSample = {
  files: ["dsmr_parser_FLUVIUS_V171.txt"],
  crc: "required",
  serial: 101021605,
  input: {
    0x0000: 234.7, // V1
    0x0002: 234.7, // V2
    0x0004: 234.7, // V3
    0x001e: 1, // PF1: no load on a live phase
    0x0020: 1, // PF2: no load on a live phase
    0x0022: 1, // PF3: no load on a live phase
    0x002a: 234.7, // mean of live V: (234.7 + 234.7 + 234.7) / 3
    0x003e: 1, // PF: no load, a live voltage
    0x0048: 15.792, // import 1.8.1 + 1.8.2 = 0.034 + 15.758
    0x004a: 0.011, // export 2.8.1 + 2.8.2 = 0 + 0.011
    0x0054: 2351, // 1.4.0 W
    0x0056: 2589, // 1.6.0 W
    0x00c8: 406.5123245, // √(234.7² + 234.7² + 234.7·234.7)
    0x00ca: 406.5123245, // √(234.7² + 234.7² + 234.7·234.7)
    0x00cc: 406.5123245, // √(234.7² + 234.7² + 234.7·234.7)
    0x00ce: 406.5123245, // mean of the 3 line-to-line voltages
    0x00fe: -1, // −PF
    0x0156: 15.803, // import + export = 15.792 + 0.011
  },
  sdm72dm: {
    0x0180: 15.803, // resettable total = import + export
    0x0184: 15.792, // resettable import
    0x0186: 0.011, // resettable export
    0x018c: 15.781, // net = import − export = 15.792 − 0.011
  },
};
