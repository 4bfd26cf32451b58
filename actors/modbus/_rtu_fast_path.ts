/**
 * The RTU slave's fast path: a chunk that is exactly one read request (FC 03 or FC 04) for this
 * address, with a good CRC, while nothing else is pending, is by far the most common thing on a
 * bus. Recognising it directly skips the framer's search (and its copy of the frame), which
 * matters on the latency path: a request arrives after the thread slept, with cold caches.
 * Everything else goes through the framer.
 *
 * @module
 */
import {
  hasValidCrc16Modbus,
  type ReadHoldingRegistersRequest,
  type ReadInputRegistersRequest,
} from "../../protocol/modbus/mod.ts";

/** Length of an RTU read request: address, function code, start, quantity, CRC. */
const READ_REQUEST_LENGTH = 8;

/** The read request `bytes` holds exactly, for `address`, or null. */
export function exactReadRequest(
  bytes: Uint8Array,
  address: number,
): ReadHoldingRegistersRequest | ReadInputRegistersRequest | null {
  if (bytes.length !== READ_REQUEST_LENGTH || bytes[0] !== address) return null;
  const fc = bytes[1];
  if (fc !== 0x03 && fc !== 0x04) return null;
  if (!hasValidCrc16Modbus(bytes, 0, READ_REQUEST_LENGTH)) return null;
  const start = (bytes[2]! << 8) | bytes[3]!;
  const quantity = (bytes[4]! << 8) | bytes[5]!;
  return fc === 0x03
    ? { type: "readHoldingRegisters", functionCode: 0x03, address: start, quantity }
    : { type: "readInputRegisters", functionCode: 0x04, address: start, quantity };
}
