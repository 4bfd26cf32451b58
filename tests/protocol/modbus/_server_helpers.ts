/**
 * Server-side conveniences only the tests use: the allocating form of the request handler, an
 * image with another `blocked` setting, whole exception PDUs and the specification's names of
 * the exception codes. The product uses `handleRequestInto` and `writeExceptionPdu`, which write
 * into the caller's buffer.
 *
 * @module
 */

import {
  type ExceptionCode,
  ExceptionCode as Code,
  writeExceptionPdu,
} from "../../../protocol/modbus/exceptions.ts";
import {
  type ExceptionOutcome,
  handleRequestInto,
  type HandleRequestOptions,
  type NoReplyOutcome,
  type WriteIntent,
} from "../../../protocol/modbus/handle_request.ts";
import { MAX_PDU_LENGTH, type ModbusRequest } from "../../../protocol/modbus/pdu.ts";
import type { MeasuredBlock, RegisterImage } from "../../../protocol/modbus/register_image.ts";

/** What {@linkcode handleRequest} returns. */
export type HandleResult =
  | { readonly kind: "reply"; readonly pdu: Uint8Array }
  | ExceptionOutcome
  | NoReplyOutcome
  | WriteIntent;

/**
 * Handles `request` against `image`: the reply PDU, the exception code to send, no reply, or a
 * write for the caller to apply. Allocates the reply; servers on the hot path use
 * {@linkcode handleRequestInto}.
 */
export function handleRequest(
  request: ModbusRequest,
  image: RegisterImage,
  options: HandleRequestOptions,
): HandleResult {
  const buffer = new Uint8Array(MAX_PDU_LENGTH);
  const result = handleRequestInto(request, image, options, buffer, 0);
  switch (result.kind) {
    case "reply":
      return { kind: "reply", pdu: buffer.subarray(0, result.length) };
    case "exception":
      return { kind: "exception", code: result.code, reason: result.reason };
    case "none":
    case "write":
      return result;
    default: {
      const unreachable: never = result;
      throw new TypeError(`Cannot handle request: unknown outcome (got ${String(unreachable)})`);
    }
  }
}

/** The same image with another `blocked` setting; every array is shared, none is copied. */
export function withBlocked(image: RegisterImage, blocked: MeasuredBlock): RegisterImage {
  return { ...image, blocked };
}

/**
 * Builds the exception PDU for `functionCode`: `functionCode | 0x80`, `code`.
 *
 * @example
 * ```ts
 * exceptionPdu(0x03, ExceptionCode.IllegalDataAddress); // Uint8Array [0x83, 0x02]
 * ```
 */
export function exceptionPdu(functionCode: number, code: ExceptionCode): Uint8Array {
  const pdu = new Uint8Array(2);
  writeExceptionPdu(pdu, 0, functionCode, code);
  return pdu;
}

/** The specification's name of an exception code, e.g. `"ILLEGAL DATA ADDRESS"`. */
export function exceptionName(code: ExceptionCode): string {
  switch (code) {
    case Code.IllegalFunction:
      return "ILLEGAL FUNCTION";
    case Code.IllegalDataAddress:
      return "ILLEGAL DATA ADDRESS";
    case Code.IllegalDataValue:
      return "ILLEGAL DATA VALUE";
    case Code.ServerDeviceFailure:
      return "SERVER DEVICE FAILURE";
    default: {
      const unreachable: never = code;
      return `exception ${String(unreachable)}`;
    }
  }
}
