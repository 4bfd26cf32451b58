/**
 * The Modbus TCP server's fast path: a read request (FC 03 or FC 04) that the image answers with
 * its registers is by far the most common frame a TCP server sees, tens of thousands a second
 * under load. Answering it straight from the request bytes skips the decoded request, the
 * handler's outcome objects and the result objects: no allocation per request. Anything else
 * (every exception, a blocked read, writes, diagnostics) is left to the general way,
 * `decodeRequest` then `respondTcp`, which answers it exactly as before; for the requests this
 * path does answer, it writes the same bytes the general way would.
 *
 * @module
 */
import { type HandleRequestOptions, maxReadQuantity, readFault } from "./handle_request.ts";
import { MBAP_HEADER_LENGTH } from "./mbap.ts";
import { FunctionCode } from "./pdu.ts";
import { writeReadRegistersResponse } from "./pdu_response.ts";
import type { RegisterImage } from "./register_image.ts";

/** Bytes of a read request frame: MBAP header, function code, start, quantity. */
const READ_FRAME_LENGTH = MBAP_HEADER_LENGTH + 5;

/** What the fast path needs of a transport's handling options. */
export type TcpReadOptions = Pick<HandleRequestOptions, "maxReadQuantity">;

/**
 * Answers the MBAP frame `bytes[frame..frame + frameLength)` when it is a read the image answers
 * normally: writes the whole response frame (transaction and unit id copied from the request)
 * into `out` at `offset` and returns its length. Returns 0, having written nothing, for any
 * other frame: the caller then takes the general way. The caller has checked the header
 * (`mbapFrameLength`) and that the unit id is its own; `out` has 260 bytes from `offset`.
 *
 * @example
 * ```ts
 * import { answerTcpRead } from "./tcp_read_fast_path.ts";
 * import { createRegisterImage } from "./register_image.ts";
 *
 * const image = createRegisterImage();
 * image.input[0] = 0x4366; // 230.2 V as a float, high word first
 * image.input[1] = 0x3334;
 * const request = Uint8Array.of(0, 9, 0, 0, 0, 6, 2, 0x04, 0x00, 0x00, 0x00, 0x02);
 * const out = new Uint8Array(260);
 * const length = answerTcpRead(request, 0, 12, image, {}, out, 0);
 * // 00 09 00 00 00 07 02 04 04 43 66 33 34
 * if (out.subarray(0, length).join(" ") !== "0 9 0 0 0 7 2 4 4 67 102 51 52") {
 *   throw new Error(`${out.subarray(0, length)}`);
 * }
 * const write = Uint8Array.of(0, 10, 0, 0, 0, 6, 2, 0x06, 0x00, 0x00, 0x00, 0x01);
 * if (answerTcpRead(write, 0, 12, image, {}, out, 0) !== 0) throw new Error("not a read");
 * ```
 */
export function answerTcpRead(
  bytes: Uint8Array,
  frame: number,
  frameLength: number,
  image: RegisterImage,
  options: TcpReadOptions,
  out: Uint8Array,
  offset: number,
): number {
  if (frameLength !== READ_FRAME_LENGTH) return 0;
  const pdu = frame + MBAP_HEADER_LENGTH;
  const functionCode = bytes[pdu];
  let space: "input" | "holding" | null;
  if (functionCode === FunctionCode.ReadHoldingRegisters) space = image.readSpaces.fc03;
  else if (functionCode === FunctionCode.ReadInputRegisters) space = image.readSpaces.fc04;
  else return 0;
  const address = (bytes[pdu + 1]! << 8) | bytes[pdu + 2]!;
  const quantity = (bytes[pdu + 3]! << 8) | bytes[pdu + 4]!;
  if (readFault(image, space, address, quantity, maxReadQuantity(options)) !== "ok") return 0;
  const pduLength = writeReadRegistersResponse(
    out,
    offset + MBAP_HEADER_LENGTH,
    functionCode,
    image[space!],
    address,
    quantity,
  );
  const length = pduLength + 1;
  out[offset] = bytes[frame]!;
  out[offset + 1] = bytes[frame + 1]!;
  out[offset + 2] = 0;
  out[offset + 3] = 0;
  out[offset + 4] = length >>> 8;
  out[offset + 5] = length & 0xff;
  out[offset + 6] = bytes[frame + 6]!;
  return MBAP_HEADER_LENGTH + pduLength;
}
