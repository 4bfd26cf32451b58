import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeJsonLine, writeDecodeJsonLine } from "../../../protocol/dsmr/decode_json.ts";
import { JsonBytes } from "../../../protocol/dsmr/json_bytes.ts";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import { fixture, FIXTURES, frameAll, readingJson, wire } from "./_fixtures.ts";
import { formatCrc } from "../../../protocol/dsmr/crc16_arc.ts";
import {
  type CosemValue,
  formatInstant,
  type Instant,
  type MeterReading,
} from "../../../protocol/dsmr/reading.ts";
import type { DecodeJson, DecodeJsonObject } from "../../../protocol/dsmr/decode_json.ts";

function iso(instant: Instant | null): string | null {
  return instant === null ? null : formatInstant(instant);
}

/** Reference: the JSON form of one object value, built as objects (what JSON.stringify must give). */
function cosemValueToJson(value: CosemValue): DecodeJsonObject {
  switch (value.kind) {
    case "number":
      return { value: value.value, unit: value.unit };
    case "text":
      return { value: value.value, unit: null };
    case "timestamp":
      return { value: iso(value.value), unit: null };
    case "timedNumber":
      return { value: value.value, unit: value.unit, timestamp: iso(value.timestamp) };
    case "peakHistory":
      return {
        entries: value.entries.map((e) => ({
          month_start: iso(e.monthStart),
          peak_time: iso(e.peakTime),
          value: e.value,
          unit: e.unit,
        })),
      };
    case "powerFailureLog":
      return { events: value.events.map((e) => ({ end: iso(e.end), duration_s: e.durationS })) };
    case "raw":
      return { raw: value.raw };
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
}

/** Reference: the JSON form of a reading, as a plain object. */
function readingToJson(reading: MeterReading): DecodeJson {
  const objects: Record<string, DecodeJsonObject> = {};
  for (const [code, value] of reading.objects) objects[code] = cosemValueToJson(value);
  return {
    header: reading.header,
    crc: reading.crc === null ? null : formatCrc(reading.crc),
    objects,
  };
}

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

Deno.test("decode JSON line is exactly JSON.stringify of the reading's JSON, for every fixture telegram", () => {
  let compared = 0;
  for (const entry of Deno.readDirSync(FIXTURES)) {
    if (!entry.name.endsWith(".txt")) continue;
    for (const frame of frameAll(fixture(entry.name)).frames) {
      const result = decodeTelegram(frame, { crc: "optional" });
      if (!result.ok) continue;
      assert.equal(
        decodeJsonLine(result.reading),
        JSON.stringify(readingToJson(result.reading)),
        entry.name,
      );
      compared++;
    }
  }
  assert.ok(compared >= 20, `only ${compared} telegrams decoded`);
});

Deno.test("decode JSON line escapes text as JSON does and writes absent values as null", () => {
  const reading = {
    header: 'A\\B"C',
    crc: null,
    objects: new Map([
      ["0-0:96.13.0", { kind: "text", value: 'quote " back \\ tab \t é \u0001', raw: "" }],
      ["1-0:1.8.1", { kind: "number", value: 1.5e-7, unit: null }],
      ["1-0:2.8.1", { kind: "number", value: Number.NaN, unit: "kWh" }],
      ["0-0:1.0.0", { kind: "timestamp", value: null }],
      ["0-1:24.2.1", { kind: "timedNumber", value: 0, unit: "m3", timestamp: null }],
      ["0-0:98.1.0", { kind: "peakHistory", entries: [] }],
      ["1-0:99.97.0", { kind: "powerFailureLog", events: [{ end: null, durationS: 12 }] }],
      ["0-0:42.0.0", { kind: "raw", raw: "(x)(\\y)" }],
    ]),
  } as const satisfies Parameters<typeof decodeJsonLine>[0];
  assert.equal(decodeJsonLine(reading), JSON.stringify(readingToJson(reading)));
});

/** Any instant, `null` included: years outside 0…9999, fractional and odd offsets. */
const anyInstant = fc.option(
  fc.record({
    epochMs: fc.oneof(
      fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }), // 2000…2100
      fc.double({ min: -9e15, max: 9e15, noNaN: true }),
    ),
    offsetMinutes: fc.oneof(fc.constantFrom(60, 120, 0, -90), fc.double({ min: -7000, max: 7000 })),
  }),
);
const anyUnit = fc.option(fc.oneof(fc.constantFrom("kWh", "V", "m3"), fc.string()));
const anyValue: fc.Arbitrary<CosemValue> = fc.oneof(
  fc.record({ kind: fc.constant("number"), value: fc.double(), unit: anyUnit }),
  fc.record({ kind: fc.constant("text"), value: fc.string({ unit: "binary" }), raw: fc.string() }),
  fc.record({ kind: fc.constant("timestamp"), value: anyInstant }),
  fc.record({
    kind: fc.constant("timedNumber"),
    timestamp: anyInstant,
    value: fc.double(),
    unit: anyUnit,
  }),
  fc.record({
    kind: fc.constant("peakHistory"),
    entries: fc.array(
      fc.record({
        monthStart: anyInstant,
        peakTime: anyInstant,
        value: fc.double(),
        unit: anyUnit,
      }),
      { maxLength: 14 },
    ),
  }),
  fc.record({
    kind: fc.constant("powerFailureLog"),
    events: fc.array(fc.record({ end: anyInstant, durationS: fc.double() }), { maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant("raw"), raw: fc.string({ unit: "binary" }) }),
);

Deno.test("decode JSON line is exactly JSON.stringify of the reading's JSON, for any reading", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "binary" }),
      fc.option(fc.integer({ min: 0, max: 0xffff })),
      // Keys the reference's plain object keeps in insertion order (no index, no __proto__).
      fc.array(fc.tuple(fc.string({ unit: "binary" }).map((k) => `k${k}`), anyValue), {
        maxLength: 12,
      }),
      (header, crc, objects) => {
        const reading: MeterReading = { header, crc, objects: new Map(objects) };
        assert.equal(decodeJsonLine(reading), JSON.stringify(readingToJson(reading)));
      },
    ),
    { numRuns: 3_000 },
  );
});

Deno.test("writeDecodeJsonLine appends the decode JSON line and a newline to what the buffer holds", () => {
  const out = new JsonBytes(64);
  out.ascii("[before]\n");
  const lines: string[] = ["[before]"];
  for (const entry of Deno.readDirSync(FIXTURES)) {
    if (!entry.name.endsWith(".txt")) continue;
    for (const frame of frameAll(fixture(entry.name)).frames) {
      const result = decodeTelegram(frame, { crc: "optional" });
      if (!result.ok) continue;
      writeDecodeJsonLine(result.reading, out);
      lines.push(decodeJsonLine(result.reading));
    }
  }
  assert.ok(lines.length > 20);
  assert.equal(new TextDecoder().decode(out.view()), `${lines.join("\n")}\n`);
});
