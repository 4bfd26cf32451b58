/**
 * Value-level parsing shared by the decoder: decimal numbers, units, hex-encoded strings
 * and `YYMMDDhhmmssX` timestamps. Every function validates the text first and returns
 * `undefined`/`null` instead of throwing.
 *
 * @module
 */

import { centralEuropeanOffsetOfLocal, daysFromCivil, daysInMonth } from "./eu_time.ts";
import type { Instant, NumberValue } from "./reading.ts";

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Parses `[-]digits[.digits]` in `s[from..to)`; leading zeros are plain decimal.
 * Returns NaN when the text is not such a number.
 */
export function parseDecimal(s: string, from: number, to: number): number {
  let i = from;
  let negative = false;
  if (i < to && s.charCodeAt(i) === 0x2d) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 0x2e && decimals < 0 && digits > 0) {
      decimals = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || decimals === 0) return NaN;
  let value: number;
  if (digits <= 15) {
    // An exact integer divided by an exact power of ten is correctly rounded: the same
    // double as the decimal literal.
    value = decimals > 0 ? mantissa / POW10[decimals]! : mantissa;
  } else {
    value = Number(s.slice(negative ? from + 1 : from, to));
  }
  return negative ? -value : value;
}

/** True for a unit as meters write it: 1…8 letters or digits (`kWh`, `m3`, `s`). */
export function isUnit(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n < 1 || n > 8) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return true;
}

/** Parses `value[*unit]` into a number value; `undefined` when invalid. */
export function parseNumberUnit(g: string): NumberValue | undefined {
  const star = g.indexOf("*");
  if (star < 0) {
    const value = parseDecimal(g, 0, g.length);
    return Number.isNaN(value) ? undefined : { kind: "number", value, unit: null };
  }
  if (!isUnit(g, star + 1, g.length)) return undefined;
  const value = parseDecimal(g, 0, star);
  return Number.isNaN(value) ? undefined : { kind: "number", value, unit: g.slice(star + 1) };
}

function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/**
 * Decodes a hex-encoded octet string to text when every byte is printable ASCII (or TAB,
 * CR, LF); `null` when the text is not even-length hex or decodes to other bytes.
 */
export function decodeHexText(g: string): string | null {
  const n = g.length;
  if (n % 2 !== 0) return null;
  let out = "";
  for (let i = 0; i < n; i += 2) {
    const hi = hexNibble(g.charCodeAt(i));
    const lo = hexNibble(g.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return null;
    const b = (hi << 4) | lo;
    if (!((b >= 0x20 && b <= 0x7e) || b === 0x09 || b === 0x0a || b === 0x0d)) return null;
    out += String.fromCharCode(b);
  }
  return out;
}

function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 0x30;
  const b = s.charCodeAt(at + 1) - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/**
 * Parses a DSMR timestamp `YYMMDDhhmmssX` (X = `S` summer, UTC+2; `W` winter, UTC+1) into an
 * instant that keeps its offset. A 12-digit DSMR 2.2/3 timestamp without X is resolved with
 * the Central European rules. Returns `null` for placeholders (`632525252525W`), invalid
 * dates and ambiguous local times; never throws.
 */
export function parseTst(g: string): Instant | null {
  const n = g.length;
  if (n !== 12 && n !== 13) return null;
  const yy = twoDigits(g, 0);
  const mo = twoDigits(g, 2);
  const dd = twoDigits(g, 4);
  const hh = twoDigits(g, 6);
  const mi = twoDigits(g, 8);
  const ss = twoDigits(g, 10);
  if (yy < 0 || mo < 1 || mo > 12 || dd < 1 || hh < 0 || hh > 23 || mi < 0 || mi > 59) {
    return null;
  }
  if (ss < 0 || ss > 59) return null;
  const year = 2000 + yy;
  if (dd > daysInMonth(year, mo)) return null;
  const localAsUtc = daysFromCivil(year, mo, dd) * 86_400_000 + hh * 3_600_000 + mi * 60_000 +
    ss * 1000;
  let offsetMinutes: number | null;
  if (n === 13) {
    const x = g.charCodeAt(12) | 0x20;
    offsetMinutes = x === 0x73 ? 120 : x === 0x77 ? 60 : null; // s / w
  } else {
    offsetMinutes = centralEuropeanOffsetOfLocal(localAsUtc);
  }
  if (offsetMinutes === null) return null;
  return { epochMs: localAsUtc - offsetMinutes * 60_000, offsetMinutes };
}
