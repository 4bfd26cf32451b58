/**
 * Many sites, one broker: N simulated sites (default 500) publish their state to one local
 * mosquitto at a real meter's rate, one telegram a second each, at QoS 1. Each site is a1mb's own
 * MqttPublisher actor (all in this process, on one bus, each with its own connection), fed
 * decoded telegrams of a1mb's meter simulator. After a warm-up, a measured window counts every
 * state message at a subscriber (`mosquitto_sub`, writing topics to a file, outside this process)
 * and reads the CPU time of the broker and of the publishers from /proc. The peer, measured in the
 * same run against the same broker: as many bare MQTT.js clients publishing the same JSON.
 *
 * Usage: deno task bench:fleet [--sites 500] [--warmup 10] [--seconds 60] [--qos 1]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { cpuMs } from "./_bench_process.ts";
import {
  a1mbFleet,
  bareFleet,
  type Fleet,
  type FleetOptions,
  siteReadings,
} from "./_fleet_sites.ts";
import { systemClock } from "../drivers/clock.ts";
import { sleep } from "../drivers/sleep.ts";
import { type Mosquitto, startMosquitto } from "../tests/_mosquitto.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    sites: { type: "string", default: "500" },
    warmup: { type: "string", default: "10" },
    seconds: { type: "string", default: "60" },
    qos: { type: "string", default: "1" },
  },
});
const sites = Number(values.sites);
const print = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(`${line}\n`));
const warmupS = Number(values.warmup);
const windowS = Number(values.seconds);
const qos = Number(values.qos) as 0 | 1 | 2;

/** Counts the state messages of `prefix/+/state` with mosquitto_sub, into a file. */
async function subscriber(broker: Mosquitto, prefix: string, file: string) {
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      `exec mosquitto_sub -h 127.0.0.1 -p ${broker.port} -q 1 -i count-${prefix} ` +
      `-t '${prefix}/+/state' -F '%t' > '${file}'`,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  await broker.waitForLog(new RegExp(`count-${prefix}`), 5000).catch(() => {});
  await sleep(systemClock, 500);
  const count = async () => {
    const text = await Deno.readTextFile(file);
    return text === "" ? 0 : text.trimEnd().split("\n").length;
  };
  return {
    pid: child.pid,
    count,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

interface PhaseResult {
  readonly name: string;
  readonly fed: number;
  readonly received: number;
  readonly published: number;
  readonly dropped: number;
  readonly brokerCpuMs: number;
  readonly publisherCpuMs: number;
  readonly seconds: number;
}

async function phase(
  name: string,
  make: (o: FleetOptions) => Fleet,
  broker: Mosquitto,
  options: FleetOptions,
  dir: string,
): Promise<PhaseResult> {
  const sub = await subscriber(broker, options.prefix, `${dir}/${options.prefix}.txt`);
  const fleet = make(options);
  const timers: ReturnType<typeof setTimeout>[] = [];
  try {
    await fleet.connected;
    // Feed each site once a second, the sites spread evenly over the second.
    const spread = 1000 / sites;
    for (let i = 0; i < sites; i++) {
      timers.push(setTimeout(() => {
        fleet.feed(i);
        timers.push(setInterval(() => fleet.feed(i), 1000));
      }, i * spread));
    }
    await sleep(systemClock, warmupS * 1000);
    const t0 = performance.now();
    const broker0 = cpuMs(broker.pid);
    const self0 = cpuMs(Deno.pid);
    await sleep(systemClock, windowS * 1000);
    const brokerCpuMs = cpuMs(broker.pid) - broker0;
    const publisherCpuMs = cpuMs(Deno.pid) - self0;
    const seconds = (performance.now() - t0) / 1000;
    for (const t of timers) clearTimeout(t);
    // Let the last ones arrive.
    const { fed } = fleet.counts();
    const deadline = performance.now() + 10_000;
    while ((await sub.count()) < fed && performance.now() < deadline) {
      await sleep(systemClock, 100);
    }
    const received = await sub.count();
    return { name, received, ...fleet.counts(), brokerCpuMs, publisherCpuMs, seconds };
  } finally {
    for (const t of timers) clearTimeout(t);
    await fleet.stop();
    await sub.stop();
  }
}

const dir = await Deno.makeTempDir({ prefix: "a1mb-fleet-" });
const broker = await startMosquitto({ verbose: false });
try {
  print(`preparing ${sites} sites (8 telegrams each from the simulator) …`);
  const readings = Array.from({ length: sites }, (_, i) => siteReadings(i, 8, Date.now()));
  const base = { port: broker.port, sites, qos, readings };
  const results: PhaseResult[] = [];
  results.push(
    await phase("bare MQTT.js (peer)", bareFleet, broker, { ...base, prefix: "bare" }, dir),
  );
  results.push(
    await phase("a1mb MqttPublisher", a1mbFleet, broker, { ...base, prefix: "a1mb" }, dir),
  );
  print(
    `\n${sites} sites × 1 telegram/s, QoS ${qos}, warm-up ${warmupS} s, window ${windowS} s ` +
      `(CPU per site: ms of CPU per second of wall time, i.e. ‰ of one core)\n`,
  );
  print(
    "| publishers | states fed | received by subscriber | dropped | broker CPU/site | publishers CPU/site |",
  );
  print("| --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    const per = (ms: number) => (ms / r.seconds / sites).toFixed(3);
    print(
      `| ${r.name} | ${r.fed} | ${r.received}${
        r.received === r.fed ? " (all)" : ` (${r.fed - r.received} lost)`
      } | ` +
        `${r.dropped} | ${per(r.brokerCpuMs)} ms/s | ${per(r.publisherCpuMs)} ms/s |`,
    );
  }
  const [bare, a1mb] = results as [PhaseResult, PhaseResult];
  const rate = (r: PhaseResult) => r.publisherCpuMs / r.seconds;
  print(
    `\na1mb publishers / bare MQTT.js CPU: ${(rate(a1mb) / rate(bare)).toFixed(2)}×; ` +
      `a1mb publishers / broker CPU: ${(a1mb.publisherCpuMs / a1mb.brokerCpuMs).toFixed(2)}×; ` +
      `sites per core at this rate: publishers ${Math.floor(1000 / (rate(a1mb) / sites))}, ` +
      `broker ${Math.floor(1000 / (a1mb.brokerCpuMs / a1mb.seconds / sites))}`,
  );
  if (results.some((r) => r.received !== r.fed)) {
    print("NOT EVERY STATE ARRIVED");
    Deno.exitCode = 1;
  }
} finally {
  await broker.close();
  await Deno.remove(dir, { recursive: true });
}
