/**
 * Soak test (not in CI): a1mb for a long time at 10 telegrams/s with fault injection on the A1
 * side (bad CRCs, truncated telegrams, line noise) and 200 Modbus requests/s (100 over RTU at
 * 115200 baud on a pty, 100 over TCP), reporting RSS at the start and the end, its peak, and every
 * failed request.
 *
 * Usage: deno run -A bench/soak.ts [--minutes 60]
 * Needs python3-pymodbus (/usr/bin/python3) and socat.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { freePort, socatPair, startA1mb } from "../tests/e2e/_a1mb_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { minutes: { type: "string", default: "60" } },
});
const seconds = Math.round(Number(values.minutes) * 60);
const ROOT = new URL("..", import.meta.url);
const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(line + "\n"));

const simulator = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "-A",
    "main.ts",
    "simulate",
    "--interval-ms",
    "100",
    "--seed",
    "42",
    "--bad-crc-every",
    "50",
    "--truncate-every",
    "70",
    "--garbage-every",
    "30",
  ],
  cwd: ROOT,
  stdout: "piped",
  stderr: "null",
}).spawn();
const reader = simulator.stdout.pipeThrough(new TextDecoderStream()).getReader();
let first = "";
while (!first.includes("\n")) first += (await reader.read()).value ?? "";
const meterPty = first.split("\n")[0]!;
const dir = await Deno.makeTempDir({ prefix: "a1mb-soak-" });
const rtu = await socatPair(dir);
const tcpPort = freePort();
const a1mb = await startA1mb(`
[a1]
source = "serial"
device = "${meterPty}"
data_request = "none"
stale_after_s = 5
[modbus.rtu]
device = "${rtu.a}"
baud = 115200
response_delay_ms = 0
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
[leds]
driver = "none"
[control]
socket = "${dir}/control.sock"
[log]
level = "warning"
`);
await a1mb.waitForLog(/first valid telegram|Ready/, 30_000).catch(() => {});
const pid = await findPid(a1mb.configPath);
const rss = () => {
  const m = Deno.readTextFileSync(`/proc/${pid}/status`).match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) * 1024 : NaN;
};
const startRss = rss();
let peakRss = startRss;
const samples: number[] = [startRss];
const sampler = setInterval(() => {
  const r = rss();
  samples.push(r);
  peakRss = Math.max(peakRss, r);
}, 10_000);
say(`soak: ${values.minutes} min, a1mb pid ${pid}, RSS at start ${mb(startRss)}`);

const master = new Deno.Command("/usr/bin/python3", {
  args: [
    new URL("./_peers/soak_master.py", import.meta.url).pathname,
    JSON.stringify({
      rtu: { device: rtu.b, baud: 115200 },
      tcp: { host: "127.0.0.1", port: tcpPort },
      rate: 100,
      seconds,
    }),
  ],
  stdout: "piped",
}).spawn();
let final: Record<
  string,
  {
    requests: number;
    ok: number;
    expected_exception: number;
    failures: number;
    failure_samples: string[];
  }
> = {};
for await (const chunk of master.stdout.pipeThrough(new TextDecoderStream())) {
  for (const line of chunk.split("\n").filter((l) => l.trim() !== "")) {
    const msg = JSON.parse(line);
    if (msg.final) final = msg.final;
    else {say(
        `soak: ${new Date().toISOString().slice(11, 19)} RSS ${mb(rss())} ${
          JSON.stringify(msg.progress)
        }`,
      );}
  }
}
await master.status;
clearInterval(sampler);
const endRss = rss();
const status = await new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "main.ts", "status", "--socket", `${dir}/control.sock`, "--json"],
  cwd: ROOT,
  stdout: "piped",
}).output();
const snapshot = JSON.parse(new TextDecoder().decode(status.stdout));
simulator.kill();
await simulator.status;
const code = await a1mb.stop();
await rtu.close();

const t = snapshot.a1.telegrams;
say("");
say(`| soak (${values.minutes} min) | value |`);
say("|---|---|");
say(
  `| telegrams accepted / rejected (injected faults) | ${t.accepted} / ${t.rejected} ${
    JSON.stringify(t.rejectedByCode)
  } |`,
);
for (const [name, s] of Object.entries(final)) {
  say(
    `| Modbus ${name}: requests / ok / expected exceptions / failed | ${s.requests} / ${s.ok} / ${s.expected_exception} / ${s.failures} |`,
  );
  for (const f of s.failure_samples) say(`|   failure | ${f} |`);
}
say(`| RSS at start / end / peak | ${mb(startRss)} / ${mb(endRss)} / ${mb(peakRss)} |`);
say(
  `| actor restarts | ${
    snapshot.actors.reduce((n: number, a: { restarts: number }) => n + a.restarts, 0)
  } |`,
);
say(`| a1mb exit code after SIGTERM | ${code} |`);
await Deno.remove(dir, { recursive: true }).catch(() => {});

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
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
