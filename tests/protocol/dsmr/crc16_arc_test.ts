import assert from "node:assert/strict";
import { crc16Arc, formatCrc } from "../../../protocol/dsmr/crc16_arc.ts";
import { ascii, fixture } from "./_fixtures.ts";

Deno.test("crc16Arc gives the CRC-16/ARC check value for 123456789", () => {
  assert.equal(crc16Arc(ascii("123456789")), 0xbb3d);
});

Deno.test("crc16Arc of an empty range is 0", () => {
  assert.equal(crc16Arc(new Uint8Array(0)), 0);
  assert.equal(crc16Arc(ascii("abc"), 2, 2), 0);
});

Deno.test("crc16Arc covers a telegram from / through ! (INDEX.md computed column)", () => {
  const cases: [file: string, crc: number][] = [
    ["arduino-dsmr-fork_test_full_be_3x230V_13months.txt", 0xb06b], // BE, 1370 bytes
    ["edge_bad-crc_FLUVIUS_V171_line-removed.txt", 0x02a3], // a leading zero
    ["dsmr_parser_V2_2.txt", 0x99e3], // a telegram that carries no CRC
  ];
  for (const [file, crc] of cases) {
    const bytes = fixture(file);
    assert.equal(crc16Arc(bytes, 0, bytes.indexOf(0x21) + 1), crc, file);
  }
});

Deno.test("crc16Arc over a range equals the CRC of a copy of that range", () => {
  const bytes = ascii("xx123456789yy");
  assert.equal(crc16Arc(bytes, 2, 11), 0xbb3d);
  assert.equal(crc16Arc(bytes, 2, 11), crc16Arc(bytes.slice(2, 11)));
});

Deno.test("crc16Arc rejects a range outside the buffer", () => {
  const bytes = ascii("abc");
  for (const [start, end] of [[-1, 2], [2, 1], [0, 4], [0.5, 2]]) {
    assert.throws(() => crc16Arc(bytes, start, end), RangeError);
  }
});

Deno.test("formatCrc prints 4 upper-case hex digits", () => {
  assert.equal(formatCrc(0x2a3), "02A3");
  assert.equal(formatCrc(0xbb3d), "BB3D");
  assert.equal(formatCrc(0), "0000");
});
