/**
 * Modbus response PDUs (Application Protocol V1.1b3, section 6): writers that put a normal
 * response straight into a caller's buffer.
 *
 * @module
 */

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
