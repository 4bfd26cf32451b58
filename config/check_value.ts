/**
 * Checks one TOML value against its key spec. Input comes from smol-toml parsed with
 * `integersAsBigInt: true`, so an integer (`9600`) and a float (`9600.0`) stay distinguishable.
 *
 * @module
 */

import { isHost, parseHostPort } from "./host_port.ts";
import { parseMqttUrl, topicPrefixProblem } from "./mqtt_url.ts";
import { describeValue, formatNoun, quoteList, quoteText } from "./describe.ts";
import type { KeySpec, StringFormat } from "./schema_types.ts";

/** The checked value (numbers as `number`), or the reason it is refused (no key prefix). */
export type CheckResult =
  | { readonly ok: true; readonly value: string | number | boolean }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): CheckResult => ({ ok: false, reason });
const accept = (value: string | number | boolean): CheckResult => ({ ok: true, value });

/** Checks `raw` (as parsed by smol-toml with bigint integers) against `spec`. */
export function checkValue(spec: KeySpec, raw: unknown): CheckResult {
  // A secret is never quoted back: the reason says what is wrong, not what was given.
  const secret = spec.type === "string" && spec.secret === true;
  const shown = secret ? "the value given" : describeValue(raw);
  switch (spec.type) {
    case "boolean":
      return typeof raw === "boolean"
        ? accept(raw)
        : refuse(`expected true or false, got ${shown}`);
    case "integer": {
      if (spec.keyword !== undefined && raw === spec.keyword) return accept(raw);
      if (typeof raw !== "bigint") {
        const expected = spec.keyword === undefined
          ? "an integer"
          : `an integer or ${JSON.stringify(spec.keyword)}`;
        return refuse(`expected ${expected}, got ${shown}`);
      }
      if (raw < BigInt(spec.min) || raw > BigInt(spec.max)) {
        return refuse(`${shown} is out of range ${spec.min}…${spec.max}`);
      }
      return accept(Number(raw));
    }
    case "integer-choice": {
      if (typeof raw !== "bigint") return refuse(`expected an integer, got ${shown}`);
      const value = Number(raw);
      return spec.values.includes(value)
        ? accept(value)
        : refuse(`${shown} is not one of ${spec.values.join(", ")}`);
    }
    case "number": {
      if (typeof raw !== "bigint" && typeof raw !== "number") {
        return refuse(`expected a number, got ${shown}`);
      }
      const value = Number(raw);
      if (spec.also?.includes(value) || (value >= spec.min && value <= spec.max)) {
        return accept(value);
      }
      const also = spec.also === undefined ? "" : ` and not ${spec.also.join(" or ")}`;
      return refuse(`${shown} is out of range ${spec.min}…${spec.max}${also}`);
    }
    case "enum": {
      if (typeof raw !== "string") {
        return refuse(`expected one of ${quoteList(spec.values)}, got ${shown}`);
      }
      if (spec.values.includes(raw)) return accept(raw);
      const folded = spec.values.find((v) => v.toLowerCase() === raw.toLowerCase());
      const hint = folded === undefined ? "" : ` (did you mean ${JSON.stringify(folded)}?)`;
      return refuse(`${shown} is not one of ${quoteList(spec.values)}${hint}`);
    }
    case "string":
      if (typeof raw !== "string") {
        return refuse(secret ? "expected a string" : `expected a string, got ${shown}`);
      }
      if (raw === "") {
        return spec.empty === undefined
          ? refuse(`expected ${formatNoun(spec.format)}, got ""`)
          : accept(raw);
      }
      return checkFormat(spec.format, raw, secret);
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

/** Shortest and longest token accepted, in characters. */
export const TOKEN_LENGTH = { min: 16, max: 256 } as const;

/** A secret is never quoted back: the reason says what is wrong, not what was given. */
function checkToken(text: string): CheckResult {
  const length = [...text].length;
  if (length < TOKEN_LENGTH.min || length > TOKEN_LENGTH.max) {
    return refuse(
      `a token of ${length} characters is not allowed (${TOKEN_LENGTH.min}…${TOKEN_LENGTH.max})`,
    );
  }
  return /^[\x21-\x7e]+$/.test(text)
    ? accept(text)
    : refuse("a token may hold only visible ASCII characters (no spaces)");
}

function checkFormat(format: StringFormat, text: string, secret: boolean): CheckResult {
  const shown = secret ? "the value given" : quoteText(text);
  // A token is checked (and never quoted) by checkToken: no NUL passes its character rule.
  if (format !== "token" && text.includes("\0")) return refuse(`${shown} contains a NUL character`);
  switch (format) {
    case "path":
      return accept(text);
    case "absolute-path":
      return text.startsWith("/") ? accept(text) : refuse(`${shown} is not an absolute path`);
    case "host":
      return isHost(text) ? accept(text) : refuse(`${shown} is not a host name or address`);
    case "host-port": {
      const parsed = parseHostPort(text);
      return parsed.ok ? accept(text) : refuse(`${shown} ${parsed.reason}`);
    }
    case "led-name":
      return text.includes("/") || text.includes("..")
        ? refuse(`${shown} is not a LED name (no "/" or "..")`)
        : accept(text);
    case "token":
      return checkToken(text);
    case "mqtt-url": {
      const parsed = parseMqttUrl(text);
      return parsed.ok ? accept(text) : refuse(`${shown} ${parsed.reason}`);
    }
    case "mqtt-topic": {
      const problem = topicPrefixProblem(text);
      return problem === null ? accept(text) : refuse(`${shown} ${problem}`);
    }
    case "text":
      // deno-lint-ignore no-control-regex
      return /[\u0000-\u001f\u007f]/.test(text)
        ? refuse(`${shown} contains a control character`)
        : accept(text);
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}
