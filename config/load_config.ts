/**
 * The pure config loader: TOML text in, a validated {@linkcode Config} or every problem out.
 *
 * @module
 */

import { parse, TomlError } from "smol-toml";
import type { Config } from "./config_types.ts";
import { CONFIG_SCHEMA } from "./schema.ts";
import type { KeyDescriptor } from "./schema_types.ts";
import { checkValue } from "./check_value.ts";
import { CROSS_RULES } from "./cross_checks.ts";
import { describeValue } from "./describe.ts";
import { closest } from "./_suggest.ts";
import { buildConfig } from "./_build.ts";
import { formatKeyPath, locateLine, scanToml, type TomlScan } from "./toml_locate.ts";
import { type ConfigBuild, defaultValues, refusedOption } from "./build_defaults.ts";

/**
 * The result of loading a config: the config (and the keys the file left out that took the
 * build's own default), or every problem found (one message each).
 */
export type LoadResult =
  | { readonly ok: true; readonly config: Config; readonly fromBuild: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** How to load. */
export interface LoadOptions {
  /**
   * The build the configuration is for: its factory defaults fill the keys the file leaves
   * out, and build options it does not offer are refused. Absent: the schema's defaults.
   */
  readonly build?: ConfigBuild;
}

/** One problem of a config text: where, which key (`""` for a syntax error) and why. */
export interface ConfigProblem {
  /** 1-based line of the key (or of its table when the key is absent). */
  readonly line: number;
  /** The dotted key, as written; `""` for a syntax error. */
  readonly key: string;
  /** What is wrong, naming the value and what is allowed. */
  readonly reason: string;
}

/** The result of {@linkcode checkConfigText}: the config, or every problem in file order. */
export type CheckedConfig =
  | { readonly ok: true; readonly config: Config; readonly fromBuild: readonly string[] }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

type Problem = ConfigProblem;

const LEAVES: ReadonlyMap<string, KeyDescriptor> = new Map(CONFIG_SCHEMA.map((d) => [d.path, d]));
const TABLES: ReadonlySet<string> = new Set(
  CONFIG_SCHEMA.flatMap((d) => {
    const segments = d.path.split(".");
    return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join("."));
  }),
);

/** smol-toml options: integers as bigint, so `9600.0` (a float) is told apart from `9600`. */
const PARSE_OPTIONS = { integersAsBigInt: true } as const;

/**
 * Parses and validates config.toml text. Every key is checked against the schema and every
 * problem is reported, each as `FILE:LINE: key a.b: reason`, sorted by line.
 *
 * @param text the file's content
 * @param fileName the name used in messages (as the user wrote it)
 * @param options the build whose defaults apply
 */
export function loadConfigText(
  text: string,
  fileName: string,
  options: LoadOptions = {},
): LoadResult {
  const checked = checkConfigText(text, options);
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.problems.map((p) =>
      p.key === ""
        ? `${fileName}:${p.line}: ${p.reason}`
        : `${fileName}:${p.line}: key ${p.key}: ${p.reason}`
    ),
  };
}

/**
 * {@linkcode loadConfigText} with the problems as data (line, key, reason), sorted by line: for
 * callers that report problems per key, such as `a1mb config set` and the web console.
 *
 * @param text the file's content
 * @param options the build whose defaults apply
 * @example
 * ```ts
 * import { checkConfigText } from "./load_config.ts";
 * const checked = checkConfigText("[modbus.rtu]\naddress = 300\n");
 * // { ok: false, problems: [{ line: 2, key: "modbus.rtu.address", reason: "300 is out of range 1…247" }] }
 * if (checked.ok) throw new Error("300 is not an address");
 * ```
 */
