/**
 * Changing one setting in config.toml text and checking the whole file still validates: the
 * pure half of a Modbus settings write (the ConfigManager then writes it with `writeFileAtomic`).
 *
 * @module
 */

import type { Config, ConfigPath } from "./config_types.ts";
import { loadConfigText, type LoadOptions } from "./load_config.ts";
import { setTomlValue, type TomlScalar } from "./toml_edit.ts";

/** The edited text and the config it gives, or the problems the edit would cause. */
export type EditResult =
  | { readonly ok: true; readonly text: string; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Sets one config key in config.toml text (comments and layout kept) and validates the result.
 *
 * @example
 * ```ts
 * import { setConfigValue } from "./config_edit.ts";
 * import { writeFileAtomic } from "./atomic_write.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".toml" });
 * const text = "[modbus.rtu]\naddress = 2 # the slave address\n";
 * const edit = setConfigValue(text, "config.toml", "modbus.rtu.address", 7);
 * if (edit.ok) await writeFileAtomic(path, edit.text);
 * // [modbus.rtu]
 * // address = 7 # the slave address
 * if (!(await Deno.readTextFile(path)).includes("address = 7 # the slave address")) {
 *   throw new Error("unexpected");
 * }
 * await Deno.remove(path);
 * ```
 * @param options the build whose defaults apply (see {@linkcode loadConfigText})
 * @throws {SyntaxError} if `text` is not valid TOML (see {@linkcode setTomlValue})
 */
export function setConfigValue(
  text: string,
  fileName: string,
  path: ConfigPath,
  value: TomlScalar,
  options: LoadOptions = {},
): EditResult {
  const edited = setTomlValue(text, path, value);
  const loaded = loadConfigText(edited, fileName, options);
  return loaded.ok ? { ok: true, text: edited, config: loaded.config } : loaded;
}
