/**
 * Modbus request PDUs (Application Protocol V1.1b3, section 6): decoding the requests this server
 * understands (FC 03, 04, 06, 08, 16) into a typed union.
 *
 * Decoding checks structure only (is every field there, does the length add up). Whether a
 * quantity or address is allowed is the request handler's business.
 *
 * @module
 */

import { ExceptionCode } from "./exceptions.ts";

/** Function codes this package decodes. */
export const FunctionCode = {
  /** 03 (0x03) Read Holding Registers. */
  ReadHoldingRegisters: 0x03,
  /** 04 (0x04) Read Input Registers. */
  ReadInputRegisters: 0x04,
  /** 06 (0x06) Write Single Register. */
  WriteSingleRegister: 0x06,
  /** 08 (0x08) Diagnostics (serial line only). */
  Diagnostics: 0x08,
  /** 16 (0x10) Write Multiple Registers. */
  WriteMultipleRegisters: 0x10,
} as const;

/** Diagnostics sub-function 00 00, Return Query Data. */
export const DIAGNOSTICS_RETURN_QUERY_DATA = 0x0000;

/** Largest PDU on any transport: 256-byte RTU frame minus address and CRC. */
export const MAX_PDU_LENGTH = 253;

/** FC 03: read `quantity` holding registers from `address`. */
export interface ReadHoldingRegistersRequest {
  readonly type: "readHoldingRegisters";
  readonly functionCode: 0x03;
  readonly address: number;
  readonly quantity: number;
}

/** FC 04: read `quantity` input registers from `address`. */
export interface ReadInputRegistersRequest {
  readonly type: "readInputRegisters";
  readonly functionCode: 0x04;
  readonly address: number;
  readonly quantity: number;
}

/** FC 06: write `value` to the holding register at `address`. */
export interface WriteSingleRegisterRequest {
  readonly type: "writeSingleRegister";
  readonly functionCode: 0x06;
  readonly address: number;
  readonly value: number;
}

/**
 * FC 16: write `quantity` holding registers from `address`. `byteCount` is the field as sent;
 * `data` views the register value bytes in the request (big-endian, `byteCount` bytes).
 */
export interface WriteMultipleRegistersRequest {
  readonly type: "writeMultipleRegisters";
  readonly functionCode: 0x10;
  readonly address: number;
  readonly quantity: number;
  readonly byteCount: number;
  readonly data: Uint8Array;
}

/** FC 08: diagnostics `subFunction` with its data field (a view into the request). */
export interface DiagnosticsRequest {
  readonly type: "diagnostics";
  readonly functionCode: 0x08;
  readonly subFunction: number;
  readonly data: Uint8Array;
}

/** A function code this server does not implement (answered with exception 01). */
export interface UnsupportedRequest {
  readonly type: "unsupported";
  readonly functionCode: number;
}

/** Every request a server can be handed after decoding. */
export type ModbusRequest =
  | ReadHoldingRegistersRequest
  | ReadInputRegistersRequest
  | WriteSingleRegisterRequest
  | WriteMultipleRegistersRequest
  | DiagnosticsRequest
  | UnsupportedRequest;

/**
 * What {@linkcode decodeRequest} makes of a PDU: a request; an exception to send back (the
 * function is known but the PDU's length does not fit its structure: exception 03, "the implied
 * length is incorrect"); or a malformed PDU that gets no answer (empty, function code 0, or an
 * exception function code, which no client sends).
 */
export type RequestDecodeResult =
  | { readonly kind: "request"; readonly request: ModbusRequest }
  | {
    readonly kind: "exception";
    readonly functionCode: number;
    readonly code: ExceptionCode;
    readonly reason: string;
  }
  | { readonly kind: "malformed"; readonly reason: string };

/** Reads the big-endian 16-bit field at `at`; the caller has checked the length. */
function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function lengthMismatch(functionCode: number, expected: string, got: number): RequestDecodeResult {
  return {
    kind: "exception",
    functionCode,
    code: ExceptionCode.IllegalDataValue,
    reason: `Cannot decode request: PDU length does not fit function ${functionCode} ` +
      `(expected ${expected}, got ${got})`,
  };
}

/**
 * Decodes the request PDU `bytes[start..end)` (function code first). Never throws; views into
 * `bytes` are kept for FC 08 and FC 16 data, so the caller must not reuse the buffer while the
 * request is in use.
 *
 * @example
 * ```ts
 * import { decodeRequest } from "./pdu.ts";
 *
 * decodeRequest(new Uint8Array([0x03, 0x00, 0x6b, 0x00, 0x03]));
 * // { kind: "request", request: { type: "readHoldingRegisters", functionCode: 3, address: 107, quantity: 3 } }
 * ```
 */
export function decodeRequest(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): RequestDecodeResult {
  const length = end - start;
  if (length < 1 || start < 0 || end > bytes.length) {
    return { kind: "malformed", reason: "Cannot decode request: empty PDU" };
  }
  const functionCode = bytes[start]!;
  if (functionCode === 0 || functionCode >= 0x80) {
    return {
      kind: "malformed",
      reason: `Cannot decode request: invalid function code (got ${functionCode})`,
    };
  }
  switch (functionCode) {
    case FunctionCode.ReadHoldingRegisters:
    case FunctionCode.ReadInputRegisters: {
      if (length !== 5) return lengthMismatch(functionCode, "5", length);
      const address = readU16(bytes, start + 1);
      const quantity = readU16(bytes, start + 3);
      const request: ModbusRequest = functionCode === FunctionCode.ReadHoldingRegisters
        ? { type: "readHoldingRegisters", functionCode, address, quantity }
        : { type: "readInputRegisters", functionCode, address, quantity };
      return { kind: "request", request };
    }
    case FunctionCode.WriteSingleRegister: {
      if (length !== 5) return lengthMismatch(functionCode, "5", length);
      return {
        kind: "request",
        request: {
          type: "writeSingleRegister",
          functionCode,
          address: readU16(bytes, start + 1),
          value: readU16(bytes, start + 3),
        },
      };
    }
    case FunctionCode.WriteMultipleRegisters: {
      if (length < 6) return lengthMismatch(functionCode, "at least 6", length);
      const byteCount = bytes[start + 5]!;
      if (length !== 6 + byteCount) {
        return lengthMismatch(functionCode, `${6 + byteCount} for byte count ${byteCount}`, length);
      }
      return {
        kind: "request",
        request: {
          type: "writeMultipleRegisters",
          functionCode,
          address: readU16(bytes, start + 1),
          quantity: readU16(bytes, start + 3),
          byteCount,
          data: bytes.subarray(start + 6, end),
        },
      };
    }
    case FunctionCode.Diagnostics: {
      if (length < 3) return lengthMismatch(functionCode, "at least 3", length);
      return {
        kind: "request",
        request: {
          type: "diagnostics",
          functionCode,
          subFunction: readU16(bytes, start + 1),
          data: bytes.subarray(start + 3, end),
        },
      };
    }
    default:
      return { kind: "request", request: { type: "unsupported", functionCode } };
  }
}
