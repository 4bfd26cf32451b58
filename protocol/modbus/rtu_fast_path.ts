/**
 * The RTU slave's fast path: a chunk that is exactly one read request (FC 03 or FC 04) for this
 * address, with a good CRC, while nothing else is pending, is by far the most common thing on a
 * bus. Recognising it directly skips the framer's search (and its copy of the frame), which
 * matters on the latency path: a request arrives after the thread slept, with cold caches.
 * Everything else goes through the framer (`rtu_framer.ts`).
 *
 * @module
 */
import { hasValidCrc16Modbus } from "./crc16_modbus.ts";
import type { ReadHoldingRegistersRequest, ReadInputRegistersRequest } from "./pdu.ts";

/** Length of an RTU read request: address, function code, start, quantity, CRC. */
export const RTU_READ_REQUEST_LENGTH = 8;

/**
 * The read request `bytes` holds exactly (8 bytes: FC 03 or 04 for `address`, CRC good), or
 * null for anything else, which the caller hands to the framer. Start and quantity are not
 * judged here: the request handler answers a bad quantity with exception 03, as for a framed
 * request.
 *
 * @example
 * ```ts
 * import { exactReadRequest } from "./rtu_fast_path.ts";
 * import { appendCrc16Modbus } from "./crc16_modbus.ts";
 *
 * const frame = new Uint8Array(8);
 * frame.set([0x02, 0x03, 0xfc, 0x02, 0x00, 0x01]);
 * appendCrc16Modbus(frame, 0, 6);
 * exactReadRequest(frame, 2);
 * // { type: "readHoldingRegisters", functionCode: 3, address: 64514, quantity: 1 }
 * exactReadRequest(frame, 3); // null: another slave's request
 * ```
 */
export function exactReadRequest(
  bytes: Uint8Array,
  address: number,
): ReadHoldingRegistersRequest | ReadInputRegistersRequest | null {
  if (bytes.length !== RTU_READ_REQUEST_LENGTH || bytes[0] !== address) return null;
  const fc = bytes[1];
  if (fc !== 0x03 && fc !== 0x04) return null;
  if (!hasValidCrc16Modbus(bytes, 0, RTU_READ_REQUEST_LENGTH)) return null;
  const start = (bytes[2]! << 8) | bytes[3]!;
  const quantity = (bytes[4]! << 8) | bytes[5]!;
  return fc === 0x03
    ? { type: "readHoldingRegisters", functionCode: 0x03, address: start, quantity }
    : { type: "readInputRegisters", functionCode: 0x04, address: start, quantity };
}
