/**
 * The pure request handler: a decoded request and the current register image in, the response
 * out. The actor that owns a port stays a thin byte mover.
 *
 * Rules, in the order the specification's state diagrams check them (Application Protocol
 * V1.1b3, 6.3, 6.4, 6.6, 6.8, 6.12):
 * - 01 ILLEGAL FUNCTION: a function code other than 03, 04, 06, 08, 16; a read function code the
 *   emulated meter does not answer (the image's `readSpaces` says null); FC 08 with a
 *   sub-function other than 00 (Return Query Data); FC 06 / 16 when writes are disabled on this
 *   transport.
 * - 03 ILLEGAL DATA VALUE: quantity 0, or above the read limit (default 125) or the write limit
 *   (default 123); an FC 16 byte count that is not twice the quantity.
 * - 02 ILLEGAL DATA ADDRESS: start address + quantity beyond 65536; a write touching a register
 *   that is not a writable setting.
 * - 04 SERVER DEVICE FAILURE: an image that does not cover the address space; a read touching a
 *   measured register while the image blocks measured values with `"exception"`.
 *
 * Reads of registers that have no data or are not in the map answer 0, never an error; odd start
 * addresses and odd counts are accepted. FC03 and FC04 read the spaces the image's `readSpaces`
 * names. While the image blocks measured values with `"silent"`, reads touching them get no reply
 * at all.
 *
 * Protocol writes: a write (FC 06, or FC 16) that covers only registers the image marks
 * `echoWritable` is answered here, on every transport and whether writes are enabled or not: the
 * normal response when every written word equals the word the register holds (nothing changes),
 * else 03 ILLEGAL DATA VALUE. Victron writes the EM24's application register this way.
 *
 * @module
 */

import { type ExceptionCode, ExceptionCode as Code, writeExceptionPdu } from "./exceptions.ts";
import { DIAGNOSTICS_RETURN_QUERY_DATA, MAX_PDU_LENGTH, type ModbusRequest } from "./pdu.ts";
import {
  writeDiagnosticsResponse,
  writeReadRegistersResponse,
  writeWriteMultipleRegistersResponse,
  writeWriteSingleRegisterResponse,
} from "./pdu_response.ts";
import { REGISTER_SPACE_SIZE, type RegisterImage } from "./register_image.ts";

/** Most registers one read may ask for (a 253-byte PDU holds 125). */
const MAX_READ_QUANTITY = 125;

/** Most registers one FC 16 write may carry. */
const MAX_WRITE_QUANTITY = 123;

/** How a transport's server handles requests. */
export interface HandleRequestOptions {
  /** Whether FC 06 / FC 16 writes are accepted on this transport (if not: exception 01). */
  readonly writesAllowed: boolean;
  /** Most registers per read; capped at 125. @default 125 */
  readonly maxReadQuantity?: number;
  /** Most registers per FC 16 write; capped at 123. @default 123 */
  readonly maxWriteQuantity?: number;
}

/**
 * A write the handler accepted as valid. The caller applies it (or refuses it with an exception
 * of its own) and then answers with {@linkcode writeAcceptedPdu}.
 */
export interface WriteIntent {
  readonly kind: "write";
  readonly space: "holding";
  readonly address: number;
  readonly values: Uint16Array;
  /** The function code of the write request: 06 or 16. */
  readonly fc: 0x06 | 0x10;
}

/** An exception answer: the exception code to send for the request's function code. */
export interface ExceptionOutcome {
  readonly kind: "exception";
  readonly code: ExceptionCode;
  /** Why, for traces and logs. */
  readonly reason: string;
}

/** No answer at all (a blocked read with `blocked: "silent"`). */
export interface NoReplyOutcome {
  readonly kind: "none";
  readonly reason: string;
}

/**
 * What {@linkcode handleRequestInto} returns. For `"reply"` the response PDU, and for
 * `"exception"` the exception PDU, is already in the caller's buffer.
 */
export type HandleIntoResult =
  | { readonly kind: "reply"; readonly length: number }
  | (ExceptionOutcome & { readonly length: number })
  | NoReplyOutcome
  | WriteIntent;

/** The outcome of the checks, before anything is written. */
type Checked =
  | {
    readonly kind: "read";
    readonly functionCode: number;
    readonly registers: Uint16Array;
    readonly address: number;
    readonly quantity: number;
  }
  | { readonly kind: "echo"; readonly subFunction: number; readonly data: Uint8Array }
  | { readonly kind: "sameValueWrite"; readonly intent: WriteIntent }
  | ExceptionOutcome
  | NoReplyOutcome
  | WriteIntent;

const exception = (code: ExceptionCode, reason: string): ExceptionOutcome => ({
  kind: "exception",
  code,
  reason,
});

function anyFlagged(mask: Uint8Array, address: number, quantity: number): boolean {
  const end = address + quantity;
  for (let i = address; i < end; i++) if (mask[i] === 1) return true;
  return false;
}

