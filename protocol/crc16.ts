/**
 * The table-driven CRC-16 shared by both protocols: polynomial 0x8005 reflected (0xA001), bytes
 * taken LSB first, no final XOR. CRC-16/ARC (DSMR telegrams, register preset 0x0000) and
 * CRC-16/MODBUS (RTU frames, preset 0xFFFF) differ only in the preset, so both are
 * {@linkcode crc16Update} from their own start value.
 *
 * One table set, built once when the module loads, read four bytes per step (slicing by 4);
 * the bytes left over go one at a time through the classic byte table.
 *
 * @module
 */

/** Slicing-by-4 tables: T0 is the classic byte table; Tk advances a byte through k more zero bytes. */
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
 * Runs the CRC register `crc` (16 bits) over `bytes[start..end)` and returns the new register.
 * No range check: the callers own that (a range outside `bytes` gives a wrong value, never a
 * throw).
 *
 * @example
 * ```ts
 * import { crc16Update } from "./crc16.ts";
 *
 * const check = new TextEncoder().encode("123456789");
 * if (crc16Update(0x0000, check, 0, check.length) !== 0xbb3d) throw new Error("ARC");
 * if (crc16Update(0xffff, check, 0, check.length) !== 0x4b37) throw new Error("MODBUS");
 * ```
 */
export function crc16Update(crc: number, bytes: Uint8Array, start: number, end: number): number {
  let c = crc & 0xffff;
  let i = start;
  for (const last = end - 4; i <= last; i += 4) {
    const x = c ^ bytes[i]! ^ (bytes[i + 1]! << 8);
    c = T3[x & 0xff]! ^ T2[x >>> 8]! ^ T1[bytes[i + 2]!]! ^ T0[bytes[i + 3]!]!;
  }
  for (; i < end; i++) c = (c >>> 8) ^ T0[(c ^ bytes[i]!) & 0xff]!;
  return c;
}
