/**
 * `a1mb status`: asks the running instance over its control socket and prints its effective
 * settings, LEDs, telegram and Modbus counters; `--json` for scripts.
 *
 * @module
 */
import { requestControl } from "../../drivers/control/mod.ts";
import { boolFlag, parseCommandArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { CONTROL_TIMEOUT_MS, controlSocketPath, INSTANCE_FLAGS } from "../instance.ts";
import { renderStatusText } from "../status/render_status.ts";
import type { StatusSnapshot } from "../status/snapshot.ts";

/** The `status` command. */
export const statusCommand: Command = {
  name: "status",
  synopsis: "status [--config FILE | --socket PATH] [--json]",
  summary: "ask the running instance: settings, LEDs, telegrams, Modbus counters",
  async run(args, { printer, build }) {
    const parsed = parseCommandArgs("status", args, {
      ...INSTANCE_FLAGS,
      json: { type: "boolean" },
    }, 0);
    const socket = await controlSocketPath("status", parsed, printer, build);
    if (socket === null) return 1;
    const reply = await requestControl(socket, "status", CONTROL_TIMEOUT_MS);
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
