/**
 * What tracing costs per message delivery: the same two actors ping-ponging through the real
 * bus and cells, with tracing off, to memory, and to a rotating file, measured in one run. The
 * issue's goal: tracing off costs nothing measurable (off ≈ a bus with no trace code at all is not
 * buildable here, so "off" is compared with "on": the difference is what tracing costs, and "off"
 * must not be slower than "on").
 *
 * Usage: deno run -A bench/trace_overhead_bench.ts [--messages N]
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { ActorBehavior } from "../actors/runtime/actor.ts";
import { Bus } from "../actors/runtime/bus.ts";
import type { ActorRef } from "../actors/runtime/message.ts";
import { childSpec, Supervisor } from "../actors/runtime/supervisor.ts";
import { TraceFile } from "../actors/runtime/trace_file.ts";
import type { TraceRecord, TraceSink } from "../actors/runtime/trace_record.ts";
import { systemClock } from "../drivers/clock.ts";
import { RotatingFile } from "../drivers/rotating_file.ts";
import { median } from "./_stats.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { messages: { type: "string", default: "200000" } },
});
const total = Number(values.messages);
type Ping = { readonly type: "pinged"; readonly n: number; readonly bytes: Uint8Array };
const A: ActorRef<Ping> = { name: "a" };
const B: ActorRef<Ping> = { name: "b" };
const payload = new Uint8Array(64);

function pinger(peer: ActorRef<Ping>, done: (n: number) => void): ActorBehavior<Ping, null, null> {
  return {
    preStart: () => null,
    handle(state, msg, ctx) {
      if (msg.n >= total) done(msg.n);
      else ctx.send(peer, { type: "pinged", n: msg.n + 1, bytes: payload });
      return state;
    },
  };
}

class MemorySink implements TraceSink {
  n = 0;
  write(_r: TraceRecord): void {
    this.n++;
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function run(sink: TraceSink | null): Promise<number> {
  const bus = new Bus(systemClock);
  bus.setSink(sink);
  let finish!: (n: number) => void;
  const finished = new Promise<number>((r) => (finish = r));
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(A, pinger(B, finish), null, { batch: 1_000_000 }),
      childSpec(B, pinger(A, finish), null, { batch: 1_000_000 }),
    ]));
  await sup.start();
  const t0 = performance.now();
  bus.send("bench", A, { type: "pinged", n: 0, bytes: payload }, null);
  await finished;
  const ns = ((performance.now() - t0) * 1e6) / total;
  await sup.stop("done");
  return ns;
}

const dir = await Deno.makeTempDir();
const rounds = 5;
const results: Record<string, number[]> = { off: [], memory: [], file: [] };
await run(null); // warm-up
for (let i = 0; i < rounds; i++) {
  results.off!.push(await run(null));
  results.memory!.push(await run(new MemorySink()));
  const file = new TraceFile(
    new RotatingFile(`${dir}/t.jsonl`, { maxBytes: 50 * 1024 * 1024, keep: 1 }),
    { clock: systemClock },
  );
  results.file!.push(await run(file));
  await file.close();
}
await Deno.remove(dir, { recursive: true });
const off = median(results.off!);
const say = (s: string) => Deno.stdout.writeSync(new TextEncoder().encode(s + "\n"));
say(`| tracing (${total} deliveries, median of ${rounds}) | ns per delivery | ratio to off |`);
say("|---|---|---|");
for (const [name, xs] of Object.entries(results)) {
  say(`| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) / off).toFixed(2)}× |`);
}
