/**
 * `a1mb status`: asks the running instance over its control socket and prints its effective
 * settings, LEDs, telegram and Modbus counters; `--json` for scripts.
 *
 * @module
 */
import { DEFAULT_CONFIG, loadConfigFile } from "../../config/mod.ts";
import { requestControl } from "../../drivers/control/mod.ts";
import { boolFlag, parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { renderStatusText } from "../status/render_status.ts";
import type { StatusSnapshot } from "../status/snapshot.ts";

/** The `status` command. */
export const statusCommand: Command = {
  name: "status",
  synopsis: "status [--config FILE | --socket PATH] [--json]",
  summary: "ask the running instance: settings, LEDs, telegrams, Modbus counters",
  async run(args, { printer, build }) {
    const parsed = parseCommandArgs("status", args, {
      config: { type: "string", short: "c" },
      socket: { type: "string" },
      json: { type: "boolean" },
    }, 0);
    const configPath = stringFlag(parsed, "config");
    let socket = stringFlag(parsed, "socket");
    if (socket !== undefined && configPath !== undefined) {
      throw new UsageError("status: choose one of --config and --socket");
    }
    if (socket === undefined && configPath !== undefined) {
      const loaded = await loadConfigFile(configPath, { build: build.variant });
      if (!loaded.ok) {
        for (const p of loaded.problems) printer.err(p);
        return 1;
      }
      socket = loaded.config.control.socket;
    }
    socket ??= DEFAULT_CONFIG.control.socket;
    if (socket === "") {
      printer.err('a1mb status: the control socket is off ([control] socket = "")');
      return 1;
    }
    const reply = await requestControl(socket, "status", 5000);
    if (!reply.ok) {
      printer.err(`a1mb status: ${reply.error}`);
      return 1;
    }
    if (boolFlag(parsed, "json")) {
      printer.out(reply.body.trimEnd());
      return 0;
    }
    for (const line of renderStatusText(JSON.parse(reply.body) as StatusSnapshot)) {
      printer.out(line);
    }
    return 0;
  },
};
