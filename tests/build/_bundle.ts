/**
 * Building and running per-variant bundles for the build and ARM tests: `deno bundle` of a
 * per-variant entry, the permissions the compile tasks grant, and a runner that starts a bundle
 * (optionally under qemu) with a configuration and follows its log.
 *
 * @module
 */

import { RTU_WORKER_BUNDLE } from "../../host/rtu_worker_url.ts";
import { spawnFollowed } from "../_child_process.ts";

/** The repository root. */
export const ROOT = new URL("../..", import.meta.url);

/**
 * The permissions a built a1mb needs, found by running the bundle without any and adding what
 * it asked for: read (configuration, telegram files), write (settings saved into the
 * configuration, trace and log files), net (Modbus TCP, TCP source, passthrough, HomeWizard API,
 * MQTT), ffi (serial ports, the systemd socket and sysfs LEDs through libc — Deno refuses /sys to
 * read and write grants, it wants `--allow-all`; a name-scoped `--allow-ffi=libc.so.6` does not
 * work: Deno resolves it against the working directory), the list of network interfaces (the
 * addresses the HomeWizard API is announced on over mDNS) and the environment: the systemd
 * variables, and with `[mqtt]` on, MQTT.js's `debug` module lists the whole environment when it
 * loads (a name-scoped `--allow-env` makes that throw). Reading the environment grants nothing
 * that `--allow-ffi` does not already. deno.json's `compile:<variant>:<target>` tasks use exactly
 * these.
 */
export const RUN_PERMISSIONS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-ffi",
  "--allow-sys=networkInterfaces",
  "--allow-env",
];

/**
 * The V8 flags every artefact runs with (the compile tasks bake them in, the bundle wrapper of
 * `deploy/install.sh` passes them): V8 grows its young generation up to 3 × 16 MB under a burst of
 * Modbus TCP requests; 2 MB semi-spaces keep the peak RSS near 60 MB at the same throughput
 * (`bench/modbus_bench.ts --bundle` shows both).
 */
export const RUN_V8_FLAGS: readonly string[] = ["--v8-flags=--max-semi-space-size=2"];

/** The arguments after `deno run [options]` that run `bundleFile` as the artefacts run. */
export function artefactRunArgs(bundleFile: string, configFile: string): string[] {
  return [...RUN_PERMISSIONS, ...RUN_V8_FLAGS, bundleFile, "run", "--config", configFile];
}

/** Bundles `entry` (relative to the root) into `output` with `deno bundle`; throws on failure. */
export async function bundle(entry: string, output: string): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--platform", "deno", "--output", output, entry],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) {
    throw new Error(`deno bundle ${entry} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return await Deno.readTextFile(output);
}

/** Bundles the RTU worker thread's module beside the variant bundles in `dir`, as the tasks do. */
export function bundleRtuWorker(dir: string): Promise<string> {
  return bundle("host/rtu_worker.ts", `${dir}/${RTU_WORKER_BUNDLE}`);
}

/** A running bundle. */
export interface BundleProcess {
  /** Every log line so far. */
  readonly lines: string[];
  /** Resolves once a log line matches `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL) and returns its exit code. */
  stop(): Promise<number>;
}

/**
 * Runs `command args… run --config <configPath>` from a temp dir (so no deno.json applies),
 * following stdout and stderr.
 */
export function startBundle(command: string, args: readonly string[], cwd: string): BundleProcess {
  const child = spawnFollowed(command, args, { cwd, killAfterMs: 10_000 });
  return {
    lines: child.lines,
    async waitForLog(pattern, timeoutMs) {
      await child.waitForLine(pattern, timeoutMs);
    },
    stop: () => child.stop(),
  };
}

/** A configuration replaying `telegrams` once a `intervalMs`, serving Modbus TCP on `port`. */
export function fileTcpConfig(
  telegrams: string,
  port: number,
  rtuDevice?: string,
  rtuThread: "main" | "worker" = "main",
): string {
  return `[a1]
source = "file"
file = "${telegrams}"
interval_ms = 250
[modbus.rtu]
enabled = ${rtuDevice !== undefined}
${rtuDevice !== undefined ? `device = "${rtuDevice}"` : ""}
address = 2
thread = "${rtuThread}"
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${port}"
[leds]
driver = "none"
[control]
socket = ""
`;
}
