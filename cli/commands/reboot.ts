/**
 * `a1mb reboot`: the in-process reboot a write to the reboot register makes: every actor stops,
 * the configuration is read again, every actor starts, so saved (pending) settings take effect.
 * Refused, with the problems, while the configuration file would not load.
 *
 * @module
 */
import { requestControl } from "../../drivers/control/mod.ts";
import { parseCommandArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { askInstance, CONTROL_TIMEOUT_MS, controlSocketPath, INSTANCE_FLAGS } from "../instance.ts";

/** How long to wait for the rebooted instance to report ready, in ms. */
const READY_WAIT_MS = 15_000;

/** The `reboot` command. */
export const rebootCommand: Command = {
  name: "reboot",
  synopsis: "reboot [--config FILE | --socket PATH]",
  summary: "restart the running instance in-process: saved settings take effect",
  async run(args, { printer, build }) {
    const parsed = parseCommandArgs("reboot", args, { ...INSTANCE_FLAGS }, 0);
    const socket = await controlSocketPath("reboot", parsed, printer, build);
    if (socket === null) return 1;
    const before = await reboots(socket);
    const answer = await askInstance(socket, "reboot");
    if (answer.kind !== "answer") {
      printer.err(`a1mb reboot: ${answer.error}`);
      return 1;
    }
    if (answer.status !== 202) {
      printer.err(`a1mb reboot: ${String(answer.body.error)}`);
      for (const p of (answer.body.problems as string[] | undefined) ?? []) printer.err(p);
      return 1;
    }
    printer.out("a1mb is rebooting: saved settings take effect now");
    const deadline = Date.now() + READY_WAIT_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const status = await snapshot(socket);
      if (status !== null && before !== null && status.reboots > before && status.ready) {
        printer.out("a1mb rebooted and is ready");
        return 0;
      }
    }
    printer.err(
      `a1mb reboot: not ready within ${READY_WAIT_MS / 1000} s after the reboot: see a1mb status`,
    );
    return 1;
  },
};

async function snapshot(socket: string): Promise<{ reboots: number; ready: boolean } | null> {
  const reply = await requestControl(socket, "status", CONTROL_TIMEOUT_MS);
  if (!reply.ok) return null;
  const body = JSON.parse(reply.body) as { a1mb: { reboots: number }; ready: boolean };
  return { reboots: body.a1mb.reboots, ready: body.ready };
}

async function reboots(socket: string): Promise<number | null> {
  return (await snapshot(socket))?.reboots ?? null;
}
