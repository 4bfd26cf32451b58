import assert from "node:assert/strict";
import { decodeJsonLine } from "../../../protocol/dsmr/decode_json.ts";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import { fixture, FIXTURES, frameAll, readingJson, wire } from "./_fixtures.ts";

/** Golden files written by hand from the telegram text; the CRC policy each sample needs. */
const GOLDEN: [sample: string, crc: "required" | "optional"][] = [
  ["arduino-dsmr-fork_test_full_be_3x230V_13months", "required"], // BE 3×230 V, 13-month history
  ["dsmr_parser_FLUVIUS_V171_ALT", "required"], // BE, placeholder peak time, gas ch1 + water ch2
  ["dsmrhub_TelegramMappingTests_BE_1ph_50217_empty98", "required"], // BE 1-phase, empty history
  ["domoticz_P1MeterSerial_BE_T211_1ph_50213", "required"], // BE e-MUCS 1.3, whole amps
  ["dsmr_parser_V4_2", "required"], // NL, power-failure log, undecodable ids kept as sent
  ["dsmr_parser_V2_2", "optional"], // NL DSMR 2.2, no CRC, hourly gas on a continuation line
  ["edge_gas-invalid-timestamp_V5", "required"], // placeholder M-Bus timestamp, value without unit
];

for (const [sample, crc] of GOLDEN) {
  Deno.test(`decode JSON of ${sample} matches its hand-written golden file`, () => {
    const { frames } = frameAll(fixture(`${sample}.txt`));
    const result = decodeTelegram(frames[0]!, { crc });
    assert.ok(result.ok);
    const golden = Deno.readTextFileSync(new URL(`golden/${sample}.json`, FIXTURES));
    // Same keys in the same order, same values: compare the compact forms.
    assert.equal(decodeJsonLine(result.reading), JSON.stringify(JSON.parse(golden)));
  });
}

Deno.test("decode JSON is one compact line", () => {
  const bytes = encodeTelegram("TST5", ["1-0:32.7.0(230.1*V)"]);
  const text = new TextDecoder().decode(bytes);
  const sentCrc = text.slice(text.indexOf("!") + 1, text.indexOf("!") + 5);
  const result = decodeTelegram(bytes, { crc: "required" });
  assert.ok(result.ok);
  assert.equal(
    decodeJsonLine(result.reading),
    `{"header":"TST5","crc":"${sentCrc}","objects":{"1-0:32.7.0":{"value":230.1,"unit":"V"}}}`,
  );
});

Deno.test("decode JSON prints raw objects as the text between the outer parentheses", () => {
  const result = decodeTelegram(
    wire("/TST5⏎⏎0-0:42.0.0(5341)(x)⏎!"),
    { crc: "optional" },
  );
  assert.ok(result.ok);
  assert.deepEqual(readingJson(result.reading), {
    header: "TST5",
    crc: null,
    objects: { "0-0:42.0.0": { raw: "5341)(x" } },
  });
});
