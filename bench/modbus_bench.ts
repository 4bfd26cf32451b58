/**
 * Modbus slave benchmark: a1mb (the real process, `main.ts run`) against peers measured in the
 * same run, on the same request (FC04, unit 2, address 0, 2 registers), printed as a table with
 * the goal beside each figure.
 *
 * - Modbus TCP, 16 connections, closed loop: requests/s of a1mb, the pymodbus server (Debian
 *   python3-pymodbus) and a bare Deno responder that answers fixed bytes.
 * - CPU time per request (from /proc, one connection): the same three servers.
 * - a1mb's resident memory (peak) after all of it.
 *
 * RTU timing, with telegrams arriving and under this TCP load, is `bench/rtu_timing_bench.ts`.
 *
 * The load generators are small C programs (bench/c/, compiled here with gcc -O2 into a temp dir;
 * no binaries are committed).
 *
 *   deno run -A bench/modbus_bench.ts [--rounds 3] [--duration-ms 2000]
 *     [--a1mb-v8-flags "--max-semi-space-size=1"] [--bundle]
 *
 * `--bundle` runs a1mb as users do: the sdm630 bundle with the compile permissions.
 *
 * @module
 */
import {
  type BenchProcess,
  cpuMs,
  freePort,
  memoryMb,
  runJson,
  startProcess,
} from "./_bench_process.ts";
import { a1mbConfig, a1mbRunner, compileTools, ROOT } from "./_a1mb_command.ts";
import { formatReport, type TcpFigures } from "./_modbus_table.ts";
import { median } from "./_stats.ts";

const PYTHON = "/usr/bin/python3";

function option(name: string, fallback: number): number {
  const at = Deno.args.indexOf(name);
  return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
}

const durationMs = option("--duration-ms", 2000);
const rounds = option("--rounds", 3);

const warmupMs = option("--warmup-ms", 300);
const at = Deno.args.indexOf("--a1mb-v8-flags");
/** V8 flags for the a1mb processes (DENO_V8_FLAGS), e.g. "--max-semi-space-size=1". */
const a1mbV8Flags = at >= 0 ? Deno.args[at + 1] ?? "" : "";
const a1mbEnv = a1mbV8Flags === "" ? undefined : { DENO_V8_FLAGS: a1mbV8Flags };
/**
 * With --bundle, a1mb runs as users run it: the sdm630 bundle (and the RTU worker's bundle beside
 * it) with the compile permissions.
 */
const a1mb = await a1mbRunner(Deno.args.includes("--bundle"));

interface LoadResult {
  requests: number;
  seconds: number;
  total: number;
  errors: number;
  p50_us: number;
  p99_us: number;
}

/** Starts a TCP server of `kind` on `port` and waits until it serves. */
async function tcpServer(kind: string, port: number, dir: string): Promise<BenchProcess> {
  switch (kind) {
    case "a1mb": {
      const config = await a1mbConfig(
        dir,
        `[modbus.rtu]\nenabled = false\naddress = 2\n[modbus.tcp]\nenabled = true\nlisten = "127.0.0.1:${port}"\n`,
      );
      return await a1mb.start(config, /Modbus TCP: listening/, a1mbEnv);
    }
    case "pymodbus": {
      const p = startProcess(PYTHON, [`${ROOT}bench/_peers/pymodbus_server.py`, "tcp", `${port}`]);
      await p.waitFor(/^ready$/);
      return p;
    }
    default: {
      const p = startProcess(Deno.execPath(), [
        "run",
        "-A",
        `${ROOT}bench/_peers/bare_tcp_responder.ts`,
        `${port}`,
      ]);
      await p.waitFor(/^ready$/);
      return p;
    }
  }
}

async function measureTcp(kind: string, tools: Record<string, string>, dir: string) {
  const port = freePort();
  const server = await tcpServer(kind, port, dir);
  try {
    const load = (connections: number) =>
      runJson<LoadResult>(tools.tcp_load!, [
        "127.0.0.1",
        `${port}`,
        `${connections}`,
        `${durationMs}`,
        `${warmupMs}`,
        "2",
      ]);
    // One connection: the server's CPU time over every reply of the run (warm-up included).
    await load(1); // warm the server up (JIT) before measuring
    const before = cpuMs(server.pid);
    const one = await load(1);
    const cpuUsPerRequest = ((cpuMs(server.pid) - before) * 1000) / one.total;
    const sixteen = await load(16);
    if (one.errors + sixteen.errors > 0) throw new Error(`${kind}: wrong replies`);
    const figures: TcpFigures = {
      rps16: sixteen.requests / sixteen.seconds,
      cpuUsPerRequest,
      peakMb: memoryMb(server.pid).peak,
    };
    return figures;
  } finally {
    await server.stop();
  }
}

/** Progress on stderr (the table goes to stdout). */
function progress(text: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`… ${text}\n`));
}

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-bench-" });
  try {
    const tools = await compileTools(dir, ["tcp_load"]);
    const tcp: Record<string, TcpFigures> = {};
    const a1mbPeakMb: number[] = [];
    // The three servers in turn, `rounds` times; the median of each figure.
    const runs: Record<string, TcpFigures[]> = {};
    for (let round = 1; round <= rounds; round++) {
      for (const kind of ["a1mb", "pymodbus", "bare"]) {
        progress(`TCP ${kind}, round ${round}/${rounds}`);
        const figures = await measureTcp(kind, tools, dir);
        (runs[kind] ??= []).push(figures);
        if (kind === "a1mb") a1mbPeakMb.push(figures.peakMb);
      }
    }
    for (const [kind, list] of Object.entries(runs)) {
      tcp[kind] = {
        rps16: median(list.map((f) => f.rps16)),
        cpuUsPerRequest: median(list.map((f) => f.cpuUsPerRequest)),
        peakMb: Math.max(...list.map((f) => f.peakMb)),
      };
    }
    const lines = formatReport(
      { tcp, a1mbPeakMb },
      `Measured in this run (median of ${rounds} rounds of ${durationMs} ms per load${
        a1mbV8Flags === "" ? "" : `; a1mb with DENO_V8_FLAGS="${a1mbV8Flags}"`
      }; a1mb ${a1mb.label}, RTU off):`,
    );
    Deno.stdout.writeSync(new TextEncoder().encode(`${lines.join("\n")}\n`));
  } finally {
    await Deno.remove(dir, { recursive: true });
    await a1mb.dispose();
  }
}

if (import.meta.main) await main();
