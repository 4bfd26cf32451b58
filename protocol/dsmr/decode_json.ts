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

function iso(instant: Instant | null): string | null {
  return instant === null ? null : formatInstant(instant);
}

/** The JSON form of one object value. */
function cosemValueToJson(value: CosemValue): DecodeJsonObject {
  switch (value.kind) {
    case "number":
      return { value: value.value, unit: value.unit };
    case "text":
      return { value: value.value, unit: null };
    case "timestamp":
      return { value: iso(value.value), unit: null };
    case "timedNumber":
      return { value: value.value, unit: value.unit, timestamp: iso(value.timestamp) };
    case "peakHistory":
      return {
        entries: value.entries.map((e) => ({
          month_start: iso(e.monthStart),
          peak_time: iso(e.peakTime),
          value: e.value,
          unit: e.unit,
        })),
      };
    case "powerFailureLog":
      return { events: value.events.map((e) => ({ end: iso(e.end), duration_s: e.durationS })) };
    case "raw":
      return { raw: value.raw };
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
}

/** The JSON form of a reading, as a plain object. */
function readingToJson(reading: MeterReading): DecodeJson {
  const objects: Record<string, DecodeJsonObject> = {};
  for (const [code, value] of reading.objects) objects[code] = cosemValueToJson(value);
  return {
    header: reading.header,
    crc: reading.crc === null ? null : formatCrc(reading.crc),
    objects,
  };
}

/** The `a1mb decode` output for one reading: one compact JSON line (no trailing newline). */
export function decodeJsonLine(reading: MeterReading): string {
  return JSON.stringify(readingToJson(reading));
}
