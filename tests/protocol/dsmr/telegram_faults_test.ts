import assert from "node:assert/strict";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import {
  corruptCrc,
  garbageBytes,
  truncateTelegram,
} from "../../../protocol/dsmr/telegram_faults.ts";
import { bytesToText, fixture } from "./_fixtures.ts";

const TELEGRAM = fixture("arduino-dsmr-fork_test_full_be_3x230V_13months.txt");

Deno.test("corruptCrc keeps the telegram but makes its CRC wrong", () => {
  const bad = corruptCrc(TELEGRAM);
  assert.equal(bad.length, TELEGRAM.length);
  const result = decodeTelegram(bad.subarray(0, bad.length - 2), { crc: "optional" });
  assert.ok(!result.ok && result.code === "crc-mismatch");
  assert.match(result.reason, /^crc-mismatch expected B06B got [0-9A-F]{4}$/);
  assert.notEqual(result.reason, "crc-mismatch expected B06B got B06B");
  assert.throws(() => corruptCrc(fixture("dsmr_parser_V2_2.txt")), TypeError); // no CRC to corrupt
});

Deno.test("truncateTelegram cuts after a whole line, before the footer", () => {
  for (const fraction of [0, 0.1, 0.5, 0.99, 1]) {
    const cut = truncateTelegram(TELEGRAM, fraction);
    const text = bytesToText(cut);
    assert.ok(text.endsWith(String.fromCharCode(13, 10)), `${fraction}`);
    assert.ok(!text.includes("!"));
    assert.equal(text, bytesToText(TELEGRAM.subarray(0, cut.length)));
  }
  // Byte 685 is inside the long 0-0:98.1.0 line: the cut falls at the end of that line.
  const half = bytesToText(truncateTelegram(TELEGRAM, 0.5));
  assert.ok(
    half.length > 685 && half.endsWith("(240618191500S)(03.841*kW)" + String.fromCharCode(13, 10)),
  );
  assert.throws(() => truncateTelegram(new Uint8Array([0x2f, 0x41])), TypeError);
});

Deno.test("garbageBytes is deterministic and never holds a /", () => {
  const a = garbageBytes(1, 5000);
  assert.deepEqual(a, garbageBytes(1, 5000));
  assert.notDeepEqual(a, garbageBytes(2, 5000));
  assert.equal(a.indexOf(0x2f), -1);
  assert.ok(new Set(a).size > 200); // covers most byte values
});

Deno.test("faults apply to any encoded telegram", () => {
  const t = encodeTelegram("TST5", ["1-0:1.7.0(00.318*kW)", "1-0:2.7.0(00.000*kW)"]);
  assert.equal(decodeTelegram(corruptCrc(t), { crc: "required" }).ok, false);
  assert.equal(bytesToText(truncateTelegram(t, 0.9)).includes("2.7.0"), true);
});
