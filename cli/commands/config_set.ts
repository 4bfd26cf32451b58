/**
 * `a1mb config set KEY=VALUE…`: checks every pair with the schema (all or nothing), then saves
 * them in place (comments and layout kept, atomically). While an instance runs on that file, the
 * instance saves them (its ConfigManager, the one writer, as for Modbus setting writes) and
 * shows them as pending until a reboot; otherwise the command writes the file itself.
 *
 * @module
 */
import { parse } from "smol-toml";
import {
  applyConfigChanges,
  type ChangeProblem,
  checkConfigText,
  type ConfigChange,
  formatChangeProblem,
  readConfigText,
  showSetting,
  writeFileAtomic,
} from "../../config/mod.ts";
import { type CommandEnv, UsageError } from "../command.ts";
import { askInstance, sameFile } from "../instance.ts";
import type { Printer } from "../printer.ts";

/**
 * The value of a `KEY=VALUE` argument: TOML (`7`, `"even"`, `true`, `0.5`), or else the text
 * itself as a string (a bare word: `even`, `/dev/ttyUSB1`, `0.0.0.0:1502`).
 *
 * @example
 * ```ts
 * import { parseSetValue } from "./config_set.ts";
 * parseSetValue("19200"); // 19200n (a TOML integer)
 * parseSetValue("even"); // "even"
 * parseSetValue('"even"'); // "even"
 * ```
 */
export function parseSetValue(text: string): unknown {
  try {
    return parse(`v = ${text}`, { integersAsBigInt: true }).v;
  } catch {
    return text;
  }
}

/** `KEY=VALUE` arguments as changes; a pair without `=` is a usage error. */
export function parsePairs(pairs: readonly string[]): ConfigChange[] {
  if (pairs.length === 0) throw new UsageError("config set: give at least one KEY=VALUE");
  return pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      throw new UsageError(`config set: "${pair}" is not KEY=VALUE (e.g. modbus.rtu.address=7)`);
    }
    return { key: pair.slice(0, eq).trim(), value: parseSetValue(pair.slice(eq + 1)) };
  });
}

function printProblems(printer: Printer, problems: readonly ChangeProblem[]): void {
  for (const p of problems) printer.err(`a1mb config set: ${formatChangeProblem(p)}`);
  printer.err(`a1mb config set: nothing was written (${problems.length} problem(s))`);
}

/** Runs `config set` on `configPath` for the build of `env`; returns the exit code. */
export async function configSet(
  configPath: string,
  pairs: readonly string[],
  { printer, build }: CommandEnv,
): Promise<number> {
  const changes = parsePairs(pairs);
  const read = await readConfigText(configPath);
  if (!read.ok) {
    printer.err(`a1mb config set: cannot read ${configPath}: ${read.reason}`);
    return 1;
  }
  const edit = applyConfigChanges(read.text, changes, {
    numbers: "toml",
    build: build.variant,
  });
  if (!edit.ok) {
    printProblems(printer, edit.problems);
    return 1;
  }
  const saved = edit.changes.map((c) => `${c.key} = ${showSetting(c.key, c.value)}`).join(", ");

  // An instance on this file saves the changes itself, so that it shows them as pending.
  // Its socket is the one the file names now (or, when the file only loads after the edit, after).
  const before = checkConfigText(read.text, { build: build.variant });
  const socket = (before.ok ? before.config : edit.config).control.socket;
  const asked = socket === "" ? null : await askInstance(socket, "config");
  if (asked !== null && asked.kind === "failed") {
    printer.err(`a1mb config set: ${asked.error}`);
    printer.err("a1mb config set: nothing was written (the running instance must save it)");
    return 1;
  }
  const runsThisFile = asked?.kind === "answer" && typeof asked.body.config === "string" &&
    await sameFile(asked.body.config, configPath);
  if (asked !== null && runsThisFile) {
    const values = Object.fromEntries(edit.changes.map((c) => [c.key, c.value]));
    const answer = await askInstance(socket, "set", JSON.stringify(values));
    if (answer.kind !== "answer") {
      printer.err(`a1mb config set: ${answer.error}`);
      printer.err("a1mb config set: nothing was written");
      return 1;
    }
    if (answer.status !== 200) {
      const problems = answer.body.problems as ChangeProblem[] | undefined;
      if (problems !== undefined && problems.length > 0) printProblems(printer, problems);
      else printer.err(`a1mb config set: ${String(answer.body.error)}`);
      return 1;
    }
    printer.out(`Saved ${saved} in ${configPath}.`);
    printer.out("The running a1mb shows it as pending; it takes effect at `a1mb reboot`.");
    return 0;
  }

  try {
    await writeFileAtomic(configPath, edit.text);
  } catch (error) {
    printer.err(`a1mb config set: cannot write ${configPath}: ${(error as Error).message}`);
    return 1;
  }
  printer.out(`Saved ${saved} in ${configPath}.`);
  if (asked?.kind === "answer") {
    printer.out(
      `The running a1mb uses ${
        String(asked.body.config ?? "its embedded default")
      }, not this file: it was not told.`,
    );
  } else {
    printer.out("No a1mb is running on it: the values take effect when it starts.");
  }
  return 0;
}
