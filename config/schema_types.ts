/**
 * The shape of the configuration schema: one descriptor per key (path, value spec, default, doc
 * line). The validator, the defaults and the documentation check all read the same table.
 *
 * @module
 */

import type { Config, ConfigPath, ValueAt } from "./config_types.ts";

/** The kinds of text a string key may hold. */
export type StringFormat =
  /** Any non-empty file or device path. */
  | "path"
  /** A non-empty path starting with "/". */
  | "absolute-path"
  /** A host name, an IPv4 address or an IPv6 address (without brackets). */
  | "host"
  /** `HOST:PORT` with HOST a host name, an IPv4 address or a bracketed IPv6 address. */
  | "host-port"
  /** A sysfs LED name: non-empty, no "/" and no "..". */
  | "led-name"
  /** A secret: 16…256 visible ASCII characters (no spaces). Never shown back in messages. */
  | "token"
  /** `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`. */
  | "mqtt-url"
  /** An MQTT topic a1mb extends with `/…`: no wildcards, no leading or trailing "/". */
  | "mqtt-topic"
  /**
   * Text without control characters (U+0000…U+001F, U+007F: no tab, no line break): a user name,
   * a password, an MQTT client id.
   */
  | "text";

/** What a key may hold. */
export type KeySpec =
  /** `true` or `false`. */
  | { readonly type: "boolean" }
  /** An integer in `min…max`, or (when `keyword` is set) that exact string, e.g. `"auto"`. */
  | {
    readonly type: "integer";
    readonly min: number;
    readonly max: number;
    readonly keyword?: string;
  }
  /** An integer from a fixed list (baud rates, data bits). */
  | { readonly type: "integer-choice"; readonly values: readonly number[] }
  /** An integer or float in `min…max`, or one of the exact values in `also` (e.g. 0 = off). */
  | {
    readonly type: "number";
    readonly min: number;
    readonly max: number;
    readonly also?: readonly number[];
  }
  /** One string from a fixed list. */
  | { readonly type: "enum"; readonly values: readonly string[] }
  /**
   * A string of a given format; `empty`, when set, says what `""` means (e.g. "off"). A
   * `secret` (the console token, the MQTT password) is never shown back: not in messages, logs,
   * `a1mb config show` or the console. (A password inside any other value, as in a URL, is
   * masked wherever the value is quoted: `describe.ts`.)
   */
  | {
    readonly type: "string";
    readonly format: StringFormat;
    readonly empty?: string;
    readonly secret?: true;
  };

/**
 * How a key depends on the build (the emulated meter): `"default"` = every build takes it, but
 * a build may set its own default (the meter's factory Modbus address, baud, parity);
 * `"option"` = only builds that offer it take it (Eastron's `registers.fc03`); the others refuse
 * any value but the schema's default.
 */
export type PerBuild = "default" | "option";

/** One configuration key: where it lives, what it may hold, its default and one line of doc. */
export interface KeyDescriptor<P extends ConfigPath = ConfigPath> {
  /** Dotted TOML path, e.g. `"modbus.rtu.address"`. */
  readonly path: P;
  /** Allowed values. */
  readonly spec: KeySpec;
  /** Value used when the key is absent; `undefined` = no default (the key is optional). */
  readonly default: ValueAt<Config, P>;
  /** One sentence; config.toml repeats it as the first comment line above the key. */
  readonly doc: string;
  /** How the key depends on the build; absent = the same for every build. */
  readonly perBuild?: PerBuild;
}

/**
 * Builds a key descriptor, checking at compile time that the path exists in {@linkcode Config}
 * and that the default has the type of that field.
 */
export function key<P extends ConfigPath>(
  path: P,
  spec: KeySpec,
  defaultValue: ValueAt<Config, P>,
  doc: string,
  perBuild?: PerBuild,
): KeyDescriptor<P> {
  return perBuild === undefined
    ? { path, spec, default: defaultValue, doc }
    : { path, spec, default: defaultValue, doc, perBuild };
}
