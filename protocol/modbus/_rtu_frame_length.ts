/**
 * RTU frame lengths predicted from the function code and the byte counts, the way a receiver
 * finds frames without relying on timing (Application Protocol V1.1b3, section 6, request and
 * response layouts; each ADU adds the address byte and two CRC bytes to the PDU).
 *
 * @module
 */

/** The function code has no length rule here. */
export const LENGTH_UNKNOWN = -1;

/** The byte-count field that decides the length has not arrived yet. */
export const LENGTH_NEED_MORE = -2;

/** The byte at `at`, or NEED_MORE when it is not buffered yet (signalled as -1). */
function byteAt(buf: Uint8Array, at: number, end: number): number {
  return at < end ? buf[at]! : -1;
}

/**
 * Length of the request ADU that starts at `buf[p]`, from the bytes buffered up to `end`.
 * Returns {@linkcode LENGTH_UNKNOWN} or {@linkcode LENGTH_NEED_MORE} when it cannot tell.
 */
export function requestAduLength(buf: Uint8Array, p: number, end: number): number {
  const fc = byteAt(buf, p + 1, end);
  switch (fc) {
    case -1:
      return LENGTH_NEED_MORE;
    case 0x01: // read coils
    case 0x02: // read discrete inputs
    case 0x03: // read holding registers
    case 0x04: // read input registers
    case 0x05: // write single coil
    case 0x06: // write single register
    case 0x08: // diagnostics, one data word (the common case; other lengths end at silence)
      return 8;
    case 0x07: // read exception status
    case 0x0b: // get comm event counter
    case 0x0c: // get comm event log
    case 0x11: // report server id
      return 4;
    case 0x0f: // write multiple coils: address, quantity, byte count at PDU offset 5
    case 0x10: { // write multiple registers: same layout
      const byteCount = byteAt(buf, p + 6, end);
      return byteCount < 0 ? LENGTH_NEED_MORE : 9 + byteCount;
    }
    case 0x14: // read file record: byte count right after the function code
    case 0x15: { // write file record
      const byteCount = byteAt(buf, p + 2, end);
      return byteCount < 0 ? LENGTH_NEED_MORE : 5 + byteCount;
    }
    case 0x16: // mask write register
      return 10;
    case 0x17: { // read/write multiple registers: write byte count at PDU offset 9
      const byteCount = byteAt(buf, p + 10, end);
      return byteCount < 0 ? LENGTH_NEED_MORE : 13 + byteCount;
    }
    case 0x18: // read FIFO queue
      return 6;
    default:
      return LENGTH_UNKNOWN;
  }
}

/**
 * Length of the response ADU that starts at `buf[p]`, from the bytes buffered up to `end`.
 * Returns {@linkcode LENGTH_UNKNOWN} or {@linkcode LENGTH_NEED_MORE} when it cannot tell.
 */
export function responseAduLength(buf: Uint8Array, p: number, end: number): number {
  const fc = byteAt(buf, p + 1, end);
  if (fc === -1) return LENGTH_NEED_MORE;
  if (fc > 0x80) return 5; // exception: function code | 0x80, exception code
  switch (fc) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x0c:
    case 0x11:
    case 0x14:
    case 0x15:
    case 0x17: { // byte count right after the function code
      const byteCount = byteAt(buf, p + 2, end);
      return byteCount < 0 ? LENGTH_NEED_MORE : 5 + byteCount;
    }
    case 0x05:
    case 0x06:
    case 0x08:
    case 0x0b:
    case 0x0f:
    case 0x10:
      return 8;
    case 0x07:
      return 5;
    case 0x16:
      return 10;
    case 0x18: { // two-byte byte count
      const high = byteAt(buf, p + 2, end);
      const low = byteAt(buf, p + 3, end);
      return high < 0 || low < 0 ? LENGTH_NEED_MORE : 6 + ((high << 8) | low);
    }
    default:
      return LENGTH_UNKNOWN;
  }
}
