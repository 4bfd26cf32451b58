/**
 * One telegram's whole path, framing to published image (issue 14, goal 5), two ways:
 *
 * 1. **In one core, stage by stage** (the real code, no runtime): framing, decoding, the
 *    measurements, the RegisterStore's handler (fields, the variant's registers, the update it
 *    publishes), a slave applying the update to its own image and the copy into the RTU
 *    worker's shared image; µs per telegram (median over rounds, after a warm-up), the bytes
 *    published per telegram and whether any 65536-word array is allocated for it.
 * 2. **In the running process** (`a1mb run` with `[trace] file`, telegrams every 100 ms, RTU
 *    polled on a pty, optionally 16 TCP connections): for every telegram, from the end of the
 *    validator's handler (accepted) to the end of the RTU slave's `registersPublished` handler
 *    (the registers its requests are answered from, in either engine), from the trace's handler
 *    times; p50, p99 and max.
 *
 *   deno run -A bench/telegram_path_bench.ts [--rounds 5] [--iterations 2000] [--seconds 20]
 *     [--engine worker|main] [--load] [--bundle]
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import { registerStore, type RegisterStoreState } from "../actors/register_store.ts";
import type { ModbusSlaveMsg, RegisterStoreMsg } from "../actors/messages.ts";
import type { ActorContext } from "../actors/runtime/actor.ts";
import type { ActorRef } from "../actors/runtime/message.ts";
import type { TraceRecord } from "../actors/runtime/trace_record.ts";
import { createSharedImageMemory, SharedImageWriter } from "../actors/modbus/shared_image.ts";
import { DEFAULT_CONFIG } from "../config/mod.ts";
import { decodeTelegram } from "../protocol/dsmr/decode_telegram.ts";
import { createTelegramFramer, telegramFramerPush } from "../protocol/dsmr/telegram_framer.ts";
import { measurementsFromReading } from "../protocol/dsmr/measurements.ts";
import {
  type ImageUpdate,
  type RegisterImage,
  RegisterImageReplica,
} from "../protocol/modbus/mod.ts";
import { sdm630 } from "../variants/sdm630/mod.ts";
import {
  a1mbConfig,
  a1mbRunner,
  benchOption,
  compileTools,
  FLUVIUS_13_MONTHS,
} from "./_a1mb_command.ts";
import { type BenchProcess, freePort, startProcess } from "./_bench_process.ts";
import { systemClock } from "../drivers/clock.ts";
import { sleep } from "../drivers/sleep.ts";
import { median, quantile } from "./_stats.ts";

const TELEGRAM = FLUVIUS_13_MONTHS;

const option = benchOption;
const rounds = Number(option("--rounds", "5"));
const iterations = Number(option("--iterations", "2000"));
const seconds = Number(option("--seconds", "20"));
const engine = option("--engine", "worker");
const loaded = Deno.args.includes("--load");

const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(`${line}\n`));

/** Part 1: the stages in one core. */
function stages(): void {
  const bytes = Deno.readFileSync(TELEGRAM);
  const framer = createTelegramFramer();
  const frame = () => {
    for (const event of telegramFramerPush(framer, bytes)) {
      if (event.type === "frameReceived") return event.bytes;
    }
    throw new Error("Cannot run benchmark: the sample does not frame");
  };
  const decode = (f: Uint8Array) => {
    const r = decodeTelegram(f, { crc: "required" });
    if (!r.ok) throw new Error(`Cannot run benchmark: ${r.reason}`);
    return r.reading;
  };
  // The RegisterStore's own handler, with a context that only keeps what it publishes.
  let published: ImageUpdate | null = null;
  let now = 0;
  const ctx = {
    name: "registerStore",
    clock: { now: () => now },
    log: getLogger(["a1mb", "bench"]),
    send: (_to: ActorRef<ModbusSlaveMsg>, msg: ModbusSlaveMsg) => {
      if (msg.type === "registersPublished") published = msg.update;
    },
    sendAfter: () => () => {},
  } as unknown as ActorContext<RegisterStoreMsg>;
  const subscriber = { name: "modbusRtu" } as ActorRef<ModbusSlaveMsg>;
  let state: RegisterStoreState = registerStore.preStart(ctx, {
    variant: sdm630,
    config: DEFAULT_CONFIG,
    subscribers: [subscriber],
  }) as RegisterStoreState;
  const shared = new SharedImageWriter(createSharedImageMemory());
  const replica = new RegisterImageReplica();

  const timings: Record<string, number[]> = {};
  const time = (name: string, run: () => void) => {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) run();
    (timings[name] ??= []).push(((performance.now() - start) * 1000) / iterations);
  };
  const f = frame();
  const reading = decode(f);
  const m = measurementsFromReading(reading);
  const accept = () => {
    now += 100;
    state = registerStore.handle(state, {
      type: "readingAccepted",
      crc: reading.crc,
      measurements: m,
      receivedAt: now,
    }, ctx) as RegisterStoreState;
  };
  const whole = () => {
    const r = decode(frame());
    now += 100;
    state = registerStore.handle(state, {
      type: "readingAccepted",
      crc: r.crc,
      measurements: measurementsFromReading(r),
      receivedAt: now,
    }, ctx) as RegisterStoreState;
    replica.apply(published!);
    shared.publish(published!);
  };
  for (let round = 0; round <= rounds; round++) {
    // Round 0 warms up and is not kept.
    time("framing", () => void frame());
    time("decoding (CRC, parse)", () => void decode(f));
    time("measurements", () => void measurementsFromReading(reading));
    time("RegisterStore: fields, registers, update", accept);
    time("a slave applies the update to its image", () => void replica.apply(published!));
    time("copy into the RTU worker's shared image", () => shared.publish(published!));
    time("whole path", whole);
    if (round === 0) { for (const k of Object.keys(timings)) timings[k] = []; }
  }
  const first = published as ImageUpdate | null;
  const firstImage = replica.image;
  accept();
  const second = published as ImageUpdate | null;
  const secondImage = second === null ? null : replica.apply(second);
  const spaces = (image: RegisterImage | null) =>
    image === null ? [] : [image.input, image.holding, image.holdingWritable, image.measured.input];
  const freshSpaces = spaces(secondImage).filter((a) => !spaces(firstImage).includes(a));
  say(
    `Part 1: one telegram (${bytes.length} bytes, 13-month Fluvius) through the real code in one core; median of ${rounds} rounds × ${iterations}:`,
  );
  for (const [name, list] of Object.entries(timings)) {
    say(`  ${name.padEnd(42)} ${median(list).toFixed(2).padStart(8)} µs`);
  }
  say(
    `  published per telegram: ${second?.words.byteLength ?? 0} bytes of register words ` +
      `(${second?.words.length ?? 0} served words; shape shared: ${
        first?.shape === second?.shape
      }); ` +
      `65536-word arrays allocated per telegram: ${freshSpaces.length}; ` +
      `the slave's image is the same object: ${firstImage === secondImage}`,
  );
}

