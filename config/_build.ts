/**
 * Assembles the nested, deeply frozen configuration object from a flat map of dotted paths.
 *
 * @module
 */

import type { Config } from "./config_types.ts";

/**
 * Builds a {@linkcode Config} from `path → value` (one entry per schema key, validated already).
 * Keys whose value is `undefined` are present with that value, so every config has the same shape.
 */
export function buildConfig(values: ReadonlyMap<string, unknown>): Config {
  const root: Record<string, unknown> = {};
  for (const [path, value] of values) {
    const segments = path.split(".");
    let table = root;
    for (const segment of segments.slice(0, -1)) {
      const next = table[segment];
      if (next === undefined) {
        const created: Record<string, unknown> = {};
        table[segment] = created;
        table = created;
      } else {
        table = next as Record<string, unknown>;
      }
    }
    table[segments[segments.length - 1] ?? ""] = value;
  }
  return deepFreeze(root) as unknown as Config;
}

function deepFreeze<T extends Record<string, unknown>>(table: T): Readonly<T> {
  for (const value of Object.values(table)) {
    if (typeof value === "object" && value !== null) deepFreeze(value as Record<string, unknown>);
  }
  return Object.freeze(table);
}
