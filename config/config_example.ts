/**
 * A build's annotated default configuration: config.toml (every key documented, its value the
 * default) with each key a build sets for itself (`perBuild: "default"`: the Modbus address,
 * baud and parity) stated with this build's value. config.toml leaves those keys commented out
 * (`# address = 2` below `# Default: the build's …`), so that the build's own default applies
 * whatever binary reads the file; the example keeps them commented out and writes in the
 * build's value (`# Default: 11 (the dtsu666h build's factory default)`, `# address = 11`).
 * What `a1mb config example` prints and `deploy/install.sh` installs.
 *
 * @module
 */
import { type ConfigBuild, configDefaults } from "./build_defaults.ts";
import { configValue } from "./config_view.ts";
import { describeDefault } from "./describe.ts";
import { CONFIG_SCHEMA } from "./schema.ts";

/** How config.toml starts the default line of a key each build sets (its key is commented out). */
export const BUILD_DEFAULT_LINE = "# Default: the build's";

/**
 * config.toml text with the build's own defaults written into the lines that document them
 * (everything else kept byte for byte).
 *
 * @param template config.toml as shipped
 * @param build the build whose factory defaults are written in
 * @throws {TypeError} if the template does not document a key a build sets as config.toml does
 * @example
 * ```ts
 * import { exampleConfig } from "./config_example.ts";
 * // config.toml's [modbus.rtu] keys that each build sets, as it documents them:
 * const template = ["[modbus.rtu]"];
 * for (const [key, value] of [["baud", "9600"], ["parity", '"none"'], ["address", "2"]]) {
 *   template.push("# Default: the build's", `# ${key} = ${value}`);
 * }
 * const build = {
 *   id: "dtsu666h",
 *   config: { defaults: { "modbus.rtu.address": 11 }, options: [] },
 * };
 * const example = exampleConfig(`${template.join("\n")}\n`, build);
 * // … # Default: 11 (the dtsu666h build's factory default)
 * //   # address = 11
 * if (!example.endsWith("# Default: 11 (the dtsu666h build's factory default)\n# address = 11\n")) {
 *   throw new Error(example);
 * }
 * ```
 */
export function exampleConfig(template: string, build: ConfigBuild): string {
  const defaults = configDefaults(build);
  const lines = template.split("\n");
  const owner = `the ${build.id} build's factory default`;
  for (const descriptor of CONFIG_SCHEMA) {
    if (descriptor.perBuild !== "default") continue;
    const cut = descriptor.path.lastIndexOf(".");
    const table = descriptor.path.slice(0, cut);
    const leaf = descriptor.path.slice(cut + 1);
    const at = commentedKeyLine(lines, table, leaf);
    if (at === null) {
      throw new TypeError(
        `The configuration template does not document "${descriptor.path}" as a build's own ` +
          `key ("${BUILD_DEFAULT_LINE} …" above "# ${leaf} = …")`,
      );
    }
    const value = describeDefault(configValue(defaults, descriptor.path));
    lines[at - 1] = `# Default: ${value} (${owner})`;
    lines[at] = `# ${leaf} = ${value}`;
  }
  return lines.join("\n");
}

/** The index of `# leaf = …` in `[table]` just below a build's default line, or null. */
function commentedKeyLine(lines: readonly string[], table: string, leaf: string): number | null {
  let current = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const header = /^\[([A-Za-z0-9_.]+)\]\s*(#.*)?$/.exec(line);
    if (header !== null) current = header[1] ?? "";
    else if (
      current === table && line.startsWith(`# ${leaf} = `) &&
      (lines[i - 1] ?? "").startsWith(BUILD_DEFAULT_LINE)
    ) {
      return i;
    }
  }
  return null;
}
