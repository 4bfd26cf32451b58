/**
 * Encoding of the kernel's `struct serial_rs485` for `TIOCSRS485`. Pure: no I/O.
 *
 * @module
 */

import {
  SER_RS485_ENABLED,
  SER_RS485_RTS_AFTER_SEND,
  SER_RS485_RTS_ON_SEND,
  SER_RS485_RX_DURING_TX,
  SERIAL_RS485_SIZE,
} from "./_linux.ts";
import type { Rs485Options } from "./serial_port.ts";

/** Largest accepted RTS delay in milliseconds (the kernel clamps to less anyway). */
export const MAX_RS485_DELAY_MS = 1000;

function checkDelay(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_RS485_DELAY_MS) {
    throw new RangeError(
      `Unsupported RS485 ${name}: "${
        String(value)
      }" (expected an integer from 0 to ${MAX_RS485_DELAY_MS} ms)`,
    );
  }
  return value;
}

/**
 * The 32 bytes of `struct serial_rs485` (flags, delay before send, delay after send, padding)
 * for the given options, in native byte order.
 *
 * @throws {RangeError} for a delay that is not an integer from 0 to 1000 ms.
 */
export function encodeRs485(options: Rs485Options): Uint8Array<ArrayBuffer> {
  const {
    enabled,
    rtsOnSend = true,
    rtsAfterSend = false,
    rxDuringTx = false,
    delayBeforeSendMs = 0,
    delayAfterSendMs = 0,
  } = options;
  let flags = 0;
  if (enabled) flags |= SER_RS485_ENABLED;
  if (rtsOnSend) flags |= SER_RS485_RTS_ON_SEND;
  if (rtsAfterSend) flags |= SER_RS485_RTS_AFTER_SEND;
  if (rxDuringTx) flags |= SER_RS485_RX_DURING_TX;
  const words = new Uint32Array(SERIAL_RS485_SIZE / 4);
  words[0] = flags;
  words[1] = checkDelay("delay before send", delayBeforeSendMs);
  words[2] = checkDelay("delay after send", delayAfterSendMs);
  return new Uint8Array(words.buffer);
}
