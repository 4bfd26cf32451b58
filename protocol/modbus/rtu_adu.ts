/**
 * The RTU application data unit (MODBUS over Serial Line V1.02, 2.5.1): server address, PDU,
 * CRC-16/MODBUS low byte first; at most 256 bytes.
 *
 * @module
 */

import { appendCrc16Modbus } from "./crc16_modbus.ts";

/** Largest RTU frame: address + 253-byte PDU + CRC. */
export const RTU_MAX_ADU_LENGTH = 256;

/** Smallest RTU frame: address, function code, CRC. */
export const RTU_MIN_ADU_LENGTH = 4;

/** Where the PDU starts in an RTU frame (after the address byte). */
export const RTU_PDU_OFFSET = 1;

/** The broadcast address: every server acts, none answers. */
export const RTU_BROADCAST_ADDRESS = 0;

/**
 * Finishes an RTU frame whose address is at `out[0]` and whose PDU the caller already wrote at
 * `out[1..1 + pduLength)`: appends the CRC.
 *
 * @returns the frame length (`pduLength + 3`)
 * @throws {RangeError} if the frame would exceed 256 bytes or the buffer
 */
export function sealRtuAdu(out: Uint8Array, pduLength: number): number {
  const end = RTU_PDU_OFFSET + pduLength;
  if (pduLength < 1 || end + 2 > RTU_MAX_ADU_LENGTH) {
    throw new RangeError(`Cannot encode RTU frame: PDU length out of range (got ${pduLength})`);
  }
  return appendCrc16Modbus(out, 0, end);
}
