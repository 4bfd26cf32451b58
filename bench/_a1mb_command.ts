/**
 * How the Modbus benchmarks run a1mb and their C helpers: the a1mb command line (from source,
 * or the shipped sdm630 bundle with the compile permissions), a configuration file per run, and
 * the C load generators and responders compiled into a temp dir (no binaries are committed).
 *
 * @module
 */
import { bundle, bundleRtuWorker, RUN_PERMISSIONS, RUN_V8_FLAGS } from "../tests/build/_bundle.ts";
import { RTU_WORKER_BUNDLE } from "../host/rtu_worker_url.ts";
import { type BenchProcess, startProcess } from "./_bench_process.ts";

/** The repository root (with a trailing slash). */
export const ROOT = new URL("..", import.meta.url).pathname;

/** The telegram the benchmarks feed: Belgian 3-phase, 13 months of peak history (1370 bytes). */
export const FLUVIUS_13_MONTHS =
  `${ROOT}tests/fixtures/telegrams/arduino-dsmr-fork_test_full_be_3x230V_13months.txt`;

/** The value after `name` on the command line, or `fallback`. */
export function benchOption(name: string, fallback: string): string {
  const at = Deno.args.indexOf(name);
  return at >= 0 ? Deno.args[at + 1] ?? fallback : fallback;
}

/**
 * The malloc settings the service unit gives a1mb (`Environment=MALLOC_…` lines of
 * deploy/a1mb.service), so a benchmark runs a1mb's memory as the service does.
 */
export function unitMallocEnvironment(): Record<string, string> {
  const unit = Deno.readTextFileSync(`${ROOT}deploy/a1mb.service`);
  const env: Record<string, string> = {};
  for (const [, key, value] of unit.matchAll(/^Environment=(MALLOC_[A-Z_]+)=(\S+)$/gm)) {
    env[key!] = value!;
  }
  return env;
}

/** How a1mb is started in a benchmark. */
export interface A1mbRunner {
  /** "bundle" or "from source". */
  readonly label: string;
  /** Starts a1mb with `config` and waits for the line matching `ready`. */
  start(config: string, ready: RegExp, env?: Record<string, string>): Promise<BenchProcess>;
  /** Removes the bundle, if one was built. */
  dispose(): Promise<void>;
}

/**
 * A runner for a1mb: from source with the artefacts' V8 flags, or (`useBundle`) as users run
 * it, the sdm630 bundle and the RTU worker's bundle beside it, with the compile permissions;
 * either way with the service unit's malloc settings ({@linkcode unitMallocEnvironment}).
 */
export async function a1mbRunner(useBundle: boolean): Promise<A1mbRunner> {
  let dir = "";
  let args: string[] = ["run", "-A", ...RUN_V8_FLAGS, "main.ts"];
  let worker = ["run", "-A", "host/rtu_worker.ts"];
  if (useBundle) {
    dir = await Deno.makeTempDir({ prefix: "a1mb-bench-bundle-" });
    await bundle("variants/sdm630/main.ts", `${dir}/a1mb-sdm630.js`);
    await bundleRtuWorker(dir);
    args = ["run", "--no-config", ...RUN_PERMISSIONS, ...RUN_V8_FLAGS, `${dir}/a1mb-sdm630.js`];
    worker = ["run", "--no-config", "-A", `${dir}/${RTU_WORKER_BUNDLE}`];
  }
  // Deno analyses a module file it has not seen before once and caches the result; a new bundle
  // costs the process that first loads it ~20 MB at its peak. The service pays that once per
  // upgrade, a benchmark should not: both modules are loaded once here (the worker's module
  // alone, as a main module, returns at once).
  for (const warm of [[...args, "--version"], worker]) {
    const out = await new Deno.Command(Deno.execPath(), { args: warm, cwd: ROOT }).output();
    if (out.code !== 0) throw new Error(`deno ${warm.join(" ")} failed (${out.code})`);
  }
  return {
    label: useBundle ? "bundle" : "from source",
    async start(config, ready, env) {
      const p = startProcess(Deno.execPath(), [...args, "run", "--config", config], ROOT, {
        ...unitMallocEnvironment(),
        ...env,
      });
      try {
        await p.waitFor(ready);
      } catch (error) {
        await p.stop();
        throw error;
      }
      return p;
    },
    async dispose() {
      if (dir !== "") await Deno.remove(dir, { recursive: true });
    },
  };
}

/** What {@linkcode a1mbConfig} writes besides the body. */
export interface A1mbConfigOptions {
  /** TOML lines of `[a1]`; the simulator when absent. */
  readonly a1?: string;
  /** `[control] http` address ("127.0.0.1:PORT"); off when absent. */
  readonly http?: string;
}

/**
 * Writes an a1mb configuration into `dir`: no LEDs, no control socket, log level info, the A1
 * side and the status endpoint as `options` say, then `body`.
 */
export async function a1mbConfig(
  dir: string,
  body: string,
  options: A1mbConfigOptions = {},
): Promise<string> {
  const path = `${dir}/a1mb-${crypto.randomUUID()}.toml`;
  const a1 = options.a1 ?? 'source = "simulator"\n';
  const http = options.http === undefined ? "" : `http = "${options.http}"\n`;
  await Deno.writeTextFile(
    path,
    `[a1]\n${a1}[leds]\ndriver = "none"\n[control]\nsocket = ""\n${http}[log]\nlevel = "info"\n${body}`,
  );
  return path;
}

/** Compiles the C helpers `names` (bench/c/NAME.c) into `dir`; returns their paths by name. */
export async function compileTools(
  dir: string,
  names: readonly string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const exe = `${dir}/${name}`;
    const r = await new Deno.Command("gcc", {
      args: ["-O2", "-Wall", "-o", exe, `${ROOT}bench/c/${name}.c`],
      stderr: "piped",
    }).output();
    if (r.code !== 0) throw new Error(`gcc ${name}.c: ${new TextDecoder().decode(r.stderr)}`);
    out[name] = exe;
  }
  return out;
}
