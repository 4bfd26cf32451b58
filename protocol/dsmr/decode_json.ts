/**
 * The JSON form of a reading printed by `a1mb decode`:
 *
 * ```json
 * { "header": "FLU5\\253769484_A", "crc": "B06B", "objects": {
 *   "1-0:32.7.0": { "value": 233.0, "unit": "V" },
 *   "0-0:1.0.0": { "value": "2024-07-08T20:07:56+02:00", "unit": null },
 *   "0-1:24.2.3": { "value": 8538.167, "unit": "m3", "timestamp": "2024-07-08T20:04:59+02:00" },
 *   "0-0:98.1.0": { "entries": [{ "month_start": "…", "peak_time": "…", "value": 2.68, "unit": "kW" }] },
 *   "1-0:99.97.0": { "events": [{ "end": "…", "duration_s": 240 }] },
 *   "0-0:42.0.0": { "raw": "5341…" } } }
 * ```
 *
 * Objects are keyed by OBIS code in telegram order; strings are the decoded text; codes
 * (`0-0:96.14.0`) the string sent; timestamps ISO 8601 with the meter's offset, `null` for
 * placeholders; `crc` 4 upper-case hex digits or `null`.
 *
 * @module
 */

import { formatCrc } from "./crc16_arc.ts";
import { formatInstant, type Instant, type MeterReading } from "./reading.ts";
import type { CosemValue } from "./reading.ts";

/** The JSON of one object. */
export type DecodeJsonObject =
  | { readonly value: number | string | null; readonly unit: string | null }
  | { readonly value: number; readonly unit: string | null; readonly timestamp: string | null }
  | {
    readonly entries: readonly {
      readonly month_start: string | null;
      readonly peak_time: string | null;
      readonly value: number;
      readonly unit: string | null;
    }[];
  }
  | { readonly events: readonly { readonly end: string | null; readonly duration_s: number }[] }
  | { readonly raw: string };

/** The JSON of one reading. */
export interface DecodeJson {
  readonly header: string;
  readonly crc: string | null;
  readonly objects: Readonly<Record<string, DecodeJsonObject>>;
}

/**
 * The `a1mb decode` output for one reading: one compact JSON line (no trailing newline), the
 * JSON of the shapes above, written directly (no intermediate
 * objects: `decode` prints thousands of lines a second).
 */
export function decodeJsonLine(reading: MeterReading): string {
  let out = `{"header":${JSON.stringify(reading.header)},"crc":${
    reading.crc === null ? "null" : `"${formatCrc(reading.crc)}"`
  },"objects":{`;
  let first = true;
  for (const [code, value] of reading.objects) {
    out += `${first ? "" : ","}${JSON.stringify(code)}:${valueJson(value)}`;
    first = false;
  }
  return `${out}}}`;
}

/** A JSON number as JSON.stringify writes it (non-finite numbers as null). */
function num(n: number): string {
  return Number.isFinite(n) ? `${n}` : "null";
}

function str(text: string | null): string {
  return text === null ? "null" : JSON.stringify(text);
}

function instantJson(instant: Instant | null): string {
  return instant === null ? "null" : `"${formatInstant(instant)}"`;
}

function valueJson(value: CosemValue): string {
  switch (value.kind) {
    case "number":
      return `{"value":${num(value.value)},"unit":${str(value.unit)}}`;
    case "text":
      return `{"value":${str(value.value)},"unit":null}`;
    case "timestamp":
      return `{"value":${instantJson(value.value)},"unit":null}`;
    case "timedNumber":
      return `{"value":${num(value.value)},"unit":${str(value.unit)},"timestamp":${
        instantJson(value.timestamp)
      }}`;
    case "peakHistory": {
      let out = `{"entries":[`;
      value.entries.forEach((e, i) => {
        out += `${i === 0 ? "" : ","}{"month_start":${instantJson(e.monthStart)},"peak_time":${
          instantJson(e.peakTime)
        },"value":${num(e.value)},"unit":${str(e.unit)}}`;
      });
      return `${out}]}`;
    }
    case "powerFailureLog": {
      let out = `{"events":[`;
      value.events.forEach((e, i) => {
        out += `${i === 0 ? "" : ","}{"end":${instantJson(e.end)},"duration_s":${
          num(e.durationS)
        }}`;
      });
      return `${out}]}`;
    }
    case "raw":
      return `{"raw":${str(value.raw)}}`;
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
}
