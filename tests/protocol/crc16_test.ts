import assert from "node:assert/strict";
import fc from "fast-check";
import { crc16Update } from "../../protocol/crc16.ts";
import { crc16Arc } from "../../protocol/dsmr/crc16_arc.ts";
import { crc16Modbus } from "../../protocol/modbus/crc16_modbus.ts";

/** The reflected CRC-16 of 0x8005 bit by bit, from any preset (no table, nothing shared). */
function bitwise(preset: number, bytes: Uint8Array): number {
  let crc = preset;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const CHECK = new TextEncoder().encode("123456789");

Deno.test("crc16 gives the catalogue check values of ARC (preset 0) and MODBUS (preset FFFF)", () => {
  // CRC catalogue: CRC-16/ARC check = 0xBB3D, CRC-16/MODBUS check = 0x4B37.
  assert.equal(crc16Update(0x0000, CHECK, 0, CHECK.length), 0xbb3d);
  assert.equal(crc16Update(0xffff, CHECK, 0, CHECK.length), 0x4b37);
  assert.equal(crc16Arc(CHECK), 0xbb3d);
  assert.equal(crc16Modbus(CHECK), 0x4b37);
});

Deno.test("crc16 of an empty range is the preset", () => {
  assert.equal(crc16Update(0x0000, CHECK, 3, 3), 0x0000);
  assert.equal(crc16Update(0xffff, CHECK, 3, 3), 0xffff);
});

Deno.test("crc16 table agrees with the bitwise procedure from any preset, any range, any split", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 64 }),
      fc.integer({ min: 0, max: 0xffff }),
      fc.nat(64),
      fc.nat(64),
      fc.nat(64),
      (bytes, preset, a, b, cut) => {
        const start = Math.min(a, b, bytes.length);
        const end = Math.min(Math.max(a, b), bytes.length);
        const expected = bitwise(preset, bytes.subarray(start, end));
        assert.equal(crc16Update(preset, bytes, start, end), expected);
        const mid = Math.min(start + cut, end);
        assert.equal(
          crc16Update(crc16Update(preset, bytes, start, mid), bytes, mid, end),
          expected,
        );
      },
    ),
    { numRuns: 500, seed: 0x8005 },
  );
});
