/**
 * Soak test (not in CI): a1mb for a long time at 10 telegrams/s with fault injection on the A1
 * side (bad CRCs, truncated telegrams, line noise), 200 Modbus requests/s (100 over RTU at 115200
 * baud, 100 over TCP), and both serial adapters "unplugged" and plugged back in turn: each side
 * is a socat pty pair that is killed and started again at the same path, as a USB adapter
 * vanishes and comes back. Reports RSS at the start and the end and its peak, and every failed
 * request. Failures while a side is unplugged and up to 15 s after it is back are counted apart:
 * no converter can answer over a missing RS485 cable, and with no telegrams measured values go
 * stale (read 0 here) until the A1 reader has reopened its port (back-off 1, 2, 4 s…).
 *
 * a1mb runs from source with the artefacts' V8 flags.
 *
 * Usage: deno run -A bench/soak.ts [--minutes 60] [--unplug-every-s 300]
 * Needs python3-pymodbus (/usr/bin/python3) and socat.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runMeterSimulator } from "../actors/a1/simulator_feed.ts";
import { systemClock } from "../drivers/clock.ts";
import { sleep } from "../drivers/sleep.ts";
import { openSerialPort } from "../drivers/serial/posix_serial_port.ts";
import type { SerialPort } from "../drivers/serial/serial_port.ts";
import { RUN_V8_FLAGS } from "../tests/build/_bundle.ts";
import { freePort, type SocatPair, socatPair, startA1mb } from "../tests/e2e/_a1mb_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    minutes: { type: "string", default: "60" },
    "unplug-every-s": { type: "string", default: "300" },
  },
});
const seconds = Math.round(Number(values.minutes) * 60);
const unplugEveryMs = Number(values["unplug-every-s"]) * 1000;
const UNPLUGGED_MS = 3000;
/** After a side is back: the A1 reader's back-off (1, 2, 4 s…) plus stale_after_s (5 s). */
const GRACE_MS = 15_000;
const ROOT = new URL("..", import.meta.url);
const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(line + "\n"));

const a1Dir = await Deno.makeTempDir({ prefix: "a1mb-soak-a1-" });
const rtuDir = await Deno.makeTempDir({ prefix: "a1mb-soak-rtu-" });
let a1Pair: SocatPair = await socatPair(a1Dir);
let rtuPair: SocatPair = await socatPair(rtuDir);

// The meter: the simulator model with fault injection, writing into the A1 pair.
const stop = new AbortController();
let meterPort: SerialPort | null = openSerialPort(a1Pair.a, { baudRate: 115200 });
const meter = runMeterSimulator({
  seed: 42,
  intervalMs: 100,
  badCrcEvery: 50,
  truncateEvery: 70,
  garbageEvery: 30,
  clock: systemClock,
  signal: stop.signal,
  write: async (bytes) => {
    try {
      await meterPort?.write(bytes);
    } catch { /* unplugged: telegrams are lost, as on a real cable */ }
  },
});

const tcpPort = freePort();
const controlDir = await Deno.makeTempDir({ prefix: "a1mb-soak-ctl-" });
const a1mb = await startA1mb(
  `
[a1]
source = "serial"
device = "${a1Pair.b}"
data_request = "none"
stale_after_s = 5
[modbus.rtu]
device = "${rtuPair.a}"
baud = 115200
response_delay_ms = 0
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
[leds]
driver = "none"
[control]
socket = "${controlDir}/control.sock"
[log]
level = "info"
`,
  undefined,
  RUN_V8_FLAGS,
);
await a1mb.waitForLog(/first valid telegram/, 30_000);
const pid = await findPid(a1mb.configPath);
const rss = () => {
  const m = Deno.readTextFileSync(`/proc/${pid}/status`).match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) * 1024 : NaN;
};
const startRss = rss();
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rss())), 5_000);
say(
  `soak: ${values.minutes} min, unplug every ${values["unplug-every-s"]} s, a1mb pid ${pid}, RSS ${
    mb(startRss)
  }`,
);

