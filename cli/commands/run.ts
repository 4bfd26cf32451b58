/**
 * `a1mb run [--config FILE]`: runs the converter until SIGTERM/SIGINT.
 *
 * @module
 */
import { parseCommandArgs, stringFlag } from "../args.ts";
import type { Command } from "../command.ts";
import { loadConfiguration, startHost } from "../runtime_host.ts";

/** The `run` command. */
export const runCommand: Command = {
  name: "run",
  synopsis: "run [--config FILE]",
  summary: "run the converter (default config.toml) until SIGTERM/SIGINT",
  async run(args, { printer, build }) {
    const parsed = parseCommandArgs("run", args, { config: { type: "string", short: "c" } }, 0);
    const options = { configPath: stringFlag(parsed, "config") ?? "config.toml", build, printer };
    const config = await loadConfiguration(options);
    if (config === null) return 1;
    const host = await startHost(options, config);
    return await host.exit;
  },
};
