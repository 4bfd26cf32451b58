/**
 * Words for values and specs: how a TOML value is shown in a message (`"fast"`, `9600.0`, `a
 * table`) and how a key's allowed values and default are written in config.toml.
 *
 * @module
 */

import { TomlDate } from "smol-toml";
import type { KeySpec, StringFormat } from "./schema_types.ts";

/**
 * Shows a value parsed by smol-toml (integers as bigint) the way TOML would write it; a URL's
 * password is masked (see {@linkcode quoteText}).
 *
 * @example
 * ```ts
 * import { describeValue } from "./describe.ts";
 *
 * describeValue(9600n); // "9600"
 * describeValue(0.5); // "0.5"
 * describeValue("mqtt://a1mb:s3cret@broker"); // '"mqtt://a1mb:***@broker"'
 * ```
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quoteText(value);
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

/** What a URL's password is shown as. */
export const MASKED_PASSWORD = "***";

/**
 * A text value quoted for a message, with the password of a URL in it masked
 * (`"mqtts://a1mb:***@broker"`): a value is quoted back in problems, logs and HTTP answers, and
 * a password must never reach them. Keys that are secrets as a whole are not quoted at all.
 *
 * @example
 * ```ts
 * import { quoteText } from "./describe.ts";
 *
 * quoteText("/dev/ttyUSB0"); // '"/dev/ttyUSB0"'
 * quoteText("mqtt://a1mb:p@ss@192.0.2.10:1883"); // '"mqtt://a1mb:***@192.0.2.10:1883"'
 * ```
 */
export function quoteText(text: string): string {
  return JSON.stringify(maskUrlPassword(text));
}

/**
 * `text` with the password of a URL in it replaced by {@linkcode MASKED_PASSWORD}: everything
 * from the first `:` after `SCHEME://` (or, without a scheme, after the start) up to the last `@`
 * (a password may hold an `@` or a `/` of its own). A user name alone is kept; text without an
 * `@` is returned as it is. It masks rather too much than too little: `"mqtt:/user:pw@host"`, a
 * mistyped URL, becomes `"mqtt:***@host"`.
 *
 * @example
 * ```ts
 * import { maskUrlPassword } from "./describe.ts";
 *
 * maskUrlPassword("mqtt://a1mb:s3cret@broker"); // "mqtt://a1mb:***@broker"
 * maskUrlPassword("a1mb:s3cret@broker"); // "a1mb:***@broker"
 * maskUrlPassword("mqtt://a1mb@broker"); // "mqtt://a1mb@broker"
 * maskUrlPassword("mqtt://broker:1883"); // "mqtt://broker:1883"
 * ```
 */
export function maskUrlPassword(text: string): string {
  const at = text.lastIndexOf("@");
  if (at < 0) return text;
  const scheme = text.indexOf("://");
  const start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
  const colon = text.indexOf(":", start);
  if (colon < 0 || colon > at) return text;
  return `${text.slice(0, colon + 1)}${MASKED_PASSWORD}${text.slice(at)}`;
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
  "text": "text without control characters",
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

/** `"a", "b", "c"` (values of the schema, never a secret). */
export function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}
