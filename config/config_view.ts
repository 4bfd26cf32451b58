/**
 * Every key of a configuration with its effective value, its default and where it comes from
 * (`file:line`, or the default): what `a1mb config get/show` print and the web console lists.
 *
 * The defaults are the build's ({@linkcode configDefaults}): a build whose factory defaults differ
 * from the schema's (the Modbus address 11 of dtsu666h) shows its own.
 *
 * @module
 */

import { type ConfigBuild, configDefaults } from "./build_defaults.ts";
import type { Config, ConfigPath } from "./config_types.ts";
import { describeAllowed, describeDefault } from "./describe.ts";
import { CONFIG_SCHEMA } from "./schema.ts";
import type { KeySpec } from "./schema_types.ts";
import { scanToml } from "./toml_locate.ts";
import { HIDDEN, isSecretKey } from "./config_changes.ts";

/** A value a key holds (undefined: not set and no default). */
export type KeyValue = string | number | boolean | undefined;

/** One key of a configuration. */
export interface KeyRow {
  readonly key: ConfigPath;
  /** The effective value: the file's, else the default. */
  readonly value: KeyValue;
  /** The build's default. */
  readonly default: KeyValue;
  /** The 1-based line that sets it, or null when the default applies. */
  readonly line: number | null;
  /** The schema's one-line description. */
  readonly doc: string;
  /** What the key accepts, in words (only its default, for an option the build does not offer). */
  readonly allowed: string;
  /** What the key accepts, as data (for forms). */
  readonly spec: KeySpec;
  /** A secret: never shown, logged or served. */
  readonly secret: boolean;
}

/**
 * A row's value as shown or served: {@linkcode HIDDEN} for a secret that is set, else the value
 * (null when there is none; an empty secret stays "", so "not set" still shows).
 *
 * @example
 * ```ts
 * import { shownValue } from "./config_view.ts";
 *
 * shownValue({ secret: true }, "0123456789abcdef"); // "(hidden)"
 * shownValue({ secret: true }, ""); // ""
 * shownValue({ secret: false }, 9600); // 9600
 * shownValue({ secret: false }, undefined); // null
 * ```
 */
export function shownValue<T>(
  row: { readonly secret: boolean },
  value: T | undefined | null,
): T | typeof HIDDEN | null {
  return row.secret && value !== "" && value !== undefined && value !== null
    ? HIDDEN
    : value ?? null;
}

/**
 * The value of a dotted key in a configuration (undefined for an unknown key or an unset one).
 *
 * @example
 * ```ts
 * import { configValue } from "./config_view.ts";
 * import { DEFAULT_CONFIG } from "./schema.ts";
 * configValue(DEFAULT_CONFIG, "modbus.rtu.address"); // 2
 * ```
 */
export function configValue(config: Config, key: string): KeyValue {
  let node: unknown = config;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" || typeof node === "number" || typeof node === "boolean"
    ? node
    : undefined;
}

/**
 * Lists every schema key of a loaded configuration in config.toml order.
 *
 * @param text the file's text (for the lines that set each key), or null for no file
 * @param config the configuration loaded from `text` (for `build`)
 * @param build the build whose defaults fill the keys the file leaves out (absent: the schema's)
 * @example
 * ```ts
 * import { configRows } from "./config_view.ts";
 * import { loadConfigText } from "./load_config.ts";
 * const build = {
 *   id: "dtsu666h",
 *   config: { defaults: { "modbus.rtu.address": 11 }, options: [] },
 * };
 * const text = "[modbus.rtu]\nbaud = 19200\n";
 * const loaded = loadConfigText(text, "config.toml", { build });
 * if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
 * const rows = configRows(text, loaded.config, build);
 * const baud = rows.find((row) => row.key === "modbus.rtu.baud");
 * // baud: { value: 19200, default: 9600, line: 2, … }
 * const address = rows.find((row) => row.key === "modbus.rtu.address");
 * // address: { value: 11, default: 11, line: null, … }
 * if (baud?.line !== 2 || address?.value !== 11) throw new Error("unexpected rows");
 * ```
 */
export function configRows(text: string | null, config: Config, build?: ConfigBuild): KeyRow[] {
  const defaults = configDefaults(build);
  const scan = text === null ? null : scanToml(text.startsWith("\uFEFF") ? text.slice(1) : text);
  return CONFIG_SCHEMA.map((d) => {
    const entry = scan?.byPath.get(d.path);
    const line = entry?.kind === "value" ? entry.line : null;
    return {
      key: d.path,
      value: line === null ? configValue(defaults, d.path) : configValue(config, d.path),
      default: configValue(defaults, d.path),
      line,
      doc: d.doc,
      allowed: build !== undefined && d.perBuild === "option" &&
          !build.config.options.includes(d.path)
        ? `${describeDefault(d.default)} only (the ${build.id} build does not offer this option)`
        : describeAllowed(d.spec),
      spec: d.spec,
      secret: isSecretKey(d.path),
    };
  });
}
