/**
 * End to end, sdm72dm build: the real process (`variants/sdm72dm/main.ts`) serves the
 * hand-computed SDM72D-M V2 registers of four sample telegrams (3×230 V, E.ON Hungary without
 * per-phase power, DSMR 5, single-phase e-MUCS 1.7) over Modbus RTU (pty) and TCP to pymodbus.
 *
 * @module
 */
import { dsmrhub50217 } from "../variants/expected/dsmrhub_50217.ts";
import { eonHu } from "../variants/expected/eon_hu.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import { v5 } from "../variants/expected/v5.ts";
import { type BuildWords, checkSampleEndToEnd } from "./_variant_e2e.ts";

const SDM72DM: BuildWords = {
  entry: "variants/sdm72dm/main.ts",
  variant: "sdm72dm",
  holding: {
    0x000a: 0x4040, // system type 3.0
    0x0014: 0x4000, // Modbus address 2.0 (the default configuration)
    0x001c: 0x4000, // baud code 2.0 = 9600
  },
  meterCode: 0x0089,
  firmware: 0, // the SDM72D-M has no firmware register
};

for (const sample of [fork3x230v, eonHu, v5, dsmrhub50217]) {
  const file = sample.files[0]!;
  Deno.test(`e2e sdm72dm: ${file} over RTU and TCP`, async () => {
    await checkSampleEndToEnd(SDM72DM, sample, file);
  });
}
