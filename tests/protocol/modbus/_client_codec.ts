/**
 * The client (master) side of the Modbus codec, which only the tests need: a server decodes
 * requests and encodes responses; the tests also build requests, whole RTU and TCP frames, and
 * read responses back. Kept out of `protocol/` so the product carries none of it.
 *
 * @module
 */

import { crc16Modbus } from "../../../protocol/modbus/crc16_modbus.ts";
import { EXCEPTION_FLAG } from "../../../protocol/modbus/exceptions.ts";
import { MBAP_HEADER_LENGTH, sealMbapAdu } from "../../../protocol/modbus/mbap.ts";
import { FunctionCode, MAX_PDU_LENGTH, type ModbusRequest } from "../../../protocol/modbus/pdu.ts";
import {
  RTU_MAX_ADU_LENGTH,
  RTU_MIN_ADU_LENGTH,
  RTU_PDU_OFFSET,
  sealRtuAdu,
} from "../../../protocol/modbus/rtu_adu.ts";

/**
 * Encodes a request as a PDU, as a client sends it.
 *
 * @throws {RangeError} for an unsupported request, or a field out of range
 */
export function encodeRequestPdu(request: ModbusRequest): Uint8Array {
  const u16 = (name: string, value: number): number => {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
      throw new RangeError(`Cannot encode request: ${name} out of range (got ${value})`);
    }
    return value;
  };
  switch (request.type) {
    case "readHoldingRegisters":
    case "readInputRegisters":
    case "writeSingleRegister": {
      const first = u16("address", request.address);
      const second = request.type === "writeSingleRegister"
        ? u16("value", request.value)
        : u16("quantity", request.quantity);
      return new Uint8Array([
        request.functionCode,
        first >>> 8,
        first & 0xff,
        second >>> 8,
        second & 0xff,
      ]);
    }
    case "writeMultipleRegisters": {
      const address = u16("address", request.address);
      const quantity = u16("quantity", request.quantity);
      if (request.byteCount > 0xff || request.data.length + 6 > MAX_PDU_LENGTH) {
        throw new RangeError(
          `Cannot encode request: too much data (got ${request.data.length} bytes)`,
        );
      }
      const pdu = new Uint8Array(6 + request.data.length);
      pdu.set([
        request.functionCode,
        address >>> 8,
        address & 0xff,
        quantity >>> 8,
        quantity & 0xff,
        request.byteCount,
      ]);
      pdu.set(request.data, 6);
      return pdu;
    }
    case "diagnostics": {
      const sub = u16("sub-function", request.subFunction);
      if (request.data.length + 3 > MAX_PDU_LENGTH) {
        throw new RangeError(
          `Cannot encode request: too much data (got ${request.data.length} bytes)`,
        );
      }
      const pdu = new Uint8Array(3 + request.data.length);
      pdu.set([request.functionCode, sub >>> 8, sub & 0xff]);
      pdu.set(request.data, 3);
      return pdu;
    }
    case "unsupported":
      throw new RangeError(
        `Cannot encode request: unsupported function code (got ${request.functionCode})`,
      );
    default: {
      const unreachable: never = request;
      throw new TypeError(`Cannot encode request: unknown type (got ${String(unreachable)})`);
    }
  }
}

/** A response PDU as a client reads it. */
export type ModbusResponse =
  | {
    readonly kind: "readRegisters";
    readonly functionCode: 0x03 | 0x04;
    readonly values: Uint16Array;
  }
  | { readonly kind: "writeSingleRegister"; readonly address: number; readonly value: number }
  | { readonly kind: "writeMultipleRegisters"; readonly address: number; readonly quantity: number }
  | { readonly kind: "diagnostics"; readonly subFunction: number; readonly data: Uint8Array }
  | { readonly kind: "exception"; readonly functionCode: number; readonly code: number }
  | { readonly kind: "malformed"; readonly reason: string };

function malformed(reason: string): ModbusResponse {
  return { kind: "malformed", reason: `Cannot decode response: ${reason}` };
}

/**
 * Decodes the response PDU `bytes[start..end)` for the function codes of this package. Never
 * throws; FC 08 data is a view into `bytes`.
 */
export function decodeResponse(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): ModbusResponse {
  const length = end - start;
  if (length < 1 || start < 0 || end > bytes.length) return malformed("empty PDU");
  const functionCode = bytes[start]!;
  const u16 = (at: number): number => (bytes[start + at]! << 8) | bytes[start + at + 1]!;
  if (functionCode >= EXCEPTION_FLAG) {
    if (length !== 2) return malformed(`exception PDU length (expected 2, got ${length})`);
    return { kind: "exception", functionCode: functionCode & 0x7f, code: bytes[start + 1]! };
  }
  switch (functionCode) {
    case FunctionCode.ReadHoldingRegisters:
    case FunctionCode.ReadInputRegisters: {
      const byteCount = bytes[start + 1];
      if (byteCount === undefined || length !== 2 + byteCount || byteCount % 2 !== 0) {
        return malformed(`byte count does not match the PDU (got ${length} bytes)`);
      }
      const values = new Uint16Array(byteCount / 2);
      for (let i = 0; i < values.length; i++) values[i] = u16(2 + 2 * i);
      return { kind: "readRegisters", functionCode, values };
    }
    case FunctionCode.WriteSingleRegister:
      if (length !== 5) return malformed(`FC 06 length (expected 5, got ${length})`);
      return { kind: "writeSingleRegister", address: u16(1), value: u16(3) };
    case FunctionCode.WriteMultipleRegisters:
      if (length !== 5) return malformed(`FC 16 length (expected 5, got ${length})`);
      return { kind: "writeMultipleRegisters", address: u16(1), quantity: u16(3) };
    case FunctionCode.Diagnostics:
      if (length < 3) return malformed(`FC 08 length (expected at least 3, got ${length})`);
      return { kind: "diagnostics", subFunction: u16(1), data: bytes.subarray(start + 3, end) };
    default:
      return malformed(`unsupported function code (got ${functionCode})`);
  }
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

/**
 * Writes a whole TCP frame (header and `pdu`) into `out` from index 0.
 *
 * @returns the ADU length
 * @throws {RangeError} on an empty or overlong PDU, or a short buffer
 */
export function encodeMbapAdu(
  out: Uint8Array,
  transactionId: number,
  unitId: number,
  pdu: Uint8Array,
): number {
  if (out.length < MBAP_HEADER_LENGTH + pdu.length) {
    throw new RangeError(
      `Cannot encode MBAP frame: buffer too small (need ${
        MBAP_HEADER_LENGTH + pdu.length
      } bytes, have ${out.length})`,
    );
  }
  if (pdu.length < 1 || pdu.length > MAX_PDU_LENGTH) {
    throw new RangeError(`Cannot encode MBAP frame: PDU length out of range (got ${pdu.length})`);
  }
  out.set(pdu, MBAP_HEADER_LENGTH);
  return sealMbapAdu(out, transactionId, unitId, pdu.length);
}
