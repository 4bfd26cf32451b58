/**
 * A build's place in the configuration: the emulated meter's factory defaults (Modbus address,
 * baud, parity) replace the schema's for keys the file leaves out, and the build's own options
 * (Eastron's `registers.fc03`) are refused by builds that do not offer them. The loader, the
 * CLI (`check-config`, `config get/show`) and the console all take a build's configuration from
 * here, so they agree on what a missing key means.
 *
 * @example
 * ```ts
 * import { configDefaults } from "./build_defaults.ts";
 * const build = {
 *   id: "dtsu666h",
 *   config: { defaults: { "modbus.rtu.address": 11 }, options: [] },
 * };
 * configDefaults(build).modbus.rtu.address; // 11
 * configDefaults().modbus.rtu.address; // 2, the schema's default
 * ```
 *
 * @module
 */
import type { BuildConfig } from "../variants/api.ts";
import { buildConfig } from "./_build.ts";
import { checkValue } from "./check_value.ts";
import type { Config } from "./config_types.ts";
import { CONFIG_SCHEMA } from "./schema.ts";

/** What the configuration layer needs of a build: its id (for messages) and its configuration. */
export interface ConfigBuild {
  /** The variant id (`"dtsu666h"`). */
  readonly id: string;
  /** Its factory defaults and own options. */
  readonly config: BuildConfig;
}

/**
 * The default value of every key for `build` (the schema's without one), by dotted path.
 *
 * @throws {TypeError} if the build declares a default for a key the schema does not let a build
 *   set, or a value the key does not allow (a mistake in the variant, caught by its tests)
 */
export function defaultValues(build?: ConfigBuild): Map<string, unknown> {
  const values = new Map<string, unknown>(CONFIG_SCHEMA.map((d) => [d.path, d.default]));
  for (const [path, value] of Object.entries(build?.config.defaults ?? {})) {
    const descriptor = CONFIG_SCHEMA.find((d) => d.path === path);
    if (descriptor?.perBuild !== "default") {
      throw new TypeError(
        `Build ${build?.id} sets a default for "${path}": not a key a build may set`,
      );
    }
    const raw = typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
    const checked = checkValue(descriptor.spec, raw);
    if (!checked.ok) {
      throw new TypeError(`Build ${build?.id} sets "${path}" to ${value}: ${checked.reason}`);
    }
    values.set(path, checked.value);
  }
  return values;
}

/** The configuration `build` runs on when the file leaves every key out (deeply frozen). */
export function configDefaults(build?: ConfigBuild): Config {
  return buildConfig(defaultValues(build));
}

/**
 * Why `path` may not hold `value` in `build`, or null when it may: a build option the build does
 * not offer takes only the schema's default.
 */
export function refusedOption(build: ConfigBuild, path: string, value: unknown): string | null {
  const descriptor = CONFIG_SCHEMA.find((d) => d.path === path);
  if (descriptor?.perBuild !== "option" || build.config.options.includes(path)) return null;
  if (value === descriptor.default) return null;
  return `the ${build.id} build does not offer this option (it takes only ${
    JSON.stringify(descriptor.default)
  })`;
}
