/**
 * `a1mb check-config FILE`: validates a configuration file for this build and reports every
 * problem at once; on success it lists the build's factory defaults the file leaves in force.
 *
 * @module
 */
import { loadConfigFile } from "../../config/mod.ts";
import { parseCommandArgs } from "../args.ts";
import { type Command, UsageError } from "../command.ts";

/** The `check-config` command. */
export const checkConfigCommand: Command = {
  name: "check-config",
  synopsis: "check-config FILE",
  summary: "validate a configuration file; print every problem with its line",
  async run(args, { printer, build }) {
    const parsed = parseCommandArgs("check-config", args, {}, 1);
    const path = parsed.positionals[0];
    if (path === undefined) throw new UsageError("check-config: missing FILE");
    const result = await loadConfigFile(path, { build: build.variant });
    if (!result.ok) {
      for (const problem of result.problems) printer.err(problem);
      return 1;
    }
    printer.out(`${path}: ok`);
    const defaults = build.variant.config.defaults;
    for (const key of result.fromBuild) {
      printer.out(
        `  ${key} = ${JSON.stringify(defaults[key])} (the ${build.variant.id} build's default)`,
      );
    }
    return 0;
  },
};
