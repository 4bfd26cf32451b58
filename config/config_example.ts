/**
 * A build's annotated default configuration: config.toml (every key documented, its value the
 * default) with the values, and their `# Default:` lines, changed to the build's own defaults
 * where they differ from the schema's. What `a1mb config example` prints and `deploy/install.sh`
 * installs.
 *
 * @module
 */
import type { Config } from "./config_types.ts";
import { configValue } from "./config_view.ts";
import { describeDefault } from "./describe.ts";
import { CONFIG_SCHEMA } from "./schema.ts";
import { setTomlValue } from "./toml_edit.ts";
import { scanToml } from "./toml_locate.ts";

/**
 * config.toml text with the build's defaults written in (comments and layout kept).
 *
 * @param template config.toml as shipped (its values are the schema's defaults)
 * @param defaults the build's defaults
 * @example
 * ```ts
 * import { exampleConfig } from "./config_example.ts";
 * import { DEFAULT_CONFIG } from "./schema.ts";
 * const template = "[modbus.rtu]\n# Modbus slave address.\n# Default: 2\naddress = 2\n";
 * const defaults = {
 *   ...DEFAULT_CONFIG,
 *   modbus: { ...DEFAULT_CONFIG.modbus, rtu: { ...DEFAULT_CONFIG.modbus.rtu, address: 11 } },
 * };
 * exampleConfig(template, defaults);
 * // "[modbus.rtu]\n# Modbus slave address.\n# Default: 11\naddress = 11\n"
 * ```
 */
export function exampleConfig(template: string, defaults: Config): string {
  let text = template;
  for (const descriptor of CONFIG_SCHEMA) {
    const value = configValue(defaults, descriptor.path);
    if (value === descriptor.default || value === undefined) continue;
    text = setTomlValue(text, descriptor.path, value);
    const entry = scanToml(text).byPath.get(descriptor.path);
    if (entry?.kind !== "value") continue;
    // The "# Default: …" line just above the key states the default: make it the build's.
    const lineStart = text.lastIndexOf("\n", entry.keyStart - 1) + 1;
    const previousStart = text.lastIndexOf("\n", lineStart - 2) + 1;
    const previous = text.slice(previousStart, lineStart - 1);
    if (previous.startsWith("# Default: ")) {
      text = `${text.slice(0, previousStart)}# Default: ${describeDefault(value)}${
        text.slice(lineStart - 1)
      }`;
    }
  }
  return text;
}
