/**
 * Modbus exception responses, built in one place (Application Protocol V1.1b3, section 7): the
 * request's function code with its most significant bit set, then one exception code byte.
 *
 * @module
 */

/** The exception codes this server sends (Application Protocol V1.1b3, section 7). */
export const ExceptionCode = {
  /** 01: the function code is not an allowable action for the server. */
  IllegalFunction: 0x01,
  /** 02: the combination of start address and quantity is not allowable. */
  IllegalDataAddress: 0x02,
  /** 03: a value in the request's data field is not allowable (e.g. its implied length). */
  IllegalDataValue: 0x03,
  /** 04: an unrecoverable error occurred while the server performed the action. */
  ServerDeviceFailure: 0x04,
} as const;

/** One of the exception codes in {@linkcode ExceptionCode}. */
export type ExceptionCode = typeof ExceptionCode[keyof typeof ExceptionCode];

/** Length in bytes of an exception PDU: function code and exception code. */
const EXCEPTION_PDU_LENGTH = 2;

/** The bit a server sets in the function code to mark an exception response. */
export const EXCEPTION_FLAG = 0x80;

/**
 * Writes the exception PDU for `functionCode` into `out` at `offset`.
 *
 * @returns the number of bytes written (always 2)
 */
export function writeExceptionPdu(
  out: Uint8Array,
  offset: number,
  functionCode: number,
  code: ExceptionCode,
): number {
  out[offset] = (functionCode | EXCEPTION_FLAG) & 0xff;
  out[offset + 1] = code;
  return EXCEPTION_PDU_LENGTH;
}
