/**
 * Changing several settings of a config.toml text at once, all or nothing: each value is checked
 * against the schema (type, range, allowed values, unknown keys with a "did you mean"), then all
 * are written in place (comments and layout kept) and the whole file is checked again (keys that
 * contradict each other). The pure half of every settings write: Modbus, `a1mb config set` and
 * the web console go through it (the ConfigManager then writes the text with `writeFileAtomic`).
 *
 * @module
 */

import type { Config, ConfigPath } from "./config_types.ts";
import { checkValue } from "./check_value.ts";
import { describeAllowed, describeDefault, describeValue } from "./describe.ts";
import { type ConfigBuild, refusedOption } from "./build_defaults.ts";
import { checkConfigText, keyDescriptor, suggestKey } from "./load_config.ts";
import { CONFIG_SCHEMA } from "./schema.ts";
import type { KeyDescriptor } from "./schema_types.ts";
import { setTomlValue, type TomlScalar } from "./toml_edit.ts";

/** One change asked for: a dotted key and its value as given (parsed TOML, JSON or decoded). */
export interface ConfigChange {
  readonly key: string;
  /**
   * The value: a string, a boolean, a bigint or a number. A number that is an integer counts as
   * an integer (JSON has no other kind); TOML text parsed with bigint integers keeps `9600.0` a
   * float.
   */
  readonly value: unknown;
}

/** A change that cannot be made, or a problem of the file it would be made in. */
export interface ChangeProblem {
  /** The dotted key (`""` for a problem of the whole file, such as a syntax error). */
  readonly key: string;
  /** The value given, as TOML writes it (`300`, `"odd"`); null when the key was not changed. */
  readonly value: string | null;
  /** Why, naming the value and what is allowed. */
  readonly reason: string;
  /** What the key accepts, in words (`1…247`); `""` for an unknown key. */
  readonly allowed: string;
}

/** The edited text and the configuration it gives, or every problem. */
export type ChangeResult =
  | {
    readonly ok: true;
    readonly text: string;
    readonly config: Config;
    /** The changes as written (checked values). */
    readonly changes: readonly { readonly key: ConfigPath; readonly value: TomlScalar }[];
  }
  | { readonly ok: false; readonly problems: readonly ChangeProblem[] };

/** Every table of the schema (`modbus`, `modbus.rtu`, …). */
const TABLES: ReadonlySet<string> = new Set(
  CONFIG_SCHEMA.flatMap((d) => {
    const segments = d.path.split(".");
    return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join("."));
  }),
);

/** Shown instead of a secret's value. */
export const HIDDEN = "(hidden)";

/** Whether a key holds a secret (its value is never shown, logged or served). */
export function isSecretKey(key: string): boolean {
  const spec = keyDescriptor(key)?.spec;
  return spec?.type === "string" && spec.secret === true;
}

/** A value as given (parsed TOML, JSON) as TOML writes it, or {@linkcode HIDDEN} for a secret. */
export function showValue(key: string, value: unknown): string {
  return isSecretKey(key) ? HIDDEN : describeValue(value);
}

/** A checked setting (`7`, `"even"`, `true`) for messages and logs; a secret hidden. */
export function showSetting(key: string, value: TomlScalar): string {
  return isSecretKey(key) ? HIDDEN : describeDefault(value);
}

/** Options of {@linkcode applyConfigChanges}. */
export interface ApplyOptions {
  /**
   * What a JavaScript number is: `"json"` (an integer-valued number is an integer, as JSON and
   * Modbus give them) or `"toml"` (numbers are floats; integers come as bigint, as smol-toml
   * parses them with `integersAsBigInt`, so `9600.0` stays a float).
   * @default {"json"}
   */
  readonly numbers?: "json" | "toml";
  /**
   * The build the file is for: its defaults fill the keys the file leaves out, and a build
   * option it does not offer takes only the schema's default. Absent: the schema's defaults.
   */
  readonly build?: ConfigBuild;
}

