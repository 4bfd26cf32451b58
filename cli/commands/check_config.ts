/**
 * `a1mb check-config FILE`: validates a configuration file and reports every problem at once.
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
  async run(args, { printer }) {
    const parsed = parseCommandArgs("check-config", args, {}, 1);
    const path = parsed.positionals[0];
    if (path === undefined) throw new UsageError("check-config: missing FILE");
    const result = await loadConfigFile(path);
    if (!result.ok) {
      for (const problem of result.problems) printer.err(problem);
      return 1;
    }
    printer.out(`${path}: ok`);
    return 0;
  },
};