export function checkConfigText(text: string, options: LoadOptions = {}): CheckedConfig {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(body, PARSE_OPTIONS);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const message = error instanceof Error ? error.message : String(error);
    const first = (message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
    return { ok: false, problems: [{ line, key: "", reason: `syntax error: ${first}` }] };
  }

  const scan = scanToml(body);
  const problems: Problem[] = [];
  const values = defaultValues(options.build);
  const badKeys = new Set<string>();
  const seen = new Set<string>();
  walkTable(parsed, [], scan, { values, badKeys, problems, seen, build: options.build });

  const config = buildConfig(values);
  for (const rule of CROSS_RULES) {
    // Skip rules reading a key that is wrong itself or sits under a wrong table.
    const isBad = (key: string): boolean =>
      key.split(".").some((_, i, all) => badKeys.has(all.slice(0, i + 1).join(".")));
    if (rule.keys.some(isBad)) continue;
    for (const { path, reason } of rule.check(config)) {
      problems.push({ line: locateLine(scan, path), key: path, reason });
    }
  }
  if (problems.length === 0) {
    const fromBuild = Object.keys(options.build?.config.defaults ?? {}).filter((k) => !seen.has(k));
    return { ok: true, config, fromBuild };
  }
  return {
    ok: false,
    problems: problems
      .map((p, order) => ({ p, order }))
      .sort((a, b) => a.p.line - b.p.line || a.order - b.order)
      .map(({ p }) => p),
  };
}

/**
 * A known key or table close to an unknown dotted `path` ("did you mean …?"), or undefined.
 *
 * @example
 * ```ts
 * import { suggestKey } from "./load_config.ts";
 * suggestKey("modbus.rtu.adress"); // "modbus.rtu.address"
 * ```
 */
export function suggestKey(path: string): string | undefined {
  const segments = path.split(".");
  return suggest(segments.slice(0, -1), segments[segments.length - 1] ?? "");
}

/** The schema's descriptor of a dotted key, or undefined for a key the schema does not know. */
export function keyDescriptor(path: string): KeyDescriptor | undefined {
  return LEAVES.get(path);
}

/** What the walk over the parsed file fills in. */
interface Walk {
  readonly values: Map<string, unknown>;
  readonly badKeys: Set<string>;
  readonly problems: Problem[];
  /** Keys the file sets. */
  readonly seen: Set<string>;
  readonly build: ConfigBuild | undefined;
}

function walkTable(
  table: Record<string, unknown>,
  prefix: readonly string[],
  scan: TomlScan,
  walk: Walk,
): void {
  const { values, badKeys, problems } = walk;
  for (const [name, raw] of Object.entries(table)) {
    const segments = [...prefix, name];
    const id = formatKeyPath(segments);
    const report = (reason: string): void => {
      badKeys.add(id);
      problems.push({ line: locateLine(scan, segments), key: id, reason });
    };
    const descriptor = LEAVES.get(id);
    if (descriptor !== undefined) {
      walk.seen.add(id);
      const checked = checkValue(descriptor.spec, raw);
      const refused = checked.ok && walk.build !== undefined
        ? refusedOption(walk.build, id, checked.value)
        : null;
      if (!checked.ok) report(checked.reason);
      else if (refused !== null) report(refused);
      else values.set(id, checked.value);
    } else if (TABLES.has(id)) {
      if (isTable(raw)) walkTable(raw, segments, scan, walk);
      else report(`expected a table, got ${describeValue(raw)}`);
    } else {
      const hint = suggest(prefix, name);
      const what = isTable(raw) ? "unknown table" : "unknown key";
      report(hint === undefined ? what : `${what} (did you mean ${hint}?)`);
    }
  }
}

/** A known key or table close to `name`: a sibling first, else the same name in another table. */
function suggest(prefix: readonly string[], name: string): string | undefined {
  const parent = formatKeyPath(prefix);
  const siblings = [...LEAVES.keys(), ...TABLES].filter((path) => {
    const cut = path.lastIndexOf(".");
    return (cut < 0 ? "" : path.slice(0, cut)) === parent;
  });
  const leaf = (path: string): string => path.slice(path.lastIndexOf(".") + 1);
  const sibling = closest(name, siblings.map(leaf));
  if (sibling !== undefined) return parent === "" ? sibling : `${parent}.${sibling}`;
  return [...TABLES, ...LEAVES.keys()].find((path) =>
    leaf(path).toLowerCase() === name.toLowerCase()
  );
}

function isTable(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
