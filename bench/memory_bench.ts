/**
 * Memory under the mixed load (issue 14, goal 4): a1mb's resident memory, idle and at its peak
 * while 16 lock-step TCP connections (`bench/c/tcp_load.c`) saturate it, its RTU slave is polled
 * (`bench/c/rtu_rtt.c` on a pty at 115200) and telegrams arrive 10 per second, beside the bare
 * Deno TCP responder (`bench/_peers/bare_tcp_responder.ts`) under the same TCP load, alone and
 * with an idle worker thread (the floor of any design with a second JavaScript engine).
 *
 * Shorter than `bench/rtu_timing_bench.ts` (which measures the same peak among the RTU timing
 * figures): it measures memory only, so it can compare a1mb's configurations side by side.
 * Each system starts afresh per round; the ratios are taken within a round, then the median and
 * range over the rounds are printed.
 *
 *   deno run -A bench/memory_bench.ts [--rounds 3] [--load-ms 6000] [--bundle]
 *     [--systems a1mb-worker,a1mb-main,a1mb-off,bare,bare-worker] [--a1mb-v8-flags "…"]
 *
 * `a1mb-worker` / `a1mb-main`: RTU served in the worker thread / the main thread; `a1mb-off`: RTU
 * off (TCP and telegrams only). `--a1mb-v8-flags` adds DENO_V8_FLAGS to a1mb's own flags.
 *
 * @module
 */
import { type BenchProcess, freePort, memoryMb, startProcess } from "./_bench_process.ts";
import {
  a1mbConfig,
  a1mbRunner,
  benchOption,
  compileTools,
  FLUVIUS_13_MONTHS,
  ROOT,
} from "./_a1mb_command.ts";
import { systemClock } from "../drivers/clock.ts";
import { sleep } from "../drivers/sleep.ts";
import { spread } from "./_stats.ts";

const TELEGRAM = FLUVIUS_13_MONTHS;

const option = benchOption;
const rounds = Number(option("--rounds", "3"));
/** How long the TCP load lasts where no RTU meter decides it, ms. */
const loadMs = Number(option("--load-ms", "6000"));
const systems = option("--systems", "a1mb-worker,bare,bare-worker").split(",").filter((s) =>
  s !== ""
);
const v8Flags = option("--a1mb-v8-flags", "");
/** Extra environment for a1mb, `KEY=VALUE,…` (e.g. `MALLOC_ARENA_MAX=1`). */
const a1mbEnv: Record<string, string> = Object.fromEntries(
  option("--a1mb-env", "").split(",").filter((kv) => kv.includes("=")).map((kv) => {
    const at = kv.indexOf("=");
    return [kv.slice(0, at), kv.slice(at + 1)];
  }),
);
const rtuCount = Number(option("--rtu-count", "2000"));
const a1mb = await a1mbRunner(Deno.args.includes("--bundle"));

/** One system in one round. */
interface Figures {
  /** Resident after start-up and a second of telegrams, before any load, MB. */
  readonly idle: number;
  /** The peak (VmHWM) at the end of the load, MB. */
  readonly peak: number;
  /** TCP requests per second under the load. */
  readonly rps: number;
  /** RTU round trip p99 under the load, µs (null: RTU not served). */
  readonly rtuP99: number | null;
}

async function startA1mb(
  thread: string,
  device: string | null,
  tcpPort: number,
  dir: string,
): Promise<BenchProcess> {
  const rtu = device === null
    ? `[modbus.rtu]\nenabled = false\n`
    : `[modbus.rtu]\nenabled = true\ndevice = "${device}"\naddress = 2\nbaud = 115200\n` +
      `response_delay_ms = "auto"\nthread = "${thread}"\n`;
  const config = await a1mbConfig(
    dir,
    `${rtu}[modbus.tcp]\nenabled = true\nlisten = "127.0.0.1:${tcpPort}"\nmax_connections = 64\n`,
    {
      a1: `source = "file"\nfile = "${TELEGRAM}"\ninterval_ms = 100\nloop = true\n`,
      http: `127.0.0.1:${freePort()}`,
    },
  );
  const env = v8Flags === "" ? a1mbEnv : { ...a1mbEnv, DENO_V8_FLAGS: v8Flags };
  const p = await a1mb.start(config, /Modbus TCP: listening/, env);
  if (device !== null) await p.waitFor(/Modbus RTU: serving address 2/);
  return p;
}

