/**
 * The defaults of this build: the value of every key a configuration file leaves out, as
 * `a1mb config get/show/example` and the web console show them. Today every build uses the
 * schema's defaults; a build with its own (a variant's factory settings) changes only this.
 *
 * @module
 */
import { type Config, DEFAULT_CONFIG } from "../config/mod.ts";
import type { BuildInfo } from "./command.ts";

/**
 * The configuration of this build when the file sets nothing.
 *
 * @example
 * ```ts
 * import { buildDefaults } from "./build_defaults.ts";
 * import { sdm630 } from "../variants/sdm630/mod.ts";
 * buildDefaults({ variant: sdm630, target: "x86_64-unknown-linux-gnu" }).modbus.rtu.address; // 2
 * ```
 */
export function buildDefaults(_build: BuildInfo): Config {
  return DEFAULT_CONFIG;
}
