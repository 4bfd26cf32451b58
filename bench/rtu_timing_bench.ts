/**
 * RTU timing under load (issue 14, goals 1–4): the RS485 master must never wait for the TCP
 * clients or the telegrams. Each system serves Modbus RTU (a pty at 115200, polled by
 * `bench/c/rtu_rtt.c`) and Modbus TCP from one process where it can, measured quiet and while
 * 16 lock-step TCP connections (`bench/c/tcp_load.c`) saturate it:
 *
 * - **a1mb** (one process per engine asked for: `--engines main,worker`), with telegrams
 *   arriving 10 per second (the 13-month Fluvius telegram from a file, every 100 ms);
 * - **pymodbus** (Debian python3-pymodbus): one asyncio loop serving TCP and RTU, its registers
 *   rewritten 10 times a second;
 * - **floor**: the bare Deno TCP responder (fixed bytes) and the C RTU responder (fixed bytes,
 *   replying at its due time with `clock_nanosleep`, at SCHED_FIFO 10 where allowed, as a1mb's
 *   RTU worker), side by side: what this machine gives a program that does no work at all under
 *   the same load;
 * - **floor2** (under TCP load, delay 0 only): the same with an idle worker thread in the TCP responder,
 *   the memory floor of any design with a second JavaScript engine.
 *
 * Each scenario starts its servers afresh, lets telegrams arrive for a second, holds the TCP
 * load through its warm-up (`--warmup-ms`) before the RTU meter starts, and the meter discards
 * its first 300 round trips. Ratios are taken within a round (the peer measured minutes apart at
 * most), then the median and the range over `--rounds` rounds are printed.
 *
 * The meter runs at real-time priority when it may (SCHED_FIFO; `--meter-normal` turns that
 * off): on a saturated 2-core machine its own wake-up would otherwise count as lateness.
 *
 *   deno run -A bench/rtu_timing_bench.ts [--rounds 3] [--rtu-count 3000] [--warmup-ms 1500]
 *     [--engines main,worker] [--peers pymodbus,floor,floor2] [--bundle] [--meter-normal]
 *     [--awake]
 *
 * `--awake` adds quiet runs with an idle-class busy loop per CPU (`chrt -i 0`): no CPU sleeps,
 * so they show how much of the quiet tail is the machine waking from idle.
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
import {
  type Load,
  type Measurement,
  rtuTimingReport,
  type Scenario,
  type System,
} from "./_rtu_timing_table.ts";
import type { RttFigures } from "./_modbus_table.ts";

const PYTHON = "/usr/bin/python3";
const T35_US = 1750; // 3.5 characters at 115200 baud and above (the spec's fixed 1.75 ms)
const TELEGRAM = FLUVIUS_13_MONTHS;

const option = benchOption;
const rounds = Number(option("--rounds", "3"));
const rtuCount = Number(option("--rtu-count", "3000"));
const warmupMs = Number(option("--warmup-ms", "1500"));
const engines = option("--engines", "main,worker").split(",").filter((e) => e !== "");
/** Which peers run besides a1mb (both by default). */
const peers = option("--peers", "pymodbus,floor,floor2").split(",").filter((p) => p !== "");
const meterRt = !Deno.args.includes("--meter-normal");
const a1mb = await a1mbRunner(Deno.args.includes("--bundle"));
/** The meter's longest run: every round trip slow, plus 50 lost ones (2 s each) before it quits. */
const METER_TIMEOUT_MS = 30_000 + rtuCount * 40 + 50 * 2100;

interface TcpLoad {
  readonly requests: number;
  readonly seconds: number;
  readonly errors: number;
}

