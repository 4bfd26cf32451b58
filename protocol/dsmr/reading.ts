/**
 * The typed result of decoding one P1 telegram: {@linkcode MeterReading} and the
 * {@linkcode CosemValue} union it holds, one value per OBIS code.
 *
 * @module
 */

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
  const local = new Date(instant.epochMs + instant.offsetMinutes * 60_000);
  const off = instant.offsetMinutes;
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return `${pad4(local.getUTCFullYear())}-${pad2(local.getUTCMonth() + 1)}-${
    pad2(local.getUTCDate())
  }T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${
    pad2(local.getUTCSeconds())
  }${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return `${n}`.padStart(4, "0");
}
