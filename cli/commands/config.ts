/**
 * `a1mb config get|set|show|example`: read and change the converter's settings as the device's
 * Configuration Tool does, without a text editor or a Modbus tool.
 *
 * - `get KEY`: the effective value of one key, plainly (`2`, `19200`, `even`).
 * - `set KEY=VALUE…`: see `config_set.ts`.
 * - `show [--json]`: every key with its value, default and where it comes from (`file:line` or
 *   default); while an instance runs, its active values beside the saved (pending) ones.
 * - `example`: this build's annotated default configuration.
 *
 * Without `--config`, the file is the running instance's, else `/etc/a1mb/config.toml` when it
 * exists, else `config.toml`.
 *
 * @module
 */
import {
  checkConfigText,
  configRows,
  describeDefault,
  exampleConfig,
  HIDDEN,
  keyDescriptor,
  type KeyRow,
  readConfigText,
  shownValue,
  suggestKey,
} from "../../config/mod.ts";
import { boolFlag, parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, type CommandEnv, UsageError } from "../command.ts";
import { CONFIG_TOML } from "../embedded/files.ts";
import { askInstance, defaultConfigPath, sameFile } from "../instance.ts";
import { configSet } from "./config_set.ts";

const SUBCOMMANDS = ["get", "set", "show", "example"] as const;

/** The `config` command. */
export const configCommand: Command = {
  name: "config",
  synopsis: "config get KEY | set KEY=VALUE… | show [--json] | example  [--config FILE]",
  summary: "read or change settings (checked like check-config; pending until a reboot)",
  options: [
    ["get KEY", "print the effective value of KEY (the build's default when the file lacks it)"],
    ["set KEY=VALUE…", "save values (TOML, or a bare word as a string): all or nothing"],
    ["show [--json]", "every key: value, default, file:line; active vs pending while running"],
    ["example", "print this build's annotated default configuration"],
    ["--config FILE", "the configuration file (default: the running instance's, else"],
    ["", `/etc/a1mb/config.toml when it exists, else config.toml)`],
  ],
  async run(args, env) {
    const parsed = parseCommandArgs("config", args, {
      config: { type: "string", short: "c" },
      json: { type: "boolean" },
    });
    const [sub, ...rest] = parsed.positionals;
    if (sub === undefined) {
      throw new UsageError(`config: say what to do: ${SUBCOMMANDS.join(", ")}`);
    }
    const flagged = stringFlag(parsed, "config");
    switch (sub) {
      case "example":
        if (rest.length > 0) throw new UsageError(`config example: unexpected "${rest[0]}"`);
        env.printer.out(exampleConfig(CONFIG_TOML, env.build.variant).trimEnd());
        return 0;
      case "get":
        if (rest.length !== 1) throw new UsageError("config get: give exactly one KEY");
        return await configGet(flagged ?? await defaultConfigPath(), rest[0] ?? "", env);
      case "set":
        return await configSet(flagged ?? await defaultConfigPath(), rest, env);
      case "show":
        if (rest.length > 0) throw new UsageError(`config show: unexpected "${rest[0]}"`);
        return await configShow(
          flagged ?? await defaultConfigPath(),
          boolFlag(parsed, "json"),
          env,
        );
      default:
        throw new UsageError(
          `config: unknown action "${sub}" (expected ${SUBCOMMANDS.join(", ")})`,
        );
    }
  },
};

/** The file's rows, or null after printing why there are none. */
async function loadRows(
  configPath: string,
  command: string,
  env: CommandEnv,
): Promise<KeyRow[] | null> {
  const read = await readConfigText(configPath);
  if (!read.ok) {
    env.printer.err(`a1mb config ${command}: cannot read ${configPath}: ${read.reason}`);
    return null;
  }
  const checked = checkConfigText(read.text, { build: env.build.variant });
  if (!checked.ok) {
    for (const p of checked.problems) {
      env.printer.err(
        `${configPath}:${p.line}: ${p.key === "" ? "" : `key ${p.key}: `}${p.reason}`,
      );
    }
    env.printer.err(
      `a1mb config ${command}: ${configPath} has ${checked.problems.length} problem(s)`,
    );
    return null;
  }
  return configRows(read.text, checked.config, env.build.variant);
}

