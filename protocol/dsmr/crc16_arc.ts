/**
 * CRC-16/ARC as used by DSMR 4+/e-MUCS telegrams: polynomial 0x8005 reflected (0xA001),
 * init 0, no final XOR, computed over the bytes from `/` up to and including `!`. The table and
 * its loop are shared with CRC-16/MODBUS (`protocol/crc16.ts`).
 *
 * @module
 */

import { crc16Update } from "../crc16.ts";

/**
 * Computes CRC-16/ARC over `bytes[start..end)` without copying.
 *
 * @example
 * ```ts
 * import { crc16Arc } from "./crc16_arc.ts";
 *
 * crc16Arc(new TextEncoder().encode("123456789")); // 0xBB3D
 * ```
 * @param bytes the buffer
 * @param start first byte included (default 0)
 * @param end index after the last byte included (default `bytes.length`)
 * @returns the CRC, 0…0xFFFF
 * @throws {RangeError} when `start`/`end` do not describe a range inside `bytes`
 */
export function crc16Arc(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  if (!(start >= 0 && end >= start && end <= bytes.length) || start % 1 || end % 1) {
    throw new RangeError(
      `Cannot compute CRC: range "${start}..${end}" is outside a buffer of ${bytes.length} bytes`,
    );
  }
  return crc16Update(0x0000, bytes, start, end);
}

/** Formats a CRC as the telegram footer shows it: 4 upper-case hex digits (`0x2a3` → `"02A3"`). */
export function formatCrc(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, "0");
}
