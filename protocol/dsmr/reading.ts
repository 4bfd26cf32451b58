/**
 * The typed result of decoding one P1 telegram: {@linkcode MeterReading} and the
 * {@linkcode CosemValue} union it holds, one value per OBIS code.
 *
 * @module
 */

import { type CivilDate, civilFromDays } from "./eu_time.ts";

/** A point in time as the meter stated it: the absolute instant plus the local offset it used. */
export interface Instant {
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  readonly epochMs: number;
  /** Offset of the meter's local time from UTC, in minutes (S = +120, W = +60). */
  readonly offsetMinutes: number;
}

/** A number with the unit the meter sent (`null` when it sent none). */
export interface NumberValue {
  readonly kind: "number";
  readonly value: number;
  readonly unit: string | null;
}

/**
 * A string value. `value` is the hex-decoded text for the objects the specs define as
 * hex-encoded (and decodable to printable ASCII); otherwise it is `raw`, the text as sent.
 */
export interface TextValue {
  readonly kind: "text";
  readonly value: string;
  readonly raw: string;
}

/** A `YYMMDDhhmmssX` timestamp; `null` for placeholders and invalid dates. */
export interface TimestampValue {
  readonly kind: "timestamp";
  readonly value: Instant | null;
}

/** A value captured at a time: M-Bus readings (`0-n:24.2.x`) and the month peak `1-0:1.6.0`. */
export interface TimedNumberValue {
  readonly kind: "timedNumber";
  readonly timestamp: Instant | null;
  readonly value: number;
  readonly unit: string | null;
}

/** One month of the Belgian maximum-demand history `0-0:98.1.0`. */
export interface PeakEntry {
  /** Capture time at the month boundary (`null` for a placeholder). */
  readonly monthStart: Instant | null;
  /** Time of the 15-minute peak (`null` for a placeholder). */
  readonly peakTime: Instant | null;
  readonly value: number;
  readonly unit: string | null;
}

/** The Belgian 13-month maximum-demand history `0-0:98.1.0`, oldest first. */
export interface PeakHistoryValue {
  readonly kind: "peakHistory";
  readonly entries: readonly PeakEntry[];
}

/** One entry of the long power-failure log `1-0:99.97.0`. */
export interface PowerFailure {
  /** End of the failure (`null` for a placeholder). */
  readonly end: Instant | null;
  readonly durationS: number;
}

/** The long power-failure event log `1-0:99.97.0`. */
export interface PowerFailureLogValue {
  readonly kind: "powerFailureLog";
  readonly events: readonly PowerFailure[];
}

/** An object outside the known list (or a `0-0:98.1.0` not in Belgian layout): the text between the outer parentheses. */
export interface RawValue {
  readonly kind: "raw";
  readonly raw: string;
}

/** The value of one COSEM object, tagged by `kind`. */
export type CosemValue =
  | NumberValue
  | TextValue
  | TimestampValue
  | TimedNumberValue
  | PeakHistoryValue
  | PowerFailureLogValue
  | RawValue;

/** One decoded telegram. */
export interface MeterReading {
  /** The text after `/` on the first line, e.g. `FLU5\253769484_A`. */
  readonly header: string;
  /** The CRC the telegram carried (verified), or `null` for a telegram without CRC. */
  readonly crc: number | null;
  /** Every object, keyed by OBIS code without the `*255` suffix (`"1-0:32.7.0"`), in telegram order. */
  readonly objects: ReadonlyMap<string, CosemValue>;
}

/**
 * Formats an instant in the meter's local offset, e.g. `2023-10-26T12:53:57+02:00`.
 *
 * @example
 * ```ts
 * import { formatInstant } from "./reading.ts";
 *
 * formatInstant({ epochMs: Date.UTC(2023, 9, 26, 10, 53, 57), offsetMinutes: 120 });
 * // "2023-10-26T12:53:57+02:00"
 * ```
 */
export function formatInstant(instant: Instant): string {
  const local = localFields(instant);
  const off = instant.offsetMinutes;
  const abs = Math.abs(off);
  return `${pad4(local.year)}-${pad2(local.month)}-${pad2(local.day)}T${pad2(local.hour)}:${
    pad2(local.minute)
  }:${pad2(local.second)}${off < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The wall-clock fields of an instant in its own offset (all NaN outside `Date`'s range). */
export interface LocalFields extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const MS_PER_DAY = 86_400_000;
const MAX_TIME_MS = 8.64e15; // the range of a Date
const INVALID_FIELDS: LocalFields = {
  year: NaN,
  month: NaN,
  day: NaN,
  hour: NaN,
  minute: NaN,
  second: NaN,
};

/**
 * The local date and time of an instant as `new Date(epochMs + offset).getUTC…()` would give
 * them, by arithmetic alone: `decode` prints thousands of timestamps a second.
 *
 * @example
 * ```ts
 * import { localFields } from "./reading.ts";
 *
 * const local = localFields({ epochMs: Date.UTC(2023, 11, 31, 23, 30), offsetMinutes: 60 });
 * if (local.year !== 2024 || local.day !== 1 || local.minute !== 30) throw new Error("unexpected");
 * ```
 */
export function localFields(instant: Instant): LocalFields {
  const shifted = instant.epochMs + instant.offsetMinutes * 60_000;
  if (!(Math.abs(shifted) <= MAX_TIME_MS)) return INVALID_FIELDS;
  const ms = Math.trunc(shifted);
  const days = Math.floor(ms / MS_PER_DAY);
  const date = civilFromDays(days);
  const inDay = Math.floor((ms - days * MS_PER_DAY) / 1000);
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: Math.floor(inDay / 3600),
    minute: Math.floor(inDay / 60) % 60,
    second: inDay % 60,
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return `${n}`.padStart(4, "0");
}
