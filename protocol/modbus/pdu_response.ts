/**
 * Modbus response PDUs (Application Protocol V1.1b3, section 6): writers that put a normal
 * response straight into a caller's buffer, and a decoder for clients (tests, benchmarks).
 *
 * @module
 */

import { EXCEPTION_FLAG } from "./exceptions.ts";
import { FunctionCode } from "./pdu.ts";

/**
 * Writes the FC 03 / FC 04 response for `registers[address..address + quantity)` into `out` at
 * `offset`: function code, byte count, then each register big-endian. This is the read hot path:
 * one walk over the registers, no allocation.
 *
 * @returns the number of bytes written (`2 + 2 * quantity`)
 */
export function writeReadRegistersResponse(
  out: Uint8Array,
  offset: number,
  functionCode: number,
  registers: Uint16Array,
  address: number,
  quantity: number,
): number {
  out[offset] = functionCode;
  out[offset + 1] = (quantity * 2) & 0xff;
  let o = offset + 2;
  const end = address + quantity;
  for (let i = address; i < end; i++) {
    const value = registers[i] ?? 0;
    out[o] = value >>> 8;
    out[o + 1] = value & 0xff;
    o += 2;
  }
  return o - offset;
}

/** Writes the FC 06 response (an echo of address and value); returns 5. */
export function writeWriteSingleRegisterResponse(
  out: Uint8Array,
  offset: number,
  address: number,
  value: number,
): number {
  out[offset] = FunctionCode.WriteSingleRegister;
  out[offset + 1] = address >>> 8;
  out[offset + 2] = address & 0xff;
  out[offset + 3] = value >>> 8;
  out[offset + 4] = value & 0xff;
  return 5;
}

/** Writes the FC 16 response (start address and quantity written); returns 5. */
export function writeWriteMultipleRegistersResponse(
  out: Uint8Array,
  offset: number,
  address: number,
  quantity: number,
): number {
  out[offset] = FunctionCode.WriteMultipleRegisters;
  out[offset + 1] = address >>> 8;
  out[offset + 2] = address & 0xff;
  out[offset + 3] = quantity >>> 8;
  out[offset + 4] = quantity & 0xff;
  return 5;
}

/** Writes the FC 08 response (sub-function and data echoed); returns `3 + data.length`. */
export function writeDiagnosticsResponse(
  out: Uint8Array,
  offset: number,
  subFunction: number,
  data: Uint8Array,
): number {
  out[offset] = FunctionCode.Diagnostics;
  out[offset + 1] = subFunction >>> 8;
  out[offset + 2] = subFunction & 0xff;
  out.set(data, offset + 3);
  return 3 + data.length;
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
