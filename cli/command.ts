/**
 * The shape of a CLI command and what every command gets: the printer and the build it runs in.
 *
 * @module
 */
import type { Variant } from "../variants/api.ts";
import type { Printer } from "./printer.ts";

/** What this build is: the variant it was built with and its target triple. */
export interface BuildInfo {
  /** The one variant of this build. */
  readonly variant: Variant;
  /** Target triple, e.g. `aarch64-unknown-linux-gnu`. */
  readonly target: string;
}

/** Everything a command needs from its caller. */
export interface CommandEnv {
  /** Output channels. */
  readonly printer: Printer;
  /** The build. */
  readonly build: BuildInfo;
}

/** One subcommand of `a1mb`. */
export interface Command {
  /** Name typed on the command line. */
  readonly name: string;
  /** Argument synopsis shown in the usage. */
  readonly synopsis: string;
  /** One-line description. */
  readonly summary: string;
  /** Options shown by `a1mb <command> --help`: flag and what it does. */
  readonly options?: readonly (readonly [flag: string, description: string])[];
  /** Runs the command and returns the process exit code. */
  run(args: string[], env: CommandEnv): Promise<number>;
}

/** A wrong command line: the CLI prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {
  /** @param message one line, naming the offending argument */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