function allFlagged(mask: Uint8Array, address: number, quantity: number): boolean {
  const end = address + quantity;
  for (let i = address; i < end; i++) if (mask[i] !== 1) return false;
  return true;
}

/** Most registers one read may ask for under `options` (at most 125). */
export function maxReadQuantity(options: { readonly maxReadQuantity?: number }): number {
  return Math.min(options.maxReadQuantity ?? MAX_READ_QUANTITY, MAX_READ_QUANTITY);
}

/**
 * Why a read is not answered with its registers, or `"ok"`: the read rules in one place, for the
 * handler (which turns a fault into its exception) and for the transports' fast paths (which
 * answer only `"ok"` reads themselves). Allocates nothing.
 */
export type ReadFault = "ok" | "function" | "quantity" | "range" | "image" | "blocked";

/**
 * The {@linkcode ReadFault} of reading `quantity` registers from `address` of `space` (the space
 * the function code reads, null when the meter does not answer it).
 *
 * @example
 * ```ts
 * import { readFault } from "./handle_request.ts";
 * import { createRegisterImage } from "./register_image.ts";
 *
 * const image = createRegisterImage();
 * readFault(image, "input", 0, 2, 125); // "ok"
 * readFault(image, "input", 0, 126, 125); // "quantity"
 * readFault(image, null, 0, 2, 125); // "function"
 * ```
 */
export function readFault(
  image: RegisterImage,
  space: "input" | "holding" | null,
  address: number,
  quantity: number,
  maxRead: number,
): ReadFault {
  if (space === null) return "function";
  if (quantity < 1 || quantity > maxRead) return "quantity";
  if (address + quantity > REGISTER_SPACE_SIZE) return "range";
  const end = address + quantity;
  if (image[space].length < end || image.measured[space].length < end) return "image";
  if (image.blocked !== null && anyFlagged(image.measured[space], address, quantity)) {
    return "blocked";
  }
  return "ok";
}

function checkRead(
  functionCode: number,
  space: "input" | "holding" | null,
  address: number,
  quantity: number,
  image: RegisterImage,
  maxRead: number,
): Checked {
  const fault = readFault(image, space, address, quantity, maxRead);
  switch (fault) {
    case "ok":
      return { kind: "read", functionCode, registers: image[space!], address, quantity };
    case "function":
      return exception(
        Code.IllegalFunction,
        `Cannot read registers: the emulated meter does not answer function code ${functionCode}`,
      );
    case "quantity":
      return exception(
        Code.IllegalDataValue,
        `Cannot read registers: quantity out of range (expected 1..${maxRead}, got ${quantity})`,
      );
    case "range":
      return exception(
        Code.IllegalDataAddress,
        `Cannot read registers: range ends beyond 65535 (address ${address}, quantity ${quantity})`,
      );
    case "image":
      return exception(
        Code.ServerDeviceFailure,
        `Cannot read registers: the ${space} image does not cover the request (has ${
          image[space!].length
        })`,
      );
    case "blocked": {
      const reason = "Cannot read registers: measured values are blocked";
      return image.blocked === "exception"
        ? exception(Code.ServerDeviceFailure, reason)
        : { kind: "none", reason };
    }
    default: {
      const unreachable: never = fault;
      return unreachable;
    }
  }
}

const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * A write of registers a master writes as part of its protocol: accepted when every word is the
 * one the register holds, refused with 03 otherwise; null when the write covers other registers.
 */
function checkSameValueWrite(
  address: number,
  values: Uint16Array,
  fc: 0x06 | 0x10,
  image: RegisterImage,
): Checked | null {
  const quantity = values.length;
  if (address + quantity > REGISTER_SPACE_SIZE) return null;
  if (!allFlagged(image.echoWritable, address, quantity)) return null;
  for (let i = 0; i < quantity; i++) {
    const held = image.holding[address + i] ?? 0;
    if (values[i] !== held) {
      return exception(
        Code.IllegalDataValue,
        `Cannot write ${hex(address + i)}: the emulated meter keeps ${held} there (got ${
          values[i]
        })`,
      );
    }
  }
  return {
    kind: "sameValueWrite",
    intent: { kind: "write", space: "holding", address, values, fc },
  };
}

function checkWrite(
  address: number,
  values: Uint16Array,
  fc: 0x06 | 0x10,
  image: RegisterImage,
): Checked {
  const quantity = values.length;
  if (address + quantity > REGISTER_SPACE_SIZE) {
    return exception(
      Code.IllegalDataAddress,
      `Cannot write registers: range ends beyond 65535 (address ${address}, quantity ${quantity})`,
    );
  }
  if (!allFlagged(image.holdingWritable, address, quantity)) {
    return exception(
      Code.IllegalDataAddress,
      `Cannot write registers: not writable (address ${address}, quantity ${quantity})`,
    );
  }
  return { kind: "write", space: "holding", address, values, fc };
}

