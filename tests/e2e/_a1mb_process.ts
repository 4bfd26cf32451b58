/**
 * Runs the real a1mb process (`deno run -A <entry> run --config <tmp>`) for end-to-end and
 * interop tests: writes the configuration into a temp dir, follows the log on stderr, and stops
 * the process (SIGTERM, then SIGKILL) when done.
 *
 * @module
 */
import { spawnFollowed } from "../_child_process.ts";

/** The repository root. */
export const ROOT = new URL("../..", import.meta.url);

/** The development entry (the sdm630 build). */
export const MAIN_ENTRY = "main.ts";

/** The entry with the tests' variant (settings at 0x0014 & co.). */
export const TEST_VARIANT_ENTRY = "tests/e2e/_test_variant_main.ts";

/** A running a1mb process. */
export interface A1mbProcess {
  readonly pid: number;
  readonly dir: string;
  readonly configPath: string;
  /** Every log line so far. */
  readonly lines: string[];
  /** Resolves once a log line matches `pattern` (searching lines already seen first). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Number of log lines matching `pattern`. */
  count(pattern: RegExp): number;
  /** Sends `signal` to the process (SIGKILL, SIGSTOP, SIGCONT …). */
  signal(signal: Deno.Signal): void;
  /** Resolves with its exit status once it exits. */
  readonly status: Promise<Deno.CommandStatus>;
  /** Stops the process and removes the temp dir; returns the exit code. */
  stop(): Promise<number>;
}

/** Config sections every test uses: no LEDs, no control socket, the built-in simulator. */
export const QUIET = `
[a1]
source = "simulator"
simulator_interval_ms = 1000
[leds]
driver = "none"
[control]
socket = ""
`;

/** A recorded Belgian telegram (Fluvius, 3 phases, 234.7 V on L1). */
export const FLUVIUS_TELEGRAM = new URL(
  "../fixtures/telegrams/dsmr_parser_FLUVIUS_V171.txt",
  import.meta.url,
).pathname;

/** Like {@linkcode QUIET}, but telegrams replayed from {@linkcode FLUVIUS_TELEGRAM}. */
export const FROM_FILE = `
[a1]
source = "file"
file = "${FLUVIUS_TELEGRAM}"
interval_ms = 500
[leds]
driver = "none"
[control]
socket = ""
`;

/**
 * Starts a1mb with `configText` (a complete TOML file), `deno run -A [denoFlags] entry run`,
 * through `prefix` when given (a command that runs the rest, e.g. `setpriv …`).
 */
export async function startA1mb(
  configText: string,
  entry: string = MAIN_ENTRY,
  denoFlags: readonly string[] = [],
  prefix: readonly string[] = [],
): Promise<A1mbProcess> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-e2e-" });
  const configPath = `${dir}/config.toml`;
  await Deno.writeTextFile(configPath, configText);
  const command = [
    ...prefix,
    Deno.execPath(),
    ...["run", "-A", ...denoFlags, entry, "run", "--config", configPath],
  ];
  const child = spawnFollowed(command[0]!, command.slice(1), { cwd: ROOT });
  return {
    pid: child.pid,
    dir,
    configPath,
    lines: child.lines,
    signal: (signal) => Deno.kill(child.pid, signal),
    status: child.status,
    waitForLog: (pattern, timeoutMs = 15_000) => child.waitForLine(pattern, timeoutMs),
    count: (pattern) => child.lines.filter((l) => pattern.test(l)).length,
    async stop() {
      const code = await child.stop();
      await Deno.remove(dir, { recursive: true });
      return code;
    },
  };
}

/** What one run of the command line printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line of the build whose entry is `entry`: `deno run -A <entry> <args…>`. */
export async function runCli(entry: string, ...args: string[]): Promise<CliRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** A TCP port nobody listens on now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A linked pty pair made by socat: the process opens `a`, a peer master opens `b`. */
export interface SocatPair {
  readonly a: string;
  readonly b: string;
  close(): Promise<void>;
}

/** Starts `socat` linking two raw ptys at `<dir>/ttyA` and `<dir>/ttyB`. */
export async function socatPair(dir: string): Promise<SocatPair> {
  const a = `${dir}/ttyA`;
  const b = `${dir}/ttyB`;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("socat", {
      args: [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  } catch (error) {
    throw new Error(
      `socat is missing (Debian package socat): needed for a linked pty pair (${error})`,
    );
  }
  for (let i = 0; i < 200; i++) {
    try {
      await Deno.stat(a);
      await Deno.stat(b);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  return {
    a,
    b,
    async close() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
    },
  };
}