/** The servers of one system, started on `device` (RTU) and `tcpPort`. */
async function startSystem(
  system: System,
  delayUs: number,
  device: string,
  tcpPort: number,
  dir: string,
  tools: Record<string, string>,
): Promise<{ processes: BenchProcess[]; tcpPid: number; statusUrl: string | null }> {
  if (system.startsWith("a1mb")) {
    const engine = system.slice("a1mb ".length);
    const http = freePort();
    const config = await a1mbConfig(
      dir,
      `[modbus.rtu]\nenabled = true\ndevice = "${device}"\naddress = 2\nbaud = 115200\n` +
        `response_delay_ms = ${delayUs === 0 ? 0 : '"auto"'}\nthread = "${engine}"\n` +
        `[modbus.tcp]\nenabled = true\nlisten = "127.0.0.1:${tcpPort}"\nmax_connections = 64\n`,
      {
        a1: `source = "file"\nfile = "${TELEGRAM}"\ninterval_ms = 100\nloop = true\n`,
        http: `127.0.0.1:${http}`,
      },
    );
    const p = await a1mb.start(config, /Modbus RTU: serving address 2/);
    await p.waitFor(/Modbus TCP: listening/);
    return { processes: [p], tcpPid: p.pid, statusUrl: `http://127.0.0.1:${http}/status` };
  }
  if (system === "pymodbus") {
    const p = startProcess(PYTHON, [
      `${ROOT}bench/_peers/pymodbus_server.py`,
      "both",
      `${tcpPort}`,
      device,
      "115200",
    ]);
    await p.waitFor(/^ready$/);
    return { processes: [p], tcpPid: p.pid, statusUrl: null };
  }
  const tcp = startProcess(Deno.execPath(), [
    "run",
    "-A",
    `${ROOT}bench/_peers/bare_tcp_responder.ts`,
    `${tcpPort}`,
    ...(system === "floor2" ? ["--idle-worker"] : []),
  ]);
  const rtu = startProcess(tools.rtu_fixed!, [device, `${delayUs}`, "rt"]);
  await Promise.all([tcp.waitFor(/^ready$/), rtu.waitFor(/^ready/)]);
  return { processes: [tcp, rtu], tcpPid: tcp.pid, statusUrl: null };
}

/** What a1mb's /status says: telegrams accepted so far, how its RTU thread is scheduled. */
async function a1mbStatus(
  url: string | null,
): Promise<{ accepted: number; scheduling: string } | null> {
  if (url === null) return null;
  const status = await (await fetch(url)).json() as {
    a1: { telegrams: { accepted: number } };
    modbus: { rtu: { thread?: { engine: string; scheduling: string } } };
  };
  const thread = status.modbus.rtu.thread;
  return {
    accepted: status.a1.telegrams.accepted,
    scheduling: thread === undefined ? "" : `${thread.engine} thread, ${thread.scheduling}`,
  };
}