function check(
  request: ModbusRequest,
  image: RegisterImage,
  options: HandleRequestOptions,
): Checked {
  switch (request.type) {
    case "readHoldingRegisters":
    case "readInputRegisters": {
      const maxRead = maxReadQuantity(options);
      const space = request.type === "readHoldingRegisters"
        ? image.readSpaces.fc03
        : image.readSpaces.fc04;
      return checkRead(
        request.functionCode,
        space,
        request.address,
        request.quantity,
        image,
        maxRead,
      );
    }
    case "writeSingleRegister": {
      const values = Uint16Array.of(request.value);
      const same = checkSameValueWrite(request.address, values, 0x06, image);
      if (same !== null) return same;
      if (!options.writesAllowed) {
        return exception(Code.IllegalFunction, "Cannot write registers: writes are disabled");
      }
      return checkWrite(request.address, values, 0x06, image);
    }
    case "writeMultipleRegisters": {
      const maxWrite = Math.min(options.maxWriteQuantity ?? MAX_WRITE_QUANTITY, MAX_WRITE_QUANTITY);
      const { quantity, byteCount, data } = request;
      const wellFormed = quantity >= 1 && quantity <= maxWrite && byteCount === quantity * 2 &&
        data.length === byteCount;
      const values = new Uint16Array(wellFormed ? quantity : 0);
      for (let i = 0; i < values.length; i++) values[i] = (data[2 * i]! << 8) | data[2 * i + 1]!;
      const same = wellFormed ? checkSameValueWrite(request.address, values, 0x10, image) : null;
      if (same !== null) return same;
      if (!options.writesAllowed) {
        return exception(Code.IllegalFunction, "Cannot write registers: writes are disabled");
      }
      if (quantity < 1 || quantity > maxWrite) {
        return exception(
          Code.IllegalDataValue,
          `Cannot write registers: quantity out of range (expected 1..${maxWrite}, got ${quantity})`,
        );
      }
      if (!wellFormed) {
        return exception(
          Code.IllegalDataValue,
          `Cannot write registers: byte count does not match quantity (expected ${
            quantity * 2
          }, got ${byteCount})`,
        );
      }
      return checkWrite(request.address, values, 0x10, image);
    }
    case "diagnostics":
      if (request.subFunction !== DIAGNOSTICS_RETURN_QUERY_DATA) {
        return exception(
          Code.IllegalFunction,
          `Cannot run diagnostics: unsupported sub-function (got ${request.subFunction})`,
        );
      }
      return { kind: "echo", subFunction: request.subFunction, data: request.data };
    case "unsupported":
      return exception(
        Code.IllegalFunction,
        `Cannot handle request: unsupported function code (got ${request.functionCode})`,
      );
    default: {
      const unreachable: never = request;
      return exception(
        Code.ServerDeviceFailure,
        `Cannot handle request: unknown request (got ${String(unreachable)})`,
      );
    }
  }
}

/**
 * Handles `request` against `image` and writes the response PDU (normal or exception) into
 * `out` at `offset`, without allocating on the read path. Leave at least 253 bytes from
 * `offset`.
 *
 * @throws {RangeError} if `out` has fewer than 253 bytes from `offset`
 */
export function handleRequestInto(
  request: ModbusRequest,
  image: RegisterImage,
  options: HandleRequestOptions,
  out: Uint8Array,
  offset: number,
): HandleIntoResult {
  if (offset < 0 || out.length - offset < MAX_PDU_LENGTH) {
    throw new RangeError(
      `Cannot handle request: response buffer too small (need ${MAX_PDU_LENGTH} bytes from offset ${offset}, have ${
        out.length - offset
      })`,
    );
  }
  const checked = check(request, image, options);
  switch (checked.kind) {
    case "read": {
      const { functionCode, registers, address, quantity } = checked;
      const length = writeReadRegistersResponse(
        out,
        offset,
        functionCode,
        registers,
        address,
        quantity,
      );
      return { kind: "reply", length };
    }
    case "echo": {
      const length = writeDiagnosticsResponse(out, offset, checked.subFunction, checked.data);
      return { kind: "reply", length };
    }
    case "sameValueWrite":
      return { kind: "reply", length: writeAcceptedPdu(checked.intent, out, offset) };
    case "exception":
      return {
        ...checked,
        length: writeExceptionPdu(out, offset, request.functionCode, checked.code),
      };
    case "none":
    case "write":
      return checked;
    default: {
      const unreachable: never = checked;
      throw new TypeError(`Cannot handle request: unknown outcome (got ${String(unreachable)})`);
    }
  }
}

/**
 * Writes the normal response to an accepted write into `out` at `offset`: the FC 06 echo of
 * address and value, or the FC 16 start address and quantity.
 *
 * @returns the number of bytes written (always 5)
 */
export function writeAcceptedPdu(intent: WriteIntent, out: Uint8Array, offset: number): number {
  return intent.fc === 0x06
    ? writeWriteSingleRegisterResponse(out, offset, intent.address, intent.values[0] ?? 0)
    : writeWriteMultipleRegistersResponse(out, offset, intent.address, intent.values.length);
}
