/**
 * Words for values and specs: how a TOML value is shown in a message (`"fast"`, `9600.0`, `a
 * table`) and how a key's allowed values and default are written in config.toml.
 *
 * @module
 */

import { TomlDate } from "smol-toml";
import type { KeySpec, StringFormat } from "./schema_types.ts";

/** Shows a value parsed by smol-toml (integers as bigint) the way TOML would write it. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "bigint":
    case "boolean":
      return String(value);
    case "number":
      return formatFloat(value);
    default:
      if (Array.isArray(value)) return "an array";
      if (value instanceof TomlDate) return "a date-time";
      return "a table";
  }
}

/** A float as TOML writes it: `9600.0`, `0.5`, `inf`, `nan`. */
function formatFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Writes a default as a TOML literal (`115200`, `"none"`, `true`); `undefined` = `not set`. */
export function describeDefault(value: unknown): string {
  if (value === undefined) return "not set";
  return typeof value === "number" ? String(value) : describeValue(value);
}

const FORMAT_WORDS: Record<StringFormat, string> = {
  "path": "a path",
  "absolute-path": "an absolute path",
  "host": "a host name, IPv4 or IPv6 address",
  "host-port": '"HOST:PORT" (IPv4 address, [IPv6] address or host name; port 1…65535)',
  "led-name": 'a sysfs LED name (no "/" or "..")',
  "token": "16…256 visible ASCII characters (no spaces)",
  "mqtt-url": '"mqtt://HOST[:PORT]" or "mqtts://HOST[:PORT]" (TLS)',
  "mqtt-topic": 'an MQTT topic without "+" or "#"',
  "text": "any text",
};

/** What a key accepts, in words, e.g. `1…247`, `"none", "even"`, `"auto", or 0…1000`. */
export function describeAllowed(spec: KeySpec): string {
  switch (spec.type) {
    case "boolean":
      return "true, false";
    case "integer": {
      const range = `${spec.min}…${spec.max}`;
      return spec.keyword === undefined ? range : `${JSON.stringify(spec.keyword)}, or ${range}`;
    }
    case "integer-choice":
      return spec.values.join(", ");
    case "number": {
      const range = `${spec.min}…${spec.max}`;
      return spec.also === undefined ? range : `${spec.also.join(", ")}, or ${range}`;
    }
    case "enum":
      return quoteList(spec.values);
    case "string": {
      const words = FORMAT_WORDS[spec.format];
      return spec.empty === undefined ? words : `${words}, or "" (${spec.empty})`;
    }
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

/** The noun used in `expected …, got …` messages for a string format. */
export function formatNoun(format: StringFormat): string {
  switch (format) {
    case "path":
      return "a path";
    case "absolute-path":
      return "an absolute path";
    case "host":
      return "a host name or address";
    case "host-port":
      return '"HOST:PORT"';
    case "led-name":
      return "a LED name";
    case "token":
      return "a token";
    case "mqtt-url":
      return "an mqtt:// or mqtts:// URL";
    case "mqtt-topic":
      return "an MQTT topic";
    case "text":
      return "some text";
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

/** `"a", "b", "c"`. */
export function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}
