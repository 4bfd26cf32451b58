/**
 * The configuration schema: every key of config.toml, as data. New keys are added here (and to
 * {@linkcode Config} and config.toml; the compiler and the tests point at whichever is missing).
 *
 * @module
 */

import type { Config, ConfigPath } from "./config_types.ts";
import type { KeyDescriptor } from "./schema_types.ts";
import { buildConfig } from "./_build.ts";
import { A1_KEYS } from "./_schema_a1.ts";
import { MODBUS_KEYS } from "./_schema_modbus.ts";
import { OPERATIONS_KEYS } from "./_schema_operations.ts";
import { INTEGRATION_KEYS } from "./_schema_integrations.ts";

const SCHEMA_TUPLE = [
  ...A1_KEYS,
  ...MODBUS_KEYS,
  ...OPERATIONS_KEYS,
  ...INTEGRATION_KEYS,
] as const;

// Compile-time check: every leaf of Config has a descriptor. A missing key names itself here.
type MissingFromSchema = Exclude<ConfigPath, typeof SCHEMA_TUPLE[number]["path"]>;
const schemaIsComplete: [MissingFromSchema] extends [never] ? true : MissingFromSchema = true;
void schemaIsComplete;

/** Every configuration key, in config.toml order. */
export const CONFIG_SCHEMA: readonly KeyDescriptor[] = SCHEMA_TUPLE;

/**
 * The configuration used for every key config.toml leaves out (deeply frozen), before any
 * build's own defaults (see `configDefaults`).
 */
export const DEFAULT_CONFIG: Config = buildConfig(
  new Map(CONFIG_SCHEMA.map((d) => [d.path, d.default])),
);
