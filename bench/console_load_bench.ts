/**
 * Does the web console delay Modbus? a1mb (from source, the artefacts' V8 flags) on its meter
 * simulator, Modbus TCP measured by the closed-loop C client (bench/c/tcp_load.c, one connection)
 * while the console is idle, while 4 browser tabs poll it as the page does (status and history
 * every second), and while 16 clients flood `/api/status` as fast as it answers. Rounds alternate
 * so drift on a shared machine hits every case alike; figures are medians of the rounds and ratios
 * against the idle case of the same run.
 *
 * `deno task bench:console [--rounds N] [--seconds S]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { freePort } from "../tests/e2e/_a1mb_process.ts";
import { startProcess } from "./_bench_process.ts";
import { median } from "./_stats.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const { values } = parseArgs({
  args: Deno.args,
  options: { rounds: { type: "string", default: "3" }, seconds: { type: "string", default: "8" } },
});
const rounds = Number(values.rounds);
const durationMs = Number(values.seconds) * 1000;

interface Load {
  requests: number;
  seconds: number;
  errors: number;
  p50_us: number;
  p99_us: number;
}

const dir = await Deno.makeTempDir({ prefix: "a1mb-console-bench-" });
const tcpLoad = `${dir}/tcp_load`;
const gcc = await new Deno.Command("gcc", {
  args: ["-O2", "-Wall", "-o", tcpLoad, `${ROOT}bench/c/tcp_load.c`],
  stderr: "piped",
}).output();
if (gcc.code !== 0) throw new Error(`gcc tcp_load.c: ${new TextDecoder().decode(gcc.stderr)}`);

const tcpPort = freePort();
const httpPort = freePort();
await Deno.writeTextFile(
  `${dir}/config.toml`,
  `[a1]\nsource = "simulator"\n[modbus.rtu]\nenabled = false\n[modbus.tcp]\nenabled = true\n` +
    `listen = "127.0.0.1:${tcpPort}"\n[leds]\ndriver = "none"\n[control]\nsocket = ""\n` +
    `http = "127.0.0.1:${httpPort}"\n`,
);
const a1mb = startProcess(Deno.execPath(), [
  "run",
  "-A",
  "--v8-flags=--max-semi-space-size=2",
  `${ROOT}main.ts`,
  "run",
  "--config",
  `${dir}/config.toml`,
]);
await a1mb.waitFor(/Ready: /);
const base = `http://127.0.0.1:${httpPort}`;

async function modbus(): Promise<Load> {
  const out = await new Deno.Command(tcpLoad, {
    args: ["127.0.0.1", `${tcpPort}`, "1", `${durationMs}`, "1000", "2"],
    stdout: "piped",
  }).output();
  const load = JSON.parse(new TextDecoder().decode(out.stdout)) as Load;
  if (load.errors > 0) throw new Error("wrong Modbus replies");
  return load;
}

/** Runs `loops` HTTP loops until `stop` is set; counts answered requests. */
function httpLoad(
  loops: number,
  pauseMs: number,
  paths: readonly string[],
  to = base,
): { stop: () => Promise<{ sent: number; answered: number }> } {
  let running = true;
  let sent = 0;
  let answered = 0;
  const loop = async () => {
    let since = 0;
    while (running) {
      for (const path of paths) {
        const response = await fetch(`${to}${path.replace("SINCE", String(since))}`);
        sent++;
        if (response.status === 429) {
          await response.body?.cancel(); // over the console's request budget: refused at once
          continue;
        }
        if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
        const body = await response.json();
        if (path.startsWith("/api/history")) since = body.t.at(-1) ?? since;
        answered++;
      }
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const tasks = Array.from({ length: loops }, loop);
  return {
    stop: async () => {
      running = false;
      await Promise.all(tasks);
      return { sent, answered };
    },
  };
}

// The peer: a bare HTTP server in its own process that refuses everything with 429, as a1mb
// refuses a flood. The same flood sent there costs the machine's CPU (the load generator's share)
// without touching a1mb: the difference to "flood" is a1mb's own cost.
const peerPort = freePort();
const peer = startProcess(Deno.execPath(), [
  "eval",
  `Deno.serve({ hostname: "127.0.0.1", port: ${peerPort}, onListen() { console.log("ready"); } },
    () => new Response('{"error":"busy"}', { status: 429 }));`,
]);
await peer.waitFor(/^ready$/);

const CASES = {
  idle: () => null,
  tabs: () => httpLoad(4, 1000, ["/api/status", "/api/history?since=SINCE"]),
  "flood elsewhere": () => httpLoad(16, 0, ["/api/status"], `http://127.0.0.1:${peerPort}`),
  flood: () => httpLoad(16, 0, ["/api/status"]),
} as const;
type Case = keyof typeof CASES;
interface Figures {
  p50: number[];
  p99: number[];
  rps: number[];
  sent: number[];
  answered: number[];
}
const results = Object.fromEntries(
  Object.keys(CASES).map((name) => [name, { p50: [], p99: [], rps: [], sent: [], answered: [] }]),
) as unknown as Record<Case, Figures>;

try {
  await modbus(); // warm-up (JIT)
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(CASES) as Case[]) {
      const load = CASES[name]();
      const started = performance.now();
      const m = await modbus();
      const http = (await load?.stop()) ?? { sent: 0, answered: 0 };
      const seconds = (performance.now() - started) / 1000;
      const r = results[name];
      r.p50.push(m.p50_us);
      r.p99.push(m.p99_us);
      r.rps.push(m.requests / m.seconds);
      r.sent.push(http.sent / seconds);
      r.answered.push(http.answered / seconds);
    }
  }
} finally {
  await a1mb.stop();
  await peer.stop();
  await Deno.remove(dir, { recursive: true });
}

const idle = results.idle;
const lines = [
  `Modbus TCP, 1 connection closed loop, ${rounds} rounds of ${durationMs / 1000} s (medians):`,
  "| console load | HTTP req/s sent | answered (rest 429) | Modbus req/s | p50 µs | p99 µs | p99 vs idle |",
  "| --- | --- | --- | --- | --- | --- | --- |",
];
for (const name of Object.keys(CASES) as Case[]) {
  const r = results[name];
  lines.push(
    `| ${name} | ${Math.round(median(r.sent))} | ${Math.round(median(r.answered))} | ${
      Math.round(median(r.rps))
    } | ${median(r.p50)} | ${median(r.p99)} | ${(median(r.p99) / median(idle.p99)).toFixed(2)}× |`,
  );
}
// deno-lint-ignore no-console
console.log(lines.join("\n"));