// Unplug the A1 side and the RS485 side in turn.
const windows: { side: "a1" | "rtu"; from: number; to: number }[] = [];
let unplugs = 0;
const unplugger = (async () => {
  while (!stop.signal.aborted) {
    await pause(unplugEveryMs);
    if (stop.signal.aborted) break;
    const side = unplugs++ % 2 === 0 ? "a1" : "rtu";
    const from = Date.now();
    if (side === "a1") {
      const port = meterPort;
      meterPort = null;
      await port?.close();
      await a1Pair.close();
      await pause(UNPLUGGED_MS);
      a1Pair = await socatPair(a1Dir);
      meterPort = openSerialPort(a1Pair.a, { baudRate: 115200 });
    } else {
      await rtuPair.close();
      await pause(UNPLUGGED_MS);
      rtuPair = await socatPair(rtuDir);
    }
    windows.push({ side, from, to: Date.now() + GRACE_MS });
    say(
      `soak: ${new Date().toISOString().slice(11, 19)} ${side} adapter unplugged for ${
        UNPLUGGED_MS / 1000
      } s and back`,
    );
  }
})();

const master = new Deno.Command("/usr/bin/python3", {
  args: [
    new URL("./_peers/soak_master.py", import.meta.url).pathname,
    JSON.stringify({
      rtu: { device: rtuPair.b, baud: 115200 },
      tcp: { host: "127.0.0.1", port: tcpPort },
      rate: 100,
      seconds,
    }),
  ],
  stdout: "piped",
}).spawn();
interface TransportStats {
  requests: number;
  ok: number;
  expected_exception: number;
  failures: number;
  failure_times: number[];
  failure_samples: string[];
}
let final: Record<string, TransportStats> = {};
for await (const chunk of master.stdout.pipeThrough(new TextDecoderStream())) {
  for (const line of chunk.split("\n").filter((l) => l.trim() !== "")) {
    const msg = JSON.parse(line);
    if (msg.final) final = msg.final;
    else {
      const brief = Object.entries(msg.progress as Record<string, TransportStats>)
        .map(([k, s]) => `${k} ${s.requests} req ${s.failures} failed`).join(", ");
      say(`soak: ${new Date().toISOString().slice(11, 19)} RSS ${mb(rss())}; ${brief}`);
    }
  }
}
await master.status;
stop.abort();
await unplugger;
clearInterval(sampler);
const endRss = rss();
const status = await new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "main.ts", "status", "--socket", `${controlDir}/control.sock`, "--json"],
  cwd: ROOT,
  stdout: "piped",
}).output();
const snapshot = JSON.parse(new TextDecoder().decode(status.stdout));
await meter;
await meterPort?.close();
const code = await a1mb.stop();
await a1Pair.close();
await rtuPair.close();

const t = snapshot.a1.telegrams;
say("");
say(`| soak: ${values.minutes} min | value |`);
say("|---|---|");
say(
  `| telegrams accepted / rejected (injected faults and unplugs) | ${t.accepted} / ${t.rejected} ${
    JSON.stringify(t.rejectedByCode)
  } |`,
);
say(
  `| adapters unplugged and plugged back | ${windows.filter((w) => w.side === "a1").length} × A1, ${
    windows.filter((w) => w.side === "rtu").length
  } × RS485 |`,
);
for (const [name, s] of Object.entries(final)) {
  const unplugged = s.failure_times.filter((at) =>
    windows.some((w) => at >= w.from && at <= w.to)
  ).length;
  const other = s.failures - unplugged;
  say(
    `| Modbus ${name}: requests / answered / expected exceptions | ${s.requests} / ${s.ok} / ${s.expected_exception} |`,
  );
  say(
    `| Modbus ${name}: failed while an adapter was unplugged or recovering / failed otherwise | ${unplugged} / ${other} |`,
  );
  if (other > 0) { for (const f of s.failure_samples) say(`|   sample failure | ${f} |`); }
}
say(`| RSS at start / end / peak | ${mb(startRss)} / ${mb(endRss)} / ${mb(peakRss)} |`);
say(
  `| actor restarts | ${
    snapshot.actors.reduce((n: number, a: { restarts: number }) => n + a.restarts, 0)
  } |`,
);
say(`| a1mb exit code after SIGTERM | ${code} |`);
for (const d of [a1Dir, rtuDir, controlDir]) {
  await Deno.remove(d, { recursive: true }).catch(() => {});
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Waits `ms` of real time; a stop ends the wait early (the loops check `stop` themselves). */
function pause(ms: number): Promise<void> {
  return sleep(systemClock, ms, stop.signal).catch(() => {});
}

async function findPid(configPath: string): Promise<number> {
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const cmd = await Deno.readTextFile(`/proc/${entry.name}/cmdline`);
      if (cmd.includes(configPath) && cmd.includes("run")) return Number(entry.name);
    } catch { /* gone */ }
  }
  throw new Error("a1mb process not found");
}
