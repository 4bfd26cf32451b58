import assert from "node:assert/strict";
import fc from "fast-check";
import {
  appendCrc16Modbus,
  crc16Modbus,
  hasValidCrc16Modbus,
} from "../../../protocol/modbus/crc16_modbus.ts";
import { bitwiseCrc, hex } from "./_helpers.ts";

/** Published RTU frames that carry their CRC (source in each comment). */
const PUBLISHED_FRAMES: readonly { name: string; frame: string }[] = [
  // Eastron SDM630 protocol doc: read input registers 0-1 (phase 1 voltage) from address 1.
  { name: "SDM630 doc request", frame: "01 04 00 00 00 02 71 CB" },
  // Eastron SDM630 protocol doc: the reply, 230.2 V.
  { name: "SDM630 doc reply", frame: "01 04 04 43 66 33 34 1B 38" },
  // Beckhoff bus coupler manual, function 4: read two input registers from slave 11.
  { name: "Beckhoff FC04 request", frame: "0B 04 00 00 00 02 71 61" },
  // Beckhoff bus coupler manual, function 2: read 10 discrete inputs from slave 11.
  { name: "Beckhoff FC02 request", frame: "0B 02 00 00 00 0A F8 A7" },
  // Beckhoff bus coupler manual, function 2: the reply.
  { name: "Beckhoff FC02 reply", frame: "0B 02 02 01 00 20 29" },
];

Deno.test("crc16 modbus matches the catalogue check value for 123456789", () => {
  // CRC-16/MODBUS catalogue entry: check = 0x4B37.
  assert.equal(crc16Modbus(new TextEncoder().encode("123456789")), 0x4b37);
});

Deno.test("crc16 modbus matches the serial line spec's worked example (frame 02 07)", () => {
  // MODBUS over Serial Line V1.02, Appendix B: the CRC of 02 07 is 1241 hex, sent as 41 12.
  const crc = crc16Modbus(hex("02 07"));
  assert.equal(crc, 0x1241);
  const frame = new Uint8Array(4);
  frame.set(hex("02 07"));
  appendCrc16Modbus(frame, 0, 2);
  assert.deepEqual(frame, hex("02 07 41 12"));
});

for (const { name, frame } of PUBLISHED_FRAMES) {
  Deno.test(`crc16 modbus confirms the published frame: ${name}`, () => {
    const bytes = hex(frame);
    assert.equal(hasValidCrc16Modbus(bytes, 0, bytes.length), true);
    const crc = crc16Modbus(bytes, 0, bytes.length - 2);
    assert.equal(crc & 0xff, bytes[bytes.length - 2]);
    assert.equal(crc >>> 8, bytes[bytes.length - 1]);
  });
}

Deno.test("crc16 modbus rejects a frame with one bit flipped", () => {
  const bytes = hex("01 04 00 00 00 02 71 CB");
  bytes[3] = bytes[3]! ^ 0x01;
  assert.equal(hasValidCrc16Modbus(bytes, 0, bytes.length), false);
});

Deno.test("crc16 modbus checks a range inside a larger buffer without copying", () => {
  const buffer = hex("FF FF 01 04 00 00 00 02 71 CB EE");
  assert.equal(crc16Modbus(buffer, 2, 8), 0xcb71);
  assert.equal(hasValidCrc16Modbus(buffer, 2, 10), true);
  assert.equal(hasValidCrc16Modbus(buffer, 1, 10), false);
});

Deno.test("crc16 modbus never confirms a range shorter than three bytes", () => {
  // An empty message has CRC FFFF: the two bytes FF FF would otherwise "check".
  assert.equal(hasValidCrc16Modbus(hex("FF FF"), 0, 2), false);
  assert.equal(hasValidCrc16Modbus(hex("01 04"), 0, 5), false);
});

Deno.test("crc16 modbus table agrees with the bitwise procedure on any bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(crc16Modbus(bytes), bitwiseCrc(bytes));
    }),
    { seed: 1630, numRuns: 300 },
  );
});

Deno.test("crc16 modbus append refuses a buffer without room for the CRC", () => {
  assert.throws(() => appendCrc16Modbus(new Uint8Array(3), 0, 2), RangeError);
});
