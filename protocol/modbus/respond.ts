/**
 * Whole-frame answers for RTU and TCP servers: the request handler writes the PDU straight into
 * the caller's reused frame buffer, then the frame is sealed (CRC, or MBAP header) in place.
 * No copy and no allocation of byte buffers per request.
 *
 * @example
 * ```ts
 * import { respondTcp, RESPONSE_BUFFER_LENGTH } from "./respond.ts";
 * import { createRegisterImage } from "./register_image.ts";
 * import type { ModbusRequest } from "./pdu.ts";
 *
 * const image = createRegisterImage();
 * const out = new Uint8Array(RESPONSE_BUFFER_LENGTH); // reused for every request
 * const sent: Uint8Array[] = []; // stands in for the connection
 * const conn = { write: (bytes: Uint8Array) => Promise.resolve(sent.push(bytes.slice())) };
 * const frame = { transactionId: 7, unitId: 2 };
 * const request: ModbusRequest = { type: "unsupported", functionCode: 0x2b };
 * const options = { writesAllowed: false };
 * const r = respondTcp(request, frame.transactionId, frame.unitId, image, options, out);
 * if (r.kind === "reply" || r.kind === "exception") await conn.write(out.subarray(0, r.length));
 * // exception 01 (illegal function): 00 07 00 00 00 03 02 AB 01
 * if (sent[0]?.join(" ") !== "0 7 0 0 0 3 2 171 1") throw new Error(`${sent[0]}`);
 * ```
 *
 * @module
 */

import { type ExceptionCode, writeExceptionPdu } from "./exceptions.ts";
import {
  type HandleIntoResult,
  handleRequestInto,
  type HandleRequestOptions,
  writeAcceptedPdu,
  type WriteIntent,
} from "./handle_request.ts";
import { MBAP_HEADER_LENGTH, sealMbapAdu } from "./mbap.ts";
import type { ModbusRequest } from "./pdu.ts";
import type { RegisterImage } from "./register_image.ts";
import { RTU_PDU_OFFSET, sealRtuAdu } from "./rtu_adu.ts";

/** Size of a frame buffer that fits any RTU or TCP answer. */
export const RESPONSE_BUFFER_LENGTH = 260;

function checkBuffer(out: Uint8Array): void {
  if (out.length < RESPONSE_BUFFER_LENGTH) {
    throw new RangeError(
      `Cannot build response: frame buffer too small (need ${RESPONSE_BUFFER_LENGTH} bytes, have ${out.length})`,
    );
  }
}

/**
 * Handles `request` and, for `"reply"` and `"exception"`, leaves the complete RTU frame
 * (address, PDU, CRC) in `out[0..length)`; `length` is the frame length.
 *
 * @throws {RangeError} if `out` is shorter than {@linkcode RESPONSE_BUFFER_LENGTH}
 */
export function respondRtu(
  request: ModbusRequest,
  address: number,
  image: RegisterImage,
  options: HandleRequestOptions,
  out: Uint8Array,
): HandleIntoResult {
  checkBuffer(out);
  const result = handleRequestInto(request, image, options, out, RTU_PDU_OFFSET);
  switch (result.kind) {
    case "reply":
    case "exception":
      out[0] = address;
      return { ...result, length: sealRtuAdu(out, result.length) };
    default:
      return result;
  }
}

/**
 * Handles `request` and, for `"reply"` and `"exception"`, leaves the complete TCP frame (MBAP
 * header and PDU) in `out[0..length)`; `length` is the frame length.
 *
 * @throws {RangeError} if `out` is shorter than {@linkcode RESPONSE_BUFFER_LENGTH}
 */
export function respondTcp(
  request: ModbusRequest,
  transactionId: number,
  unitId: number,
  image: RegisterImage,
  options: HandleRequestOptions,
  out: Uint8Array,
): HandleIntoResult {
  checkBuffer(out);
  const result = handleRequestInto(request, image, options, out, MBAP_HEADER_LENGTH);
  switch (result.kind) {
    case "reply":
    case "exception":
      return { ...result, length: sealMbapAdu(out, transactionId, unitId, result.length) };
    default:
      return result;
  }
}

/** Writes the RTU exception frame into `out`; returns the frame length (5). */
export function rtuExceptionAdu(
  out: Uint8Array,
  address: number,
  functionCode: number,
  code: ExceptionCode,
): number {
  out[0] = address;
  return sealRtuAdu(out, writeExceptionPdu(out, RTU_PDU_OFFSET, functionCode, code));
}

/** Writes the TCP exception frame into `out`; returns the frame length (9). */
export function tcpExceptionAdu(
  out: Uint8Array,
  transactionId: number,
  unitId: number,
  functionCode: number,
  code: ExceptionCode,
): number {
  const pduLength = writeExceptionPdu(out, MBAP_HEADER_LENGTH, functionCode, code);
  return sealMbapAdu(out, transactionId, unitId, pduLength);
}

/** Writes the RTU frame answering an applied write into `out`; returns the frame length (8). */
export function rtuWriteAcceptedAdu(out: Uint8Array, address: number, intent: WriteIntent): number {
  out[0] = address;
  return sealRtuAdu(out, writeAcceptedPdu(intent, out, RTU_PDU_OFFSET));
}

/** Writes the TCP frame answering an applied write into `out`; returns the frame length (12). */
export function tcpWriteAcceptedAdu(
  out: Uint8Array,
  transactionId: number,
  unitId: number,
  intent: WriteIntent,
): number {
  const pduLength = writeAcceptedPdu(intent, out, MBAP_HEADER_LENGTH);
  return sealMbapAdu(out, transactionId, unitId, pduLength);
}
