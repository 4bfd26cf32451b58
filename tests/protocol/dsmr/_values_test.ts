import assert from "node:assert/strict";
import {
  decodeHexText,
  parseDecimal,
  parseNumberUnit,
  parseTst,
} from "../../../protocol/dsmr/_values.ts";

Deno.test("parseDecimal validates decimal text before converting it", () => {
  const cases: [text: string, value: number][] = [
    ["000123.456", 123.456], // zero-padded F9(3,3)
    ["0010", 10], // leading zeros are not octal
    ["-00.024", -0.024], // negative (Lithuania)
    ["00052185.7825309", 52185.7825309], // 7 decimals (EasyMeter)
    ["12345678901234567", 12345678901234567], // more than 15 digits
    ["", NaN], // empty
    ["12.", NaN], // no decimals after the point
    [".5", NaN], // no integer digits
    ["1.2.3", NaN], // two points
    ["12.x", NaN], // letter
    ["1e3", NaN], // exponent
    [" 12", NaN], // space
    ["-", NaN], // sign only
    ["0x1F", NaN], // hex
  ];
  for (const [text, value] of cases) {
    assert.deepEqual(parseDecimal(text, 0, text.length), value, text);
  }
});

Deno.test("parseDecimal gives the same double as the decimal literal", () => {
  for (const text of ["9087.306", "0.153", "1.005", "233.9", "999.9", "8538.167", "0.63"]) {
    assert.equal(parseDecimal(text, 0, text.length), Number(text), text);
  }
});

Deno.test("parseNumberUnit splits value and unit and rejects a bad unit", () => {
  assert.deepEqual(parseNumberUnit("00.153*kW"), { kind: "number", value: 0.153, unit: "kW" });
  assert.deepEqual(parseNumberUnit("00000.000"), { kind: "number", value: 0, unit: null });
  assert.equal(parseNumberUnit("1*"), undefined);
  assert.equal(parseNumberUnit("1*k W"), undefined);
  assert.equal(parseNumberUnit("*kW"), undefined);
  assert.equal(parseNumberUnit("1*kW*kW"), undefined);
});

Deno.test("decodeHexText decodes printable octet strings only", () => {
  assert.equal(decodeHexText("3153414733313031303231363035"), "1SAG3101021605");
  assert.equal(decodeHexText("37464c4f"), "7FLO"); // lower case
  assert.equal(decodeHexText(""), "");
  assert.equal(decodeHexText("09610"), null); // odd length (Iskra IE)
  assert.equal(decodeHexText("0000"), null); // NUL bytes
  assert.equal(decodeHexText("3G"), null); // not hex
});

Deno.test("parseTst keeps the meter's offset and resolves 12-digit DSMR 2.2 times", () => {
  const cases: [text: string, epochMs: number | null, offset?: number][] = [
    ["240708200756S", Date.UTC(2024, 6, 8, 18, 7, 56), 120],
    ["231102121548W", Date.UTC(2023, 10, 2, 11, 15, 48), 60],
    ["241027023000S", Date.UTC(2024, 9, 27, 0, 30), 120], // first 02:30 of the night
    ["241027023000W", Date.UTC(2024, 9, 27, 1, 30), 60], // second 02:30
    ["161107190000", Date.UTC(2016, 10, 7, 18), 60], // no flag: winter
    ["090212160000", Date.UTC(2009, 1, 12, 15), 60],
    ["160612160000", Date.UTC(2016, 5, 12, 14), 120], // no flag: summer
    ["241027023000", null], // no flag, ambiguous hour
    ["632525252525W", null], // placeholder
    ["000101000001W", Date.UTC(1999, 11, 31, 23, 0, 1), 60], // bogus but a real date
    ["240631120000S", null], // 31 June
    ["24070820075S", null], // 11 characters
    ["2407082007569", null], // unknown flag
  ];
  for (const [text, epochMs, offset] of cases) {
    const instant = parseTst(text);
    assert.deepEqual(instant, epochMs === null ? null : { epochMs, offsetMinutes: offset }, text);
  }
});
