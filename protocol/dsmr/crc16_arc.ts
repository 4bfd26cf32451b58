/**
 * CRC-16/ARC as used by DSMR 4+/e-MUCS telegrams: polynomial 0x8005 reflected (0xA001),
 * init 0, no final XOR, computed over the bytes from `/` up to and including `!`.
 *
 * @module
 */

// Slicing-by-4 tables: T0 is the classic byte table; Tk advances a byte through k more zero bytes.
const [T0, T1, T2, T3] = buildTables();

function buildTables(): [Int32Array, Int32Array, Int32Array, Int32Array] {
  const t0 = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t0[n] = c;
  }
  const next = (t: Int32Array): Int32Array => t.map((c) => (c >>> 8) ^ t0[c & 0xff]!);
  const t1 = next(t0);
  const t2 = next(t1);
  return [t0, t1, t2, next(t2)];
}

/**
 * Computes CRC-16/ARC over `bytes[start..end)` without copying.
 *
 * @example
 * ```ts
 * import { crc16Arc } from "./crc16_arc.ts";
 *
 * crc16Arc(new TextEncoder().encode("123456789")); // 0xBB3D
 * ```
 * @param bytes the buffer
 * @param start first byte included (default 0)
 * @param end index after the last byte included (default `bytes.length`)
 * @returns the CRC, 0…0xFFFF
 * @throws {RangeError} when `start`/`end` do not describe a range inside `bytes`
 */
export function crc16Arc(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  if (!(start >= 0 && end >= start && end <= bytes.length) || start % 1 || end % 1) {
    throw new RangeError(
      `Cannot compute CRC: range "${start}..${end}" is outside a buffer of ${bytes.length} bytes`,
    );
  }
  let crc = 0;
  let i = start;
  for (const last = end - 4; i <= last; i += 4) {
    const x = crc ^ bytes[i]! ^ (bytes[i + 1]! << 8);
    crc = T3[x & 0xff]! ^ T2[x >>> 8]! ^ T1[bytes[i + 2]!]! ^ T0[bytes[i + 3]!]!;
  }
  for (; i < end; i++) crc = (crc >>> 8) ^ T0[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Formats a CRC as the telegram footer shows it: 4 upper-case hex digits (`0x2a3` → `"02A3"`). */
export function formatCrc(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, "0");
}
