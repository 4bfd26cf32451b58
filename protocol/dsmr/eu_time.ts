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
