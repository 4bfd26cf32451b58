/**
 * The a1mb command line. This module imports no variant: a per-variant entry (such as
 * `variants/sdm630/main.ts`, or `main.ts` in development) hands it the build's variant.
 *
 * @module
 */
import { type BuildInfo, type Command, UsageError } from "./command.ts";
import { checkConfigCommand } from "./commands/check_config.ts";
import { configCommand } from "./commands/config.ts";
import { decodeCommand } from "./commands/decode.ts";
import { demoCommand } from "./commands/demo.ts";
import { mapCommand } from "./commands/map.ts";
import { runCommand } from "./commands/run.ts";
import { rebootCommand } from "./commands/reboot.ts";
import { simulateCommand } from "./commands/simulate.ts";
import { statusCommand } from "./commands/status.ts";
import { traceCommand } from "./commands/trace.ts";
import { type Printer, stdPrinter } from "./printer.ts";
import { VERSION } from "../host/version.ts";

export type { BuildInfo } from "./command.ts";

/** Every subcommand, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [
  runCommand,
  demoCommand,
  statusCommand,
  configCommand,
  rebootCommand,
  checkConfigCommand,
  traceCommand,
  decodeCommand,
  simulateCommand,
  mapCommand,
];

/** The usage text. */
export function usage(): string {
  return [
    "Usage: a1mb <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.flatMap((c) => [`  ${c.synopsis}`, `      ${c.summary}`]),
    "",
    "Options:",
    "  --version  print version, variant and target",
    "  --help     print this help",
  ].join("\n");
}

/** `a1mb <command> --help`: synopsis, summary and options. */
export function commandHelp(command: Command): string {
  const options = command.options ?? [];
  const width = Math.max(0, ...options.map(([flag]) => flag.length));
  return [
    `Usage: a1mb ${command.synopsis}`,
    "",
    command.summary,
    ...(options.length === 0
      ? []
      : ["", "Options:", ...options.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`)]),
  ].join("\n");
}

/** The `--version` line. */
export function versionLine(build: BuildInfo): string {
  return `a1mb ${VERSION} (variant ${build.variant.id}: ${build.variant.model}; target ${build.target})`;
}

/** Runs the CLI with `args` (without the program name) and returns the exit code. */
export async function runCli(
  args: readonly string[],
  build: BuildInfo,
  printer: Printer = stdPrinter,
): Promise<number> {
  const [first, ...rest] = args;
  if (first === "--version" || first === "-V") {
    printer.out(versionLine(build));
    return 0;
  }
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    printer.out(usage());
    return first === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  try {
    if (command === undefined) {
      throw new UsageError(
        first.startsWith("-") ? `unknown option "${first}"` : `unknown command "${first}"`,
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      printer.out(commandHelp(command));
      return 0;
    }
    return await command.run([...rest], { printer, build });
  } catch (error) {
    if (error instanceof UsageError) {
      printer.err(`a1mb: ${error.message}`);
      printer.err(usage());
      return 2;
    }
    throw error;
  }
}

/** Runs the CLI on the process arguments and exits with its code. */
export async function main(build: Omit<BuildInfo, "target"> & { target?: string }): Promise<never> {
  const code = await runCli(Deno.args, { target: Deno.build.target, ...build });
  Deno.exit(code);
}
