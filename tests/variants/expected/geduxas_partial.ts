/**
 * Expected registers for geduxas-arduino-dsmr_test_be_partial.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - no equipment id: the serial is 1
 * - 1-0:1.6.0(240707191500S)(01.811*kW) and nothing else the map uses
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of geduxas-arduino-dsmr_test_be_partial.txt. */
export const geduxasPartial: ExpectedSample = {
  files: ["geduxas-arduino-dsmr_test_be_partial.txt"],
  crc: "required",
  serial: 1,
  input: {
    0x0056: 1811, // 1.6.0 W
  },
  sdm72dm: {},
};
