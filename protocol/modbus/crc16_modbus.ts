/**
 * CRC-16/MODBUS, the error check of every RTU frame (MODBUS over Serial Line V1.02, 2.5.1.2 and
 * 6.2.2): register preset to 0xFFFF, each byte XORed into the low byte, eight shifts towards the
 * LSB with the reflected polynomial 0xA001 applied when a 1 falls out. The value goes on the wire
 * low byte first. The table and its loop are shared with CRC-16/ARC (`protocol/crc16.ts`): the
 * two differ only in the preset.
 *
 * @module
 */

import { crc16Update } from "../crc16.ts";

/** The CRC register value before any byte has been applied. */
const CRC16_MODBUS_INIT = 0xffff;

/**
 * Computes the CRC-16/MODBUS of `bytes[start..end)` without copying.
 *
 * @param bytes the buffer holding the message
 * @param start first byte of the message (default 0)
 * @param end one past the last byte of the message (default `bytes.length`)
 * @returns the 16-bit CRC; put it on the wire as `crc & 0xff`, then `crc >>> 8`
 *
 * @example
 * ```ts
 * import { crc16Modbus } from "./crc16_modbus.ts";
 *
 * crc16Modbus(new Uint8Array([0x02, 0x07])); // 0x1241, sent as 41 12
 * ```
 */
export function crc16Modbus(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  return crc16Update(CRC16_MODBUS_INIT, bytes, start, end);
}

/**
 * Writes the CRC of `bytes[start..end)` at `bytes[end]` (low byte) and `bytes[end + 1]` (high
 * byte).
 *
 * @returns the index just past the CRC (`end + 2`)
 * @throws {RangeError} if the buffer has no room for the two CRC bytes
 */
export function appendCrc16Modbus(bytes: Uint8Array, start: number, end: number): number {
  if (end + 2 > bytes.length) {
    throw new RangeError(
      `Cannot append CRC: buffer too small (need ${end + 2} bytes, have ${bytes.length})`,
    );
  }
  const crc = crc16Modbus(bytes, start, end);
  bytes[end] = crc & 0xff;
  bytes[end + 1] = crc >>> 8;
  return end + 2;
}

/**
 * Checks the two CRC bytes that end `bytes[start..end)` against the CRC of the bytes before
 * them. A range shorter than three bytes never checks.
 */
export function hasValidCrc16Modbus(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 3 || end > bytes.length || start < 0) return false;
  const crc = crc16Modbus(bytes, start, end - 2);
  return bytes[end - 2] === (crc & 0xff) && bytes[end - 1] === crc >>> 8;
}
