/**
 * The Modbus TCP application data unit (MODBUS Messaging on TCP/IP Implementation Guide V1.0b):
 * a 7-byte MBAP header (transaction identifier, protocol identifier 0, length of the bytes that
 * follow, unit identifier) and the PDU. At most 260 bytes.
 *
 * @module
 */

import { MAX_PDU_LENGTH } from "./pdu.ts";

/** Bytes in the MBAP header; the PDU starts here. */
export const MBAP_HEADER_LENGTH = 7;

/** Largest value of the length field: unit identifier + 253-byte PDU. */
const MBAP_MAX_LENGTH_FIELD = 1 + MAX_PDU_LENGTH;

/** A complete frame located by {@linkcode decodeMbapFrame}; offsets index the decoded buffer. */
export interface MbapFrame {
  readonly kind: "frame";
  readonly transactionId: number;
  readonly unitId: number;
  /** Index of the PDU's first byte (the function code). */
  readonly pduStart: number;
  /** Index just past the PDU (and past the frame). */
  readonly pduEnd: number;
  /** Bytes the frame occupies, header included: consume this many. */
  readonly frameLength: number;
}

/**
 * What {@linkcode decodeMbapFrame} finds at the start of a stream buffer: not enough bytes yet,
 * one frame, or a header no Modbus client sends (the caller closes that connection only).
 */
export type MbapDecodeResult =
  | { readonly kind: "needMore" }
  | MbapFrame
  | { readonly kind: "malformed"; readonly reason: string };

const NEED_MORE: MbapDecodeResult = Object.freeze({ kind: "needMore" });

/** {@linkcode mbapFrameLength}: not enough bytes yet for a frame. */
export const MBAP_NEED_MORE = 0;

/** {@linkcode mbapFrameLength}: a header no Modbus client sends ({@linkcode decodeMbapFrame} says why). */
export const MBAP_MALFORMED = -1;

/**
 * The length of the MBAP frame at `bytes[start..end)` (header included: consume this many), or
 * {@linkcode MBAP_NEED_MORE}, or {@linkcode MBAP_MALFORMED} as soon as a bad header field has
 * arrived. The per-request step of a TCP server: no object, no allocation; the transaction id
 * is `bytes[start..start + 2)`, the unit id `bytes[start + 6]`, the PDU starts at
 * `start + MBAP_HEADER_LENGTH`.
 *
 * @example
 * ```ts
 * import { MBAP_NEED_MORE, mbapFrameLength } from "./mbap.ts";
 *
 * const buf = Uint8Array.of(0, 9, 0, 0, 0, 6, 2, 0x04, 0x00, 0x00, 0x00, 0x02);
 * if (mbapFrameLength(buf, 0, 12) !== 12) throw new Error("expected one 12-byte frame");
 * if (mbapFrameLength(buf, 0, 11) !== MBAP_NEED_MORE) throw new Error("expected need more");
 * ```
 */
export function mbapFrameLength(bytes: Uint8Array, start: number, end: number): number {
  const available = Math.min(end, bytes.length) - start;
  if (available >= 4 && (bytes[start + 2] !== 0 || bytes[start + 3] !== 0)) return MBAP_MALFORMED;
  if (available < 6) return MBAP_NEED_MORE;
  const length = (bytes[start + 4]! << 8) | bytes[start + 5]!;
  if (length < 2 || length > MBAP_MAX_LENGTH_FIELD) return MBAP_MALFORMED;
  return available < 6 + length ? MBAP_NEED_MORE : 6 + length;
}

/** Why the header at `bytes[start..)` is malformed (after {@linkcode mbapFrameLength} said so). */
function malformedReason(bytes: Uint8Array, start: number): string {
  const protocolId = (bytes[start + 2]! << 8) | bytes[start + 3]!;
  if (protocolId !== 0) {
    return `Cannot decode MBAP header: protocol identifier is not 0 (got ${protocolId})`;
  }
  const length = (bytes[start + 4]! << 8) | bytes[start + 5]!;
  return `Cannot decode MBAP header: length out of range (expected 2..${MBAP_MAX_LENGTH_FIELD}, got ${length})`;
}

/**
 * Looks for one MBAP frame at `bytes[start..end)`, the unread part of a TCP stream buffer. A bad
 * header is reported as soon as its field has arrived. Never throws, never copies. The same
 * rules as {@linkcode mbapFrameLength}, with the frame's fields and the reason spelled out.
 *
 * @example
 * ```ts
 * import { decodeMbapFrame } from "./mbap.ts";
 * import { decodeRequest } from "./pdu.ts";
 *
 * // The stream buffer holds one request (FC 03, 2 registers at 0x0014) and half of the next.
 * const buf = new Uint8Array(1024);
 * buf.set([0, 9, 0, 0, 0, 6, 2, 0x03, 0x00, 0x14, 0x00, 0x02, 0, 10, 0]);
 * const filled = 15;
 * const r = decodeMbapFrame(buf, 0, filled);
 * if (r.kind !== "frame") throw new Error("unexpected");
 * const d = decodeRequest(buf, r.pduStart, r.pduEnd);
 * // { kind: "request",
 * //   request: { type: "readHoldingRegisters", functionCode: 3, address: 20, quantity: 2 } }
 * if (d.kind !== "request" || d.request.type !== "readHoldingRegisters") {
 *   throw new Error("unexpected");
 * }
 * const next = decodeMbapFrame(buf, r.frameLength, filled); // { kind: "needMore" }
 * if (next.kind !== "needMore") throw new Error("unexpected");
 * ```
 */
export function decodeMbapFrame(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
): MbapDecodeResult {
  const frameLength = mbapFrameLength(bytes, start, end);
  if (frameLength === MBAP_NEED_MORE) return NEED_MORE;
  if (frameLength === MBAP_MALFORMED) {
    return { kind: "malformed", reason: malformedReason(bytes, start) };
  }
  return {
    kind: "frame",
    transactionId: (bytes[start]! << 8) | bytes[start + 1]!,
    unitId: bytes[start + 6]!,
    pduStart: start + MBAP_HEADER_LENGTH,
    pduEnd: start + frameLength,
    frameLength,
  };
}

/**
 * Writes the MBAP header for a PDU the caller already put at `out[7..7 + pduLength)`.
 *
 * @returns the ADU length (`7 + pduLength`)
 * @throws {RangeError} if the PDU length is out of range
 */
export function sealMbapAdu(
  out: Uint8Array,
  transactionId: number,
  unitId: number,
  pduLength: number,
): number {
  if (pduLength < 1 || pduLength > MAX_PDU_LENGTH) {
    throw new RangeError(`Cannot encode MBAP frame: PDU length out of range (got ${pduLength})`);
  }
  const length = pduLength + 1;
  out[0] = (transactionId >>> 8) & 0xff;
  out[1] = transactionId & 0xff;
  out[2] = 0;
  out[3] = 0;
  out[4] = length >>> 8;
  out[5] = length & 0xff;
  out[6] = unitId & 0xff;
  return MBAP_HEADER_LENGTH + pduLength;
}