async function measure(
  system: string,
  dir: string,
  tools: Record<string, string>,
): Promise<Figures> {
  const stopAll: BenchProcess[] = [];
  try {
    const tcpPort = freePort();
    let meter: BenchProcess | null = null;
    let server: BenchProcess;
    if (system.startsWith("a1mb-")) {
      const thread = system.slice("a1mb-".length);
      let device: string | null = null;
      if (thread !== "off") {
        meter = startProcess(tools.rtu_rtt!, [`${rtuCount}`, "300", "rt"]);
        stopAll.push(meter);
        device = await meter.waitFor(/^\/dev\/pts\//);
      }
      server = await startA1mb(thread, device, tcpPort, dir);
    } else {
      server = startProcess(Deno.execPath(), [
        "run",
        "-A",
        `${ROOT}bench/_peers/bare_tcp_responder.ts`,
        `${tcpPort}`,
        ...(system === "bare-worker" ? ["--idle-worker"] : []),
      ]);
      await server.waitFor(/^ready$/);
    }
    stopAll.push(server);
    await sleep(systemClock, 1000); // telegrams arrive, start-up garbage settles
    const idle = memoryMb(server.pid).rss;
    const load = startProcess(tools.tcp_load!, ["127.0.0.1", `${tcpPort}`, "16", "0", "500", "2"]);
    stopAll.push(load);
    await load.waitFor(/^loading$/);
    await sleep(systemClock, 500);
    let rtuP99: number | null = null;
    if (meter === null) await sleep(systemClock, loadMs);
    else {
      await meter.send("go");
      const rtt = JSON.parse(await meter.waitFor(/^\{/, 60_000 + rtuCount * 20)) as {
        errors: number;
        p99_us: number;
      };
      if (rtt.errors > 0) throw new Error(`${system}: ${rtt.errors} RTU requests unanswered`);
      rtuP99 = rtt.p99_us;
    }
    const peak = memoryMb(server.pid).peak;
    await load.send("stop");
    const tcp = JSON.parse(await load.waitFor(/^\{/, 10_000)) as {
      errors: number;
      requests: number;
      seconds: number;
    };
    if (tcp.errors > 0) throw new Error(`${system}: ${tcp.errors} wrong TCP replies`);
    return { idle, peak, rps: tcp.requests / tcp.seconds, rtuP99 };
  } finally {
    for (const p of stopAll.reverse()) await p.stop();
  }
}

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-memory-" });
  try {
    const tools = await compileTools(dir, ["tcp_load", "rtu_rtt"]);
    const runs: Record<string, Figures>[] = [];
    for (let round = 1; round <= rounds; round++) {
      const run: Record<string, Figures> = {};
      for (const system of systems) {
        Deno.stderr.writeSync(new TextEncoder().encode(`… round ${round}/${rounds}: ${system}\n`));
        run[system] = await measure(system, dir, tools);
      }
      runs.push(run);
    }
    const lines = [
      `${rounds} rounds; TCP: 16 lock-step connections for ${loadMs} ms; a1mb ${a1mb.label}, ` +
      `telegrams every 100 ms, RTU polled at 115200${
        v8Flags === "" ? "" : `, DENO_V8_FLAGS="${v8Flags}"`
      }; ${new Date().toISOString().slice(0, 10)}, load average ${Deno.loadavg()[0]?.toFixed(1)}`,
      "",
      "| system | idle RSS, MB | peak RSS under load, MB | peak ÷ bare peak | TCP req/s | RTU p99, µs |",
      "|---|---|---|---|---|---|",
    ];
    for (const system of systems) {
      const idle = runs.map((r) => r[system]!.idle);
      const peak = runs.map((r) => r[system]!.peak);
      const ratio = runs.flatMap((r) =>
        r.bare === undefined ? [] : [r[system]!.peak / r.bare.peak]
      );
      lines.push(
        `| ${system} | ${spread(idle, 1)} | ${spread(peak, 1)} | ${
          ratio.length === 0 ? "–" : spread(ratio, 2)
        } | ${spread(runs.map((r) => r[system]!.rps), 0)} | ${
          system.startsWith("a1mb-") && system !== "a1mb-off"
            ? spread(runs.map((r) => r[system]!.rtuP99 ?? 0), 0)
            : "–"
        } |`,
      );
    }
    Deno.stdout.writeSync(new TextEncoder().encode(`${lines.join("\n")}\n`));
  } finally {
    await Deno.remove(dir, { recursive: true });
    await a1mb.dispose();
  }
}

if (import.meta.main) await main();