/** Part 2: accepted → visible in the running process, from its trace. */
async function inProcess(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-telegram-path-" });
  const a1mb = await a1mbRunner(Deno.args.includes("--bundle"));
  const stop: BenchProcess[] = [];
  try {
    const tools = await compileTools(dir, ["rtu_rtt", "tcp_load"]);
    const meter = startProcess(tools.rtu_rtt!, ["1000000", "0", "rt"]);
    stop.push(meter);
    const device = await meter.waitFor(/^\/dev\/pts\//);
    const tcpPort = freePort();
    const trace = `${dir}/trace.jsonl`;
    const config = await a1mbConfig(
      dir,
      `[modbus.rtu]\nenabled = true\ndevice = "${device}"\naddress = 2\nbaud = 115200\n` +
        `thread = "${engine}"\n[modbus.tcp]\nenabled = true\nlisten = "127.0.0.1:${tcpPort}"\n` +
        `[trace]\nfile = "${trace}"\nmax_mb = 1024\n`,
      { a1: `source = "file"\nfile = "${TELEGRAM}"\ninterval_ms = 100\nloop = true\n` },
    );
    const p = await a1mb.start(config, /Modbus RTU: serving address 2/);
    stop.push(p);
    await meter.send("go");
    if (loaded) {
      const load = startProcess(tools.tcp_load!, ["127.0.0.1", `${tcpPort}`, "16", "0", "0", "2"]);
      stop.push(load);
      await load.waitFor(/^loading$/);
    }
    await sleep(systemClock, seconds * 1000);
    for (const q of stop.reverse()) await q.stop();
    stop.length = 0;
    const records = (await Deno.readTextFile(trace)).split("\n").filter((l) => l !== "")
      .map((l) => JSON.parse(l) as TraceRecord);
    const byId = new Map(records.map((r) => [r.id, r]));
    const latencies: number[] = [];
    const stagesUs = { "wait for the store": [] as number[], "store handler": [] as number[] };
    Object.assign(stagesUs, { "wait for the RTU slave": [] as number[], "RTU slave handler": [] });
    const stage = (name: string, us: number) =>
      (stagesUs as Record<string, number[]>)[name]!.push(us);
    for (const r of records) {
      if (r.type !== "registersPublished" || r.to !== "modbusRtu" || r.cause === null) continue;
      const accepted = byId.get(r.cause);
      if (accepted?.type !== "readingAccepted" || accepted.cause === null) continue;
      const validated = byId.get(accepted.cause);
      if (validated === undefined || validated.handler_us === null) continue;
      const visible = r.t_us + (r.handler_us ?? 0);
      const validatedEnd = validated.t_us + validated.handler_us;
      latencies.push(visible - validatedEnd);
      stage("wait for the store", accepted.t_us - validatedEnd);
      stage("store handler", accepted.handler_us ?? 0);
      stage("wait for the RTU slave", r.t_us - accepted.t_us - (accepted.handler_us ?? 0));
      stage("RTU slave handler", r.handler_us ?? 0);
    }
    latencies.sort((a, b) => a - b);
    say(
      `Part 2: a1mb ${a1mb.label}, RTU ${engine} thread, ${seconds} s, telegrams every 100 ms, RTU polled${
        loaded ? ", 16 TCP connections" : ""
      }: accepted → visible to the RTU slave over ${latencies.length} telegrams:`,
    );
    say(
      `  p50 ${quantile(latencies, 0.5).toFixed(0)} µs, p99 ${
        quantile(latencies, 0.99).toFixed(0)
      } µs, max ${(latencies.at(-1) ?? NaN).toFixed(0)} µs (goal: p99 < 1000 µs)`,
    );
    for (const [name, list] of Object.entries(stagesUs)) {
      const sorted = [...list].sort((x, y) => x - y);
      say(
        `    ${name.padEnd(24)} p50 ${quantile(sorted, 0.5).toFixed(0).padStart(5)} µs, p99 ${
          quantile(sorted, 0.99).toFixed(0).padStart(5)
        } µs`,
      );
    }
  } finally {
    for (const q of stop.reverse()) await q.stop();
    await a1mb.dispose();
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  if (!Deno.args.includes("--in-process-only")) stages();
  await inProcess();
}