async function measure(
  scenario: Scenario,
  dir: string,
  tools: Record<string, string>,
): Promise<Measurement> {
  const meter = startProcess(tools.rtu_rtt!, [`${rtuCount}`, "300", ...(meterRt ? ["rt"] : [])]);
  const stopAll: BenchProcess[] = [meter];
  try {
    const device = await meter.waitFor(/^\/dev\/pts\//);
    const tcpPort = freePort();
    const sys = await startSystem(scenario.system, scenario.delayUs, device, tcpPort, dir, tools);
    stopAll.push(...sys.processes);
    await sleep(systemClock, 1000); // telegrams arrive, JIT warms up
    let load: BenchProcess | null = null;
    if (scenario.load === "awake") {
      // An idle-class busy loop per CPU: runs only when nothing else wants the CPU, so no CPU
      // ever sleeps (and the machine's wake-up from idle is not part of the figure).
      for (let cpu = 0; cpu < navigator.hardwareConcurrency; cpu++) {
        const spin = startProcess("chrt", ["-i", "0", "sh", "-c", "while :; do :; done"]);
        stopAll.push(spin);
      }
    }
    if (scenario.load === "tcp") {
      load = startProcess(tools.tcp_load!, [
        "127.0.0.1",
        `${tcpPort}`,
        "16",
        "0",
        `${warmupMs}`,
        "2",
      ]);
      stopAll.push(load);
      await load.waitFor(/^loading$/);
      await sleep(systemClock, warmupMs);
    }
    const before = await a1mbStatus(sys.statusUrl);
    const started = performance.now();
    await meter.send("go");
    const rtt = JSON.parse(
      await meter.waitFor(/^\{/, METER_TIMEOUT_MS).catch((error) => {
        const log = sys.processes.flatMap((p) => p.lines).slice(-20).join("\n");
        const wchan = Deno.readTextFileSync(`/proc/${meter.pid}/wchan`);
        throw new Error(`${error.message}\nmeter waits in ${wchan}; server said:\n${log}`);
      }),
    ) as RttFigures & { rt: number };
    const seconds = (performance.now() - started) / 1000;
    let tcp: TcpLoad | null = null;
    if (load !== null) {
      await load.send("stop");
      tcp = JSON.parse(await load.waitFor(/^\{/, 10_000)) as TcpLoad;
      if (tcp.errors > 0) throw new Error(`${scenario.system}: ${tcp.errors} wrong TCP replies`);
    }
    const after = await a1mbStatus(sys.statusUrl);
    return {
      scenario,
      rtt,
      meterRt: rtt.rt === 1,
      tcpRps: tcp === null ? null : tcp.requests / tcp.seconds,
      peakMb: memoryMb(sys.tcpPid).peak,
      telegramsPerS: before === null || after === null
        ? null
        : (after.accepted - before.accepted) / seconds,
      scheduling: after?.scheduling ?? null,
    };
  } finally {
    for (const p of stopAll.reverse()) await p.stop();
  }
}

function progress(text: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`… ${text}\n`));
}

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-rtu-timing-" });
  try {
    const tools = await compileTools(dir, ["tcp_load", "rtu_rtt", "rtu_fixed"]);
    const systems: System[] = [
      ...engines.map((e) => `a1mb ${e}` as System),
      ...peers.filter((p): p is System => p === "pymodbus" || p === "floor" || p === "floor2"),
    ];
    const scenarios: Scenario[] = [];
    const loads: Load[] = Deno.args.includes("--awake")
      ? ["quiet", "awake", "tcp"]
      : ["quiet", "tcp"];
    for (const load of loads) {
      for (const system of systems) {
        if (system === "floor2") {
          if (load === "tcp") scenarios.push({ system, delayUs: 0, load });
          continue;
        }
        scenarios.push({ system, delayUs: 0, load });
        if (system !== "pymodbus") scenarios.push({ system, delayUs: T35_US, load });
      }
    }
    const results: Measurement[][] = [];
    for (let round = 1; round <= rounds; round++) {
      const list: Measurement[] = [];
      for (const scenario of scenarios) {
        progress(
          `round ${round}/${rounds}: ${scenario.system}, delay ${scenario.delayUs} µs, ${
            { quiet: "quiet", awake: "quiet, CPUs kept awake", tcp: "16 TCP connections" }[
              scenario.load
            ]
          }`,
        );
        list.push(await measure(scenario, dir, tools));
      }
      results.push(list);
    }
    const lines = rtuTimingReport(results, {
      t35Us: T35_US,
      header:
        `${rounds} rounds; RTU: ${rtuCount} round trips at 115200 after 300 warm-up ones; TCP: 16 ` +
        `lock-step connections, ${warmupMs} ms warm-up; a1mb ${a1mb.label}, telegrams every 100 ms; ` +
        `${new Date().toISOString().slice(0, 10)}, load average ${Deno.loadavg()[0]?.toFixed(1)}`,
    });
    Deno.stdout.writeSync(new TextEncoder().encode(`${lines.join("\n")}\n`));
  } finally {
    await Deno.remove(dir, { recursive: true });
    await a1mb.dispose();
  }
}

if (import.meta.main) await main();
