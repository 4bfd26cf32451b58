/**
 * Text formats the simulated meter writes: fixed-width decimals from integer mantissas,
 * `YYMMDDhhmmssX` timestamps in Central European time, hex-encoded strings.
 *
 * @module
 */

import {
  centralEuropeanOffsetMinutes,
  centralEuropeanOffsetOfLocal,
  daysFromCivil,
} from "./eu_time.ts";

/**
 * Formats `mantissa / 10^decimals` with `intDigits` zero-padded integer digits,
 * e.g. `fixed(153, 2, 3)` → `"00.153"`.
 */
export function fixed(mantissa: number, intDigits: number, decimals: number): string {
  const m = Math.max(0, Math.floor(mantissa));
  const scale = 10 ** decimals;
  const int = `${Math.floor(m / scale)}`.padStart(intDigits, "0");
  return decimals === 0 ? int : `${int}.${`${m % scale}`.padStart(decimals, "0")}`;
}

/** Local calendar fields of an instant in Central European time. */
export interface LocalTime {
  readonly year: number;
  readonly month: number; // 1…12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number; // 0 = Sunday
  readonly offsetMinutes: 60 | 120;
}

/** The Central European wall-clock time of an instant. */
export function localTime(epochMs: number): LocalTime {
  const offsetMinutes = centralEuropeanOffsetMinutes(epochMs);
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    offsetMinutes,
  };
}

/** Epoch ms of 00:00 local time on the first day of a month (month 1…12). */
export function localMonthStart(year: number, month: number): number {
  const localAsUtc = daysFromCivil(year, month, 1) * 86_400_000;
  return localAsUtc - (centralEuropeanOffsetOfLocal(localAsUtc) ?? 60) * 60_000;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** `YYMMDDhhmmssX` for an instant (X = S in summer time, W in winter time). */
export function tst(epochMs: number): string {
  const t = localTime(epochMs);
  return `${two(t.year % 100)}${two(t.month)}${two(t.day)}${two(t.hour)}${two(t.minute)}${
    two(t.second)
  }${t.offsetMinutes === 120 ? "S" : "W"}`;
}

/** Hex-encodes ASCII text, upper case (`"1SAG"` → `"31534147"`). */
export function hexEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    out += text.charCodeAt(i).toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}
