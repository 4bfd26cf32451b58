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
import { JsonBytes } from "./json_bytes.ts";
import {
  type CosemValue,
  formatInstant,
  type Instant,
  localFields,
  type MeterReading,
} from "./reading.ts";

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

const LF = 0x0a;
const decoder = new TextDecoder();

/**
 * Appends the `a1mb decode` line of one reading to `out`: its compact JSON (the shapes above)
 * and a newline, written as bytes directly (no intermediate objects or strings: `decode` prints
 * thousands of lines a second).
 *
 * @example
 * ```ts
 * import { decodeTelegram } from "./decode_telegram.ts";
 * import { encodeTelegram } from "./encode_telegram.ts";
 * import { writeDecodeJsonLine } from "./decode_json.ts";
 * import { JsonBytes } from "./json_bytes.ts";
 *
 * const result = decodeTelegram(encodeTelegram("ABC5", ["1-0:1.7.0(01.193*kW)"]), {
 *   crc: "required",
 * });
 * if (!result.ok) throw new Error(result.reason);
 * const out = new JsonBytes();
 * writeDecodeJsonLine(result.reading, out);
 * const line = new TextDecoder().decode(out.view());
 * if (!line.endsWith('"1-0:1.7.0":{"value":1.193,"unit":"kW"}}}\n')) throw new Error(line);
 * ```
 */
export function writeDecodeJsonLine(reading: MeterReading, out: JsonBytes): void {
  out.ascii('{"header":');
  out.string(reading.header);
  out.ascii(',"crc":');
  if (reading.crc === null) out.ascii("null");
  else out.string(formatCrc(reading.crc));
  out.ascii(',"objects":{');
  let first = true;
  reading.objects.forEach((value, code) => { // no [code, value] pair allocated per object
    if (!first) out.byte(0x2c); // ,
    first = false;
    out.string(code);
    out.byte(0x3a); // :
    writeValue(value, out);
  });
  out.ascii("}}");
  out.byte(LF);
}

/**
 * The `a1mb decode` output for one reading as a string: one compact JSON line (no trailing
 * newline), the bytes {@linkcode writeDecodeJsonLine} writes.
 *
 * @example
 * ```ts
 * import { decodeJsonLine } from "./decode_json.ts";
 *
 * const line = decodeJsonLine({ header: "ABC5", crc: 0x2a3, objects: new Map() });
 * if (line !== '{"header":"ABC5","crc":"02A3","objects":{}}') throw new Error(line);
 * ```
 */
export function decodeJsonLine(reading: MeterReading): string {
  const out = new JsonBytes(4096);
  writeDecodeJsonLine(reading, out);
  return decoder.decode(out.view().subarray(0, out.length - 1));
}

/** `"2024-07-08T20:07:56+02:00"` (as {@linkcode formatInstant}), or `null`. */
function writeInstant(instant: Instant | null, out: JsonBytes): void {
  if (instant === null) return out.ascii("null");
  const local = localFields(instant);
  const off = instant.offsetMinutes;
  if (local.year >= 0 && local.year <= 9999 && Number.isInteger(off) && Math.abs(off) < 6000) {
    out.dateTime(local, off);
  } else {
    out.string(formatInstant(instant)); // beyond what a date-time of JSON bytes can hold
  }
}

function writeValue(value: CosemValue, out: JsonBytes): void {
  switch (value.kind) {
    case "number":
      out.ascii('{"value":');
      out.number(value.value);
      out.ascii(',"unit":');
      out.string(value.unit);
      return out.byte(0x7d); // }
    case "text":
      out.ascii('{"value":');
      out.string(value.value);
      return out.ascii(',"unit":null}');
    case "timestamp":
      out.ascii('{"value":');
      writeInstant(value.value, out);
      return out.ascii(',"unit":null}');
    case "timedNumber":
      out.ascii('{"value":');
      out.number(value.value);
      out.ascii(',"unit":');
      out.string(value.unit);
      out.ascii(',"timestamp":');
      writeInstant(value.timestamp, out);
      return out.byte(0x7d);
    case "peakHistory":
      out.ascii('{"entries":[');
      value.entries.forEach((e, i) => {
        out.ascii(i === 0 ? '{"month_start":' : ',{"month_start":');
        writeInstant(e.monthStart, out);
        out.ascii(',"peak_time":');
        writeInstant(e.peakTime, out);
        out.ascii(',"value":');
        out.number(e.value);
        out.ascii(',"unit":');
        out.string(e.unit);
        out.byte(0x7d);
      });
      return out.ascii("]}");
    case "powerFailureLog":
      out.ascii('{"events":[');
      value.events.forEach((e, i) => {
        out.ascii(i === 0 ? '{"end":' : ',{"end":');
        writeInstant(e.end, out);
        out.ascii(',"duration_s":');
        out.number(e.durationS);
        out.byte(0x7d);
      });
      return out.ascii("]}");
    case "raw":
      out.ascii('{"raw":');
      out.string(value.raw);
      return out.byte(0x7d);
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
}
