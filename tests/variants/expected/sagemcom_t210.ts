/**
 * Expected registers for dsmr_parser_SAGEMCOM_T210_D_R.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - no equipment id: the serial is 1
 * - 1-0:1.8.0(006545766*Wh) 1-0:2.8.0(000000058*Wh) (1.8.0/2.8.0 preferred over the tariffs)
 * - 1-0:1.7.0(000000286*W) 1-0:2.7.0(000000000*W)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_SAGEMCOM_T210_D_R.txt. */
export const sagemcomT210: ExpectedSample = {
  files: ["dsmr_parser_SAGEMCOM_T210_D_R.txt"],
  crc: "required",
  serial: 1,
  input: {
    0x0034: 286, // P = (1.7.0 − 2.7.0) W
    0x0048: 6545.766, // import 1.8.0 = 6545.766
    0x004a: 0.058, // export 2.8.0 = 0.058
    0x0156: 6545.824, // import + export = 6545.766 + 0.058
  },
  sdm72dm: {
    0x0180: 6545.824, // resettable total = import + export
    0x0184: 6545.766, // resettable import
    0x0186: 0.058, // resettable export
    0x018c: 6545.708, // net = import − export = 6545.766 − 0.058
    0x0500: 286, // 1.7.0 W
  },
};
