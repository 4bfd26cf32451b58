/**
 * Expected registers for dsmr_parser_V3.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - 0-0:96.1.1(4B384547303034303436333935353037) = "K8EG004046395507" (DSMR 3: no CRC)
 * - 1-0:1.8.1(12345.678*kWh) 1-0:1.8.2(12345.678*kWh) 1-0:2.8.1(12345.678*kWh) 1-0:2.8.2(12345.678*kWh)
 * - 1-0:1.7.0(001.19*kW) 1-0:2.7.0(000.00*kW)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of dsmr_parser_V3.txt. */
export const v3: ExpectedSample = {
  files: ["dsmr_parser_V3.txt"],
  crc: "optional",
  serial: 46395507,
  input: {
    0x0034: 1190, // P = (1.7.0 − 2.7.0) W
    0x0048: 24691.356, // import 1.8.1 + 1.8.2 = 12345.678 + 12345.678
    0x004a: 24691.356, // export 2.8.1 + 2.8.2 = 12345.678 + 12345.678
    0x0156: 49382.712, // import + export = 24691.356 + 24691.356
  },
  sdm72dm: {
    0x0180: 49382.712, // resettable total = import + export
    0x0184: 24691.356, // resettable import
    0x0186: 24691.356, // resettable export
    0x0500: 1190, // 1.7.0 W
  },
};
