import assert from "node:assert/strict";
import { sealRtuAdu } from "../../../protocol/modbus/rtu_adu.ts";
import { decodeRtuAdu, encodeRtuAdu } from "./_client_codec.ts";
import { hex, rtu } from "./_helpers.ts";

Deno.test("rtu adu encodes the SDM630 doc request byte for byte", () => {
  // Eastron SDM630 doc: 01 04 00 00 00 02 71 CB.
  const out = new Uint8Array(256);
  const length = encodeRtuAdu(out, 1, hex("04 00 00 00 02"));
  assert.deepEqual(out.subarray(0, length), hex("01 04 00 00 00 02 71 CB"));
});

Deno.test("rtu adu seals a PDU already written after the address", () => {
  // Eastron SDM630 doc reply: 01 04 04 43 66 33 34 1B 38.
  const out = new Uint8Array(256);
  out.set(hex("01 04 04 43 66 33 34"));
  assert.equal(sealRtuAdu(out, 6), 9);
  assert.deepEqual(out.subarray(0, 9), hex("01 04 04 43 66 33 34 1B 38"));
});

Deno.test("rtu adu decodes a published frame and locates its PDU", () => {
  const frame = hex("0B 04 00 00 00 02 71 61");
  assert.deepEqual(decodeRtuAdu(frame), { kind: "frame", address: 11, pduStart: 1, pduEnd: 6 });
});

Deno.test("rtu adu reports a CRC mismatch with both values", () => {
  const result = decodeRtuAdu(hex("01 04 00 00 00 02 71 CC"));
  assert.equal(result.kind, "crcMismatch");
  if (result.kind !== "crcMismatch") return;
  assert.equal(result.expected, 0xcb71);
  assert.equal(result.actual, 0xcc71);
  assert.equal(result.reason, "Cannot decode RTU frame: CRC mismatch (expected CB71, got CC71)");
});

Deno.test("rtu adu refuses frames shorter than 4 or longer than 256 bytes", () => {
  assert.equal(decodeRtuAdu(hex("01 04 71")).kind, "badLength");
  const long = rtu(`01 10 00 00 00 7D FA ${"00 ".repeat(250)}`);
  assert.equal(long.length, 259);
  assert.equal(decodeRtuAdu(long).kind, "badLength");
});

Deno.test("rtu adu encode refuses a bad address or a PDU that would pass 256 bytes", () => {
  const out = new Uint8Array(300);
  assert.throws(() => encodeRtuAdu(out, 256, hex("04 00 00 00 02")), RangeError);
  assert.throws(() => encodeRtuAdu(out, 1, new Uint8Array(254)), RangeError);
  assert.throws(() => encodeRtuAdu(new Uint8Array(5), 1, hex("04 00 00 00 02")), RangeError);
});
