/**
 * RTU character timing (MODBUS over Serial Line V1.02, 2.5.1 and 2.5.1.1). A character is 11
 * bits as the specification counts it: start, 8 data bits, parity (or, without parity, a second
 * stop bit) and stop. Frames are separated by at least 3.5 character times (t3.5); a gap of more
 * than 1.5 character times (t1.5) inside a frame makes it incomplete. Above 19200 baud the
 * specification recommends fixed values: 750 µs for t1.5 and 1750 µs for t3.5.
 *
 * @module
 */

/** Parity of a serial character. */
export type Parity = "none" | "even" | "odd";

/** How a character is framed on the line (8 data bits are implied: RTU is 8-bit). */
export interface SerialCharacterFormat {
  /** Parity bit, or none. @default "even" (the specification's default) */
  readonly parity?: Parity;
  /** Stop bits. @default 1 */
  readonly stopBits?: 1 | 2;
}

/** Character time and the two RTU timers, in microseconds (rounded up). */
export interface RtuTiming {
  /** Bits counted per character (at least 11, as the specification counts). */
  readonly bitsPerCharacter: number;
  /** Time to send one character. */
  readonly characterUs: number;
  /** Inter-character time-out t1.5. */
  readonly t15Us: number;
  /** Inter-frame delay t3.5. */
  readonly t35Us: number;
}

/** Highest baud rate at which the timers follow the character time. */
const RTU_TIMING_FIXED_ABOVE_BAUD = 19200;

/** t1.5 recommended above 19200 baud. */
const RTU_FIXED_T15_US = 750;

/** t3.5 recommended above 19200 baud. */
const RTU_FIXED_T35_US = 1750;

/**
 * Computes the RTU timing for a baud rate and character format.
 *
 * A line set to 8N1 sends 10 bits per character; the specification counts 11 (it requires a
 * second stop bit without parity), and so does this function: it never counts fewer than 11
 * bits, which makes the timers slightly longer (more tolerant) on 8N1 lines.
 *
 * @throws {RangeError} if `baudRate` is not a positive finite number
 *
 * @example
 * ```ts
 * import { rtuTiming } from "./rtu_timing.ts";
 *
 * rtuTiming(9600); // { bitsPerCharacter: 11, characterUs: 1146, t15Us: 1719, t35Us: 4011 }
 * ```
 */
export function rtuTiming(baudRate: number, format: SerialCharacterFormat = {}): RtuTiming {
  if (!Number.isFinite(baudRate) || baudRate <= 0) {
    throw new RangeError(`Cannot compute RTU timing: invalid baud rate (got ${baudRate})`);
  }
  const parity = format.parity ?? "even";
  const stopBits = format.stopBits ?? 1;
  const lineBits = 1 + 8 + (parity === "none" ? 0 : 1) + stopBits;
  const bitsPerCharacter = Math.max(11, lineBits);
  const exactCharacterUs = (bitsPerCharacter * 1_000_000) / baudRate;
  const fixed = baudRate > RTU_TIMING_FIXED_ABOVE_BAUD;
  return {
    bitsPerCharacter,
    characterUs: Math.ceil(exactCharacterUs),
    t15Us: fixed ? RTU_FIXED_T15_US : Math.ceil(exactCharacterUs * 1.5),
    t35Us: fixed ? RTU_FIXED_T35_US : Math.ceil(exactCharacterUs * 3.5),
  };
}
