/**
 * Expected registers for edge_multiline-values_KMP5_DSMR22_nocrc.txt, worked out by hand from the telegram text
 * (not by the variant's code):
 *
 * - /KMP5 DSMR 2.2 (no CRC): only an hourly gas value and a text message; the map uses none
 * - of them, so every input register reads 0 and the serial is 1 (a telegram came, no id)
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";

/** Expected registers of edge_multiline-values_KMP5_DSMR22_nocrc.txt. */
export const kamstrupDsmr22: ExpectedSample = {
  files: ["edge_multiline-values_KMP5_DSMR22_nocrc.txt"],
  crc: "optional",
  serial: 1,
  input: {},
  sdm72dm: {},
};
