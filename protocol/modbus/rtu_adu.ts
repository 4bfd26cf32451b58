/**
 * The RTU application data unit (MODBUS over Serial Line V1.02, 2.5.1): server address, PDU,
 * CRC-16/MODBUS low byte first; at most 256 bytes.
 *
 * @module
 */

import { appendCrc16Modbus, crc16Modbus } from "./crc16_modbus.ts";

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

/**
 * Writes a whole RTU frame (address, `pdu`, CRC) into `out` from index 0.
 *
 * @returns the frame length
 * @throws {RangeError} on a bad address, an empty or overlong PDU, or a short buffer
 */
export function encodeRtuAdu(out: Uint8Array, address: number, pdu: Uint8Array): number {
  if (!Number.isInteger(address) || address < 0 || address > 255) {
    throw new RangeError(`Cannot encode RTU frame: address out of range (got ${address})`);
  }
  if (out.length < pdu.length + 3) {
    throw new RangeError(
      `Cannot encode RTU frame: buffer too small (need ${
        pdu.length + 3
      } bytes, have ${out.length})`,
    );
  }
  out[0] = address;
  out.set(pdu, RTU_PDU_OFFSET);
  return sealRtuAdu(out, pdu.length);
}

/** What {@linkcode decodeRtuAdu} finds in a complete, silence-delimited frame. */
export type RtuAduDecodeResult =
  | {
    readonly kind: "frame";
    readonly address: number;
    /** Index of the PDU's first byte (the function code) in the decoded buffer. */
    readonly pduStart: number;
    /** Index just past the PDU (where the CRC starts). */
    readonly pduEnd: number;
  }
  | {
    readonly kind: "crcMismatch";
    readonly expected: number;
    readonly actual: number;
    readonly reason: string;
  }
  | { readonly kind: "badLength"; readonly length: number; readonly reason: string };

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

/** Checks length and CRC of the frame `bytes[start..end)` and locates its PDU. Never throws. */
export function decodeRtuAdu(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): RtuAduDecodeResult {
  const length = end - start;
  if (length < RTU_MIN_ADU_LENGTH || length > RTU_MAX_ADU_LENGTH || end > bytes.length) {
    return {
      kind: "badLength",
      length,
      reason: `Cannot decode RTU frame: length out of range (expected 4..256, got ${length})`,
    };
  }
  const expected = crc16Modbus(bytes, start, end - 2);
  const actual = bytes[end - 2]! | (bytes[end - 1]! << 8);
  if (expected !== actual) {
    return {
      kind: "crcMismatch",
      expected,
      actual,
      reason: `Cannot decode RTU frame: CRC mismatch (expected ${hex4(expected)}, got ${
        hex4(actual)
      })`,
    };
  }
  return { kind: "frame", address: bytes[start]!, pduStart: start + 1, pduEnd: end - 2 };
}