/**
 * Applies `changes` to config.toml text. Nothing is changed unless every change is valid on its
 * own and the whole file checks out afterwards.
 *
 * @param text the file's current content
 * @param changes keys and values, in the order they are written
 * @example
 * ```ts
 * import { applyConfigChanges } from "./config_changes.ts";
 * const result = applyConfigChanges("[modbus.rtu]\naddress = 2 # charger\n", [
 *   { key: "modbus.rtu.address", value: 7n },
 *   { key: "modbus.rtu.parity", value: "even" },
 * ]);
 * if (!result.ok) throw new Error(result.problems.map((p) => p.reason).join("; "));
 * // result.text: '[modbus.rtu]\naddress = 7 # charger\nparity = "even"\n'
 * ```
 */
export function applyConfigChanges(
  text: string,
  changes: readonly ConfigChange[],
  options: ApplyOptions = {},
): ChangeResult {
  const numbers = options.numbers ?? "json";
  const problems: ChangeProblem[] = [];
  const checked: { key: ConfigPath; value: TomlScalar }[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const raw = numbers === "json" ? asTomlValue(change.value) : change.value;
    const shown = showValue(change.key, raw);
    const descriptor = keyDescriptor(change.key);
    if (descriptor === undefined) {
      problems.push({ key: change.key, value: shown, reason: unknownKey(change.key), allowed: "" });
      continue;
    }
    const allowed = describeAllowed(descriptor.spec);
    if (seen.has(change.key)) {
      problems.push({ key: change.key, value: shown, reason: "given more than once", allowed });
      continue;
    }
    seen.add(change.key);
    const result = checkValue(descriptor.spec, raw);
    if (!result.ok) {
      problems.push({ key: change.key, value: shown, reason: result.reason, allowed });
      continue;
    }
    const refused = options.build === undefined
      ? null
      : refusedOption(options.build, descriptor.path, result.value);
    if (refused !== null) {
      // This build takes only the schema's default (the reason names it).
      const only = describeDefault(descriptor.default);
      problems.push({ key: change.key, value: shown, reason: refused, allowed: only });
      continue;
    }
    checked.push({ key: descriptor.path, value: result.value });
  }
  if (problems.length > 0) return { ok: false, problems };

  let edited = text;
  for (const { key, value } of checked) {
    try {
      edited = setTomlValue(edited, key, value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        problems: [{
          key,
          value: showSetting(key, value),
          reason,
          allowed: allowedOf(keyDescriptor(key)),
        }],
      };
    }
  }
  const loaded = checkConfigText(
    edited,
    options.build === undefined ? {} : { build: options.build },
  );
  if (!loaded.ok) {
    const given = new Map(checked.map((c) => [c.key as string, c.value]));
    return {
      ok: false,
      problems: loaded.problems.map((p) => {
        const value = given.get(p.key);
        return {
          key: p.key,
          value: value === undefined ? null : showSetting(p.key, value),
          reason: value === undefined ? `${p.reason} (line ${p.line} of the file)` : p.reason,
          // A changed value passed its own check: what is wrong is its relation to other keys.
          allowed: value === undefined ? allowedOf(keyDescriptor(p.key)) : "",
        };
      }),
    };
  }
  return { ok: true, text: edited, config: loaded.config, changes: checked };
}

/**
 * One problem as a line for people: `key modbus.rtu.address = 300: 300 is out of range 1…247`,
 * with the allowed values added when the reason does not state them.
 */
export function formatChangeProblem(problem: ChangeProblem): string {
  const what = problem.key === ""
    ? "the file"
    : problem.value === null
    ? `key ${problem.key}`
    : `key ${problem.key} = ${problem.value}`;
  const allowed = problem.allowed !== "" && !problem.reason.includes(problem.allowed)
    ? ` (allowed: ${problem.allowed})`
    : "";
  return `${what}: ${problem.reason}${allowed}`;
}

/** JSON integers become TOML integers (bigint); everything else stays as it is. */
function asTomlValue(value: unknown): unknown {
  return typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
}

function unknownKey(key: string): string {
  if (TABLES.has(key)) return "a table, not a key: name one of its keys";
  const hint = suggestKey(key);
  return hint === undefined ? "unknown key" : `unknown key (did you mean ${hint}?)`;
}

function allowedOf(descriptor: KeyDescriptor | undefined): string {
  return descriptor === undefined ? "" : describeAllowed(descriptor.spec);
}
