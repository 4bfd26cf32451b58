/**
 * Central European civil time as Belgian and Dutch meters keep it: UTC+1 in winter ("W"),
 * UTC+2 in summer ("S"), summer time from the last Sunday of March to the last Sunday of
 * October, switching at 01:00 UTC (EU rule since 1996). Pure arithmetic, no time-zone database.
 *
 * @module
 */

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1…12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** A proleptic Gregorian date: year, month 1…12, day 1…31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The date `days` days after 1970-01-01 (negative before it; a whole number within `Date`'s
 * ±100 million days): the inverse of {@linkcode daysFromCivil}, by arithmetic alone (no `Date`).
 *
 * @example
 * ```ts
 * import { civilFromDays, daysFromCivil } from "./eu_time.ts";
 *
 * const date = civilFromDays(daysFromCivil(2024, 2, 29));
 * if (date.year !== 2024 || date.month !== 2 || date.day !== 29) throw new Error("unexpected");
 * ```
 */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  // From here on every quantity is a small non-negative integer: `| 0` truncates.
  const doe = z - era * 146_097; // day of the 400-year era, 0…146096
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) |
    0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0)); // from 1 March
  const mp = ((5 * doy + 2) / 153) | 0;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: doy - (((153 * mp + 2) / 5) | 0) + 1,
  };
}

/** Number of days in a month (month 1…12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch ms of 01:00 UTC on the last Sunday of a month (month 1…12). */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = daysFromCivil(year, month, daysInMonth(year, month));
  const weekday = (lastDay + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  return (lastDay - weekday) * MS_PER_DAY + MS_PER_HOUR;
}

/** True when EU summer time is in force at the instant. */
function isEuSummerTime(epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  return epochMs >= lastSundayAt1Utc(year, 3) && epochMs < lastSundayAt1Utc(year, 10);
}

/** Offset of Central European time from UTC at the instant, in minutes: 60 (W) or 120 (S). */
export function centralEuropeanOffsetMinutes(epochMs: number): 60 | 120 {
  return isEuSummerTime(epochMs) ? 120 : 60;
}

/**
 * The offset that a Central European wall-clock time had, or `null` when the wall time is
 * ambiguous (the repeated hour in October) or does not exist (the skipped hour in March).
 *
 * @param localAsUtcMs the wall-clock time encoded as if it were UTC (`Date.UTC(y, m, d, h, mi, s)`)
 */
export function centralEuropeanOffsetOfLocal(localAsUtcMs: number): 60 | 120 | null {
  const winter = centralEuropeanOffsetMinutes(localAsUtcMs - 60 * 60_000) === 60;
  const summer = centralEuropeanOffsetMinutes(localAsUtcMs - 120 * 60_000) === 120;
  if (winter === summer) return null;
  return winter ? 60 : 120;
}