async function configGet(configPath: string, key: string, env: CommandEnv): Promise<number> {
  if (keyDescriptor(key) === undefined) {
    const hint = suggestKey(key);
    env.printer.err(
      `a1mb config get: key ${key}: unknown key${
        hint === undefined ? "" : ` (did you mean ${hint}?)`
      }`,
    );
    return 1;
  }
  const rows = await loadRows(configPath, "get", env);
  if (rows === null) return 1;
  const row = rows.find((r) => r.key === key);
  if (row?.value === undefined) {
    env.printer.err(`a1mb config get: ${key} is not set and has no default`);
    return 0;
  }
  env.printer.out(String(row.value));
  return 0;
}

/** A value for `show`: TOML notation, a secret hidden. */
function shown(row: KeyRow, value: unknown): string {
  const v = shownValue(row, value);
  return v === null ? "not set" : v === HIDDEN && row.secret ? HIDDEN : describeDefault(v);
}

async function configShow(configPath: string, json: boolean, env: CommandEnv): Promise<number> {
  const rows = await loadRows(configPath, "show", env);
  if (rows === null) return 1;
  const active = await activeValues(configPath, env);
  const source = (row: KeyRow) => (row.line === null ? "default" : `${configPath}:${row.line}`);
  if (json) {
    env.printer.out(JSON.stringify(
      {
        config: configPath,
        running: active !== null,
        keys: rows.map((row) => {
          const now = active?.get(row.key);
          return {
            key: row.key,
            value: shownValue(row, row.value),
            default: shownValue(row, row.default),
            source: source(row),
            ...(now === undefined ? {} : { active: now.value, pending: now.pending }),
          };
        }),
      },
      null,
      2,
    ));
    return 0;
  }
  const header = active === null
    ? ["KEY", "VALUE", "DEFAULT", "FROM"]
    : ["KEY", "ACTIVE", "SAVED (AFTER REBOOT)", "DEFAULT", "FROM"];
  const lines = rows.map((row) => {
    const value = shown(row, row.value);
    const from = source(row);
    if (active === null) return [row.key, value, shown(row, row.default), from];
    const now = active.get(row.key);
    return [
      row.key,
      now === undefined ? "?" : shown(row, now.value),
      now?.pending ? `${value}  (pending)` : "same",
      shown(row, row.default),
      from,
    ];
  });
  env.printer.out(
    active === null
      ? `${configPath} (no a1mb is running on it)`
      : `${configPath} (a1mb is running on it)`,
  );
  for (const line of table([header, ...lines])) env.printer.out(line);
  return 0;
}

/** The running instance's active values when it runs on `configPath`, else null. */
async function activeValues(
  configPath: string,
  { printer, build }: CommandEnv,
): Promise<Map<string, Active> | null> {
  const read = await readConfigText(configPath);
  const checked = read.ok ? checkConfigText(read.text, { build: build.variant }) : null;
  const socket = checked?.ok ? checked.config.control.socket : "";
  if (socket === "") return null;
  const answer = await askInstance(socket, "config");
  if (answer.kind === "failed") {
    printer.err(`a1mb config show: ${answer.error} (showing the file only)`);
    return null;
  }
  if (answer.kind !== "answer" || typeof answer.body.config !== "string") return null;
  if (!await sameFile(answer.body.config, configPath)) return null;
  const keys = answer.body.keys as { key: string; value: unknown; pending?: unknown }[];
  return new Map(keys.map((k) => [k.key, { value: k.value, pending: "pending" in k }]));
}

/** A key as the running instance has it: its active value and whether the file differs. */
interface Active {
  readonly value: unknown;
  readonly pending: boolean;
}

/** Rows as aligned columns. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length))) ??
    [];
  return rows.map((r) =>
    r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")
      .trimEnd()
  );
}
