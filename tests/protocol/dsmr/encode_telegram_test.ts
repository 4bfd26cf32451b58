import assert from "node:assert/strict";
import { crc16Arc } from "../../../protocol/dsmr/crc16_arc.ts";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import { bytesToText, fixture, wire } from "./_fixtures.ts";

Deno.test("encodeTelegram reproduces a real telegram byte for byte", () => {
  const real = fixture("arduino-dsmr_KFM5KAIFA_short.txt");
  const encoded = encodeTelegram("KFM5KAIFA-METER", [
    "1-0:1.8.1(000671.578*kWh)",
    "1-0:1.7.0(00.318*kW)",
  ]);
  assert.equal(bytesToText(encoded), bytesToText(real));
});

Deno.test("encodeTelegram writes CR LF lines, an empty line and a correct 4-digit CRC", () => {
  const bytes = encodeTelegram("FLU5\\253769484_A", ["0-0:96.1.4(50217)"]);
  const text = bytesToText(bytes);
  const bang = text.indexOf("!");
  assert.equal(
    text.slice(0, bang + 1),
    bytesToText(wire("/FLU5\\253769484_A⏎⏎0-0:96.1.4(50217)⏎!")),
  );
  const crc = crc16Arc(bytes, 0, bang + 1).toString(16).toUpperCase().padStart(4, "0");
  assert.equal(text.slice(bang + 1), bytesToText(wire(`${crc}⏎`)));
  assert.ok(decodeTelegram(bytes, { crc: "required" }).ok);
});

Deno.test("encodeTelegram refuses characters that cannot be in a telegram line", () => {
  for (const line of ["1-0:1.7.0(é)", "1-0:1.7.0(1)!", `1-0:1.7.0(1)${String.fromCharCode(10)}x`]) {
    assert.throws(() => encodeTelegram("TST5", [line]), TypeError, line);
  }
});
