import assert from "node:assert/strict";
import fc from "fast-check";
import { crc16Arc } from "../../../protocol/dsmr/crc16_arc.ts";
import { type DecodeResult, decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import type { MeterReading } from "../../../protocol/dsmr/reading.ts";
import {
  createTelegramFramer,
  telegramFramerPush,
  telegramFramerTimeout,
} from "../../../protocol/dsmr/telegram_framer.ts";
import {
  ascii,
  bytesToText,
  concat,
  fixture,
  frameAll,
  indexRows,
  readingJson,
  wire,
} from "./_fixtures.ts";
import { readIndependently } from "./_independent_reader.ts";

const REQUIRED = { crc: "required" } as const;
const OPTIONAL = { crc: "optional" } as const;

function ok(result: DecodeResult): MeterReading {
  if (!result.ok) throw new assert.AssertionError({ message: `rejected: ${result.reason}` });
  return result.reading;
}

/** Compares every object of a reading with the independent line-by-line reading of the frame. */
function crossCheck(frame: Uint8Array, reading: MeterReading): void {
  const text = bytesToText(frame);
  const independent = readIndependently(text.slice(0, text.indexOf("!")));
  assert.equal(reading.header, independent.header);
  const json = readingJson(reading);
  assert.deepEqual(Object.keys(json.objects), [...independent.objects.keys()]);
  for (const [code, expected] of independent.objects) {
    assert.deepStrictEqual(json.objects[code], expected, `object ${code}`);
  }
}

/** Adds "!", a valid CRC with the given number of digits and CR LF to wire text. */
function withCrc(text: string, digits = 4): Uint8Array {
  const body = wire(`${text}!`);
  const crc = crc16Arc(body).toString(16).toUpperCase().padStart(4, "0");
  return concat(body, wire(`${crc.slice(4 - digits)}⏎`));
}

for (const row of indexRows()) {
  Deno.test(`decoder handles sample ${row.file} as INDEX.md says (${row.status})`, () => {
    const bytes = fixture(row.file);
    assert.equal(bytes.length, row.bytes, "byte count in INDEX.md");
    const { frames, events } = frameAll(bytes);
    if (row.file === "edge_unclosed-then-full_V4_2.txt") {
      // The first copy ends "!6796" CR with no LF: both telegrams are complete.
      assert.equal(frames.length, 2);
      for (const frame of frames) {
        const reading = ok(decodeTelegram(frame, REQUIRED));
        assert.equal(reading.crc, 0x6796);
        crossCheck(frame, reading);
      }
      return;
    }
    switch (row.status) {
      case "ok": {
        assert.equal(frames.length, 1);
        const reading = ok(decodeTelegram(frames[0]!, REQUIRED));
        assert.equal(reading.crc, Number(`0x${row.crcInText}`));
        crossCheck(frames[0]!, reading);
        break;
      }
      case "MISMATCH":
      case "MISMATCH-unpadded": {
        assert.equal(frames.length, 1);
        const got = row.crcInText.toUpperCase().padStart(4, "0");
        for (const options of [REQUIRED, OPTIONAL]) {
          const result = decodeTelegram(frames[0]!, options);
          assert.deepEqual(result, {
            ok: false,
            code: "crc-mismatch",
            reason: `crc-mismatch expected ${row.crcComputed} got ${got}`,
          });
        }
        break;
      }
      case "no-crc": {
        assert.equal(frames.length, 1);
        assert.deepEqual(decodeTelegram(frames[0]!, REQUIRED), {
          ok: false,
          code: "crc-missing",
          reason: "crc-missing",
        });
        const reading = ok(decodeTelegram(frames[0]!, OPTIONAL));
        assert.equal(reading.crc, null);
        crossCheck(frames[0]!, reading);
        break;
      }
      case "no-frame": {
        // The telegram never ends: no frame; the owner's timeout drops it and says so.
        const framer = createTelegramFramer();
        assert.deepEqual(telegramFramerPush(framer, bytes), []);
        assert.equal(framer.phase, "body");
        assert.deepEqual(
          telegramFramerTimeout(framer).map((e) =>
            e.type === "frameDropped" && [e.reason, e.length]
          ),
          [["timeout", row.bytes]],
        );
        assert.equal(frames.length, 0);
        assert.equal(events.length, 1);
        break;
      }
      default:
        throw new Error(`unknown status ${row.status}`);
    }
  });
}

Deno.test("decoder reports a value that does not parse with its 1-based line number", () => {
  const frame = encodeTelegram("TST5 test", [
    "0-0:96.1.4(50217)", // line 3 (line 1 is the header, line 2 is empty)
    "0-0:1.0.0(200512135409S)",
    "1-0:1.8.1(000000.034*kWh)",
    "1-0:1.8.2(000015.758*kWh)",
    "1-0:1.7.0(12.x*kW)", // line 7
  ]);
  assert.deepEqual(decodeTelegram(frame, REQUIRED), {
    ok: false,
    code: "bad-value",
    reason: 'line 7: bad value "12.x*kW"',
  });
});

Deno.test("decoder rejects a line that is not code(value)", () => {
  const cases: [line: string, reason: string][] = [
    ["hello", 'line 3: bad line "hello"'], // no groups at all
    ["1-0:1.8.1000.1*kWh)", 'line 3: bad line "1-0:1.8.1000.1*kWh)"'], // no "("
    ["1-0:1.8.1(1*kWh)x", 'line 3: bad line "1-0:1.8.1(1*kWh)x"'], // text after the last group
    ["1-0:1.8(1*kWh)", 'line 3: bad line "1-0:1.8(1*kWh)"'], // code with too few fields
    ["1-0:1.8.1(1(2)", 'line 3: bad line "1-0:1.8.1(1(2)"'], // nested parenthesis
  ];
  for (const [line, reason] of cases) {
    assert.deepEqual(decodeTelegram(encodeTelegram("TST5", [line]), REQUIRED), {
      ok: false,
      code: "bad-line",
      reason,
    });
  }
});

Deno.test("decoder rejects frames that are not one telegram", () => {
  const cases: [bytes: string, reason: string][] = [
    ["", 'bad frame: no "/" at the start'], // empty
    ["X/ABC5⏎!1234", 'bad frame: no "/" at the start'], // garbage before "/"
    ["/ABC5⏎1-0:1.7.0(1.0*kW)⏎", 'bad frame: no "!" footer'], // no footer
    ["/ABC5⏎!12345", 'bad frame: bad footer "!12345"'], // 5 digits
    ["/ABC5⏎!12G4", 'bad frame: bad footer "!12G4"'], // not hex
    ["/ABC5⏎!1234⏎more", 'bad frame: bad footer "!1234\\x0D\\x0Amore"'], // text after it
  ];
  for (const [text, reason] of cases) {
    assert.deepEqual(decodeTelegram(wire(text), OPTIONAL), {
      ok: false,
      code: "bad-frame",
      reason,
    });
  }
});

Deno.test("decoder accepts the CRC in any case and without leading zeros", () => {
  // Find telegrams whose CRC is below 0x1000 and below 0x100 (deterministic search).
  const lines = (k: number) => `/TST5⏎⏎1-0:1.8.1(${`${k}`.padStart(6, "0")}.000*kWh)⏎`;
  let three = -1;
  let two = -1;
  for (let k = 0; (three < 0 || two < 0) && k < 100_000; k++) {
    const crc = crc16Arc(wire(`${lines(k)}!`));
    if (three < 0 && crc < 0x1000 && crc >= 0x100) three = k;
    if (two < 0 && crc < 0x100) two = k;
  }
  const cases: [frame: Uint8Array, digits: number][] = [
    [withCrc(lines(three), 4), 4], // "0ABC"
    [withCrc(lines(three), 3), 3], // "ABC"
    [withCrc(lines(two), 2), 2], // "AB"
  ];
  for (const [frame, digits] of cases) {
    const reading = ok(decodeTelegram(frame, REQUIRED));
    assert.ok(reading.crc! < 16 ** digits);
  }
  const lower = bytesToText(fixture("arduino-dsmr_KFM5KAIFA_short.txt")).replace("!1E1D", "!1e1d");
  assert.equal(ok(decodeTelegram(ascii(lower), REQUIRED)).crc, 0x1e1d);
});

Deno.test("decoder always rejects a wrong CRC and a missing one only when required", () => {
  const good = encodeTelegram("TST5", ["1-0:1.7.0(00.318*kW)"]);
  const text = bytesToText(good);
  const bang = text.indexOf("!");
  const wrong = wire(`${text.slice(0, bang + 1)}0000⏎`);
  const none = wire(`${text.slice(0, bang + 1)}⏎`);
  assert.equal(decodeTelegram(wrong, OPTIONAL).ok, false);
  assert.equal(decodeTelegram(wrong, REQUIRED).ok, false);
  assert.equal(decodeTelegram(none, REQUIRED).ok, false);
  assert.equal(ok(decodeTelegram(none, OPTIONAL)).crc, null);
});

Deno.test("decoder reads leading zeros as decimal, never octal", () => {
  const reading = ok(decodeTelegram(
    encodeTelegram("TST5", [
      "0-0:96.7.21(00010)",
      "1-0:32.7.0(0230.0*V)",
      "1-0:1.8.1(000012.010*kWh)",
    ]),
    REQUIRED,
  ));
  assert.deepEqual(reading.objects.get("0-0:96.7.21"), { kind: "number", value: 10, unit: null });
  assert.deepEqual(reading.objects.get("1-0:32.7.0"), { kind: "number", value: 230, unit: "V" });
  assert.deepEqual(reading.objects.get("1-0:1.8.1"), { kind: "number", value: 12.01, unit: "kWh" });
});

Deno.test("decoder keeps codes outside the list raw and strips *255 from OBIS codes", () => {
  const reading = ok(decodeTelegram(
    encodeTelegram("ESY5Q3DA1004 V3.04", [
      "1-0:1.7.0*255(001688.21*W)",
      "1-0:96.5.5*255(80)",
      "1-0:0.0.0*7(12)", // another F value is kept in the code
      "1-0:99.1.0(1)(2)(x y)",
    ]),
    REQUIRED,
  ));
  assert.deepEqual([...reading.objects], [
    ["1-0:1.7.0", { kind: "number", value: 1688.21, unit: "W" }],
    ["1-0:96.5.5", { kind: "raw", raw: "80" }],
    ["1-0:0.0.0*7", { kind: "raw", raw: "12" }],
    ["1-0:99.1.0", { kind: "raw", raw: "1)(2)(x y" }],
  ]);
});

Deno.test("decoder keeps an identical duplicate once and rejects a conflicting one", () => {
  const same = ok(decodeTelegram(
    encodeTelegram("TST5", ["1-0:1.7.0(00.318*kW)", "1-0:1.7.0(00.318*kW)"]),
    REQUIRED,
  ));
  assert.equal(same.objects.size, 1);
  assert.deepEqual(
    decodeTelegram(
      encodeTelegram("TST5", ["1-0:1.7.0(00.318*kW)", "1-0:1.7.0(00.319*kW)"]),
      REQUIRED,
    ),
    {
      ok: false,
      code: "duplicate-object",
      reason: 'line 4: duplicate object "1-0:1.7.0" with a different value',
    },
  );
});

Deno.test("decoder turns placeholder and invalid timestamps into null, never a rejection", () => {
  const cases: [tst: string, iso: string | null][] = [
    ["240708200756S", "2024-07-08T20:07:56+02:00"], // summer
    ["231102121548W", "2023-11-02T12:15:48+01:00"], // winter
    ["632525252525W", null], // e-MUCS placeholder
    ["230229120000W", null], // 29 February of a common year
    ["240229120000W", "2024-02-29T12:00:00+01:00"], // leap day
    ["2407082007S", null], // too short
    ["240708200756X", null], // unknown DST flag
    ["", null], // empty
  ];
  for (const [tst, iso] of cases) {
    const reading = ok(decodeTelegram(encodeTelegram("TST5", [`0-0:1.0.0(${tst})`]), REQUIRED));
    assert.deepEqual(readingJson(reading).objects["0-0:1.0.0"], { value: iso, unit: null }, tst);
  }
});

Deno.test("decoder reads a DSMR 2.2 hourly gas value from its continuation line", () => {
  const reading = ok(
    decodeTelegram(frameAll(fixture("dsmr_parser_V2_2.txt")).frames[0]!, OPTIONAL),
  );
  // 161107190000 has no S/W flag: 7 November 2016 is winter time (UTC+1).
  assert.deepEqual(reading.objects.get("0-1:24.3.0"), {
    kind: "timedNumber",
    timestamp: { epochMs: Date.UTC(2016, 10, 7, 18, 0, 0), offsetMinutes: 60 },
    value: 1.001,
    unit: "m3",
  });
});

Deno.test("decoder reads empty and ill-formed empty power-failure logs", () => {
  const reading = ok(decodeTelegram(
    encodeTelegram("TST5", ["1-0:99.97.0()", "0-1:99.97.0(0)(0-0:96.7.19)"]),
    REQUIRED,
  ));
  assert.deepEqual(reading.objects.get("1-0:99.97.0"), { kind: "powerFailureLog", events: [] });
  const bad = encodeTelegram("TST5", ["1-0:99.97.0(2)(0-0:96.7.19)(000101000001W)(5*s)"]);
  assert.equal(decodeTelegram(bad, REQUIRED).ok, false); // 2 events announced, 1 sent
});

Deno.test("decoder keeps a 0-0:98.1.0 in another layout raw and rejects a bad Belgian value", () => {
  const hungary = "(230701000000S)(000040.777*kWh)(03.564*kW)";
  const reading = ok(decodeTelegram(encodeTelegram("SAG5", [`0-0:98.1.0${hungary}`]), REQUIRED));
  assert.deepEqual(reading.objects.get("0-0:98.1.0"), {
    kind: "raw",
    raw: "230701000000S)(000040.777*kWh)(03.564*kW",
  });
  const badValue = "(1)(1-0:1.6.0)(1-0:1.6.0)(230701000000S)(230601003000S)(02.6x0*kW)";
  assert.deepEqual(decodeTelegram(encodeTelegram("FLU5", [`0-0:98.1.0${badValue}`]), REQUIRED), {
    ok: false,
    code: "bad-value",
    reason: 'line 3: bad value "02.6x0*kW"',
  });
});

Deno.test("decoder accepts Holley's header with a slash and LF-only line endings", () => {
  const reading = ok(decodeTelegram(withCrc("/HLY5/D545-METER␊␊1-0:1.7.0(00.100*kW)␊"), REQUIRED));
  assert.equal(reading.header, "HLY5/D545-METER");
  assert.deepEqual(reading.objects.get("1-0:1.7.0"), { kind: "number", value: 0.1, unit: "kW" });
});

Deno.test("decoder never throws on random bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, required) => {
      const result = decodeTelegram(bytes, { crc: required ? "required" : "optional" });
      assert.equal(typeof result.ok, "boolean");
    }),
    { numRuns: 500, seed: 20_240_708 }, // fixed seed: the suite is deterministic
  );
});

Deno.test("decoder never throws on random telegram-like text with a valid CRC", () => {
  const alphabet = fc.constantFrom(..."0123456789-:.()*!/SWkWhVAm3␍␊ ");
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 300 }), (chars) => {
      const body = chars.join("").replaceAll("!", "");
      const result = decodeTelegram(withCrc(`/TST5⏎⏎${body}`), REQUIRED);
      if (!result.ok) {
        assert.match(result.reason, /^(line \d+: bad (line|value) |line \d+: duplicate)/);
      }
    }),
    { numRuns: 1000, seed: 20_240_708 }, // fixed seed: the suite is deterministic
  );
});
