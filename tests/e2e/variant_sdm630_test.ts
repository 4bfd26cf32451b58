/**
 * End to end, sdm630 build: for every valid sample telegram the real process
 * (`variants/sdm630/main.ts`) serves the hand-computed registers over Modbus RTU (pty) and
 * TCP to pymodbus.
 *
 * @module
 */
import { EXPECTED_SAMPLES } from "../variants/expected/mod.ts";
import { type BuildWords, checkSampleEndToEnd } from "./_variant_e2e.ts";

const SDM630: BuildWords = {
  entry: "variants/sdm630/main.ts",
  variant: "sdm630",
  holding: {
    0x0002: 0x4170, // demand period 15.0
    0x000a: 0x4040, // system type 3.0
    0x0014: 0x4000, // Modbus address 2.0 (the default configuration)
    0x001c: 0x4000, // baud code 2.0 = 9600 (parity code 0.0 = 8N1 reads 0)
  },
  meterCode: 0x0070,
  firmware: 0x0100,
};

for (const sample of EXPECTED_SAMPLES) {
  for (const file of sample.files) {
    Deno.test(`e2e sdm630: ${file} over RTU and TCP`, async () => {
      await checkSampleEndToEnd(SDM630, sample, file);
    });
  }
}
