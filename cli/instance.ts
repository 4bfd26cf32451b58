/**
 * Finding the running a1mb from the command line: its control socket (from `--socket`, the
 * configuration file's `[control] socket`, or the default) and the settings requests over it.
 * Shared by `a1mb status`, `config` and `reboot`.
 *
 * @module
 */
import { DEFAULT_CONFIG, loadConfigFile } from "../config/mod.ts";
import { requestControl } from "../drivers/control/mod.ts";
import { type ParsedArgs, stringFlag } from "./args.ts";
import { type BuildInfo, UsageError } from "./command.ts";
import type { Printer } from "./printer.ts";

/** How long a control request may take, in ms. */
export const CONTROL_TIMEOUT_MS = 5000;

/** Where `/etc` installs keep the configuration (deploy/install.sh). */
export const INSTALLED_CONFIG = "/etc/a1mb/config.toml";

/**
 * The flags that say which instance a command asks: `--config FILE` (its `[control] socket`) or
 * `--socket PATH`; a command adds its own to them.
 */
export const INSTANCE_FLAGS = {
  config: { type: "string", short: "c" },
  socket: { type: "string" },
} as const;

/**
 * The control socket to ask, from the {@linkcode INSTANCE_FLAGS} in `parsed`: `--socket`, else
 * the `[control] socket` of `--config`, else the default. Null (after printing why) when the
 * file does not load (for `build`) or the socket is off.
 *
 * @throws {UsageError} when both `--socket` and `--config` are given
 */
export async function controlSocketPath(
  command: string,
  parsed: ParsedArgs,
  printer: Printer,
  build: BuildInfo,
): Promise<string | null> {
  const configPath = stringFlag(parsed, "config");
  const socket = stringFlag(parsed, "socket");
  if (socket !== undefined && configPath !== undefined) {
    throw new UsageError(`${command}: choose one of --config and --socket`);
  }
  if (socket !== undefined) return socket;
  if (configPath !== undefined) {
    const loaded = await loadConfigFile(configPath, { build: build.variant });
    if (!loaded.ok) {
      for (const p of loaded.problems) printer.err(p);
      return null;
    }
    if (loaded.config.control.socket === "") {
      printer.err(`a1mb ${command}: the control socket is off ([control] socket = "")`);
      return null;
    }
    return loaded.config.control.socket;
  }
  return DEFAULT_CONFIG.control.socket;
}

/** A settings request's answer: the instance's HTTP-like status and JSON body. */
export type InstanceAnswer =
  /** Nothing listens on the socket. */
  | { readonly kind: "none"; readonly error: string }
  /** The socket is there but the request failed (permission, time-out, an error line). */
  | { readonly kind: "failed"; readonly error: string }
  | { readonly kind: "answer"; readonly status: number; readonly body: Record<string, unknown> };

/** Sends `config`, `set {…}` or `reboot` to the instance on `socket`. Never throws. */
export async function askInstance(
  socket: string,
  command: "config" | "set" | "reboot",
  argument = "",
): Promise<InstanceAnswer> {
  const reply = await requestControl(socket, command, CONTROL_TIMEOUT_MS, argument);
  if (!reply.ok) {
    return reply.noInstance === true
      ? { kind: "none", error: reply.error }
      : { kind: "failed", error: reply.error };
  }
  try {
    const parsed = JSON.parse(reply.body) as { status: number; body: Record<string, unknown> };
    return { kind: "answer", status: parsed.status, body: parsed.body };
  } catch {
    return { kind: "failed", error: `a1mb on ${socket} answered "${command}" with no JSON` };
  }
}

/** The same file? Compared by real path (a symbolic link or `./` spelling is the same file). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => {
    try {
      return await Deno.realPath(p);
    } catch {
      return p;
    }
  };
  return (await real(a)) === (await real(b));
}

/**
 * The configuration file a `config` command works on when `--config` is not given: the one the
 * running instance uses (asked through the default socket), else `/etc/a1mb/config.toml` when
 * it exists, else `config.toml` in the working folder.
 */
export async function defaultConfigPath(): Promise<string> {
  const answer = await askInstance(DEFAULT_CONFIG.control.socket, "config");
  if (answer.kind === "answer" && typeof answer.body.config === "string") {
    return answer.body.config;
  }
  try {
    await Deno.stat(INSTALLED_CONFIG);
    return INSTALLED_CONFIG;
  } catch {
    return "config.toml";
  }
}
