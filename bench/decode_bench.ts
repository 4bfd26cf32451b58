/**
 * Decode benchmark: framing + CRC + parse (+ measurements) of one full Belgian telegram
 * (3-phase Fluvius, 13 months of peak history, 1370 bytes), on one core, warm-up first,
 * median of several rounds. Prints telegrams/s, MB/s and µs per telegram.
 *
 * Peer: ndokter/dsmr_parser (Python) measured in the same run when its source is available:
 *
 *   deno run -A bench/decode_bench.ts --peer-python /usr/bin/python3 --peer-path /tmp/peers/dsmr_parser
 *
 * (or A1MB_PEER_PYTHON / A1MB_PEER_DSMR_PARSER). Without it the reference figure is
 * printed, labelled as not measured in this run.
 *
 * Options: --iterations N (per round, default 20000), --rounds N (default 7).
 *
 * @module
 */

import { crc16Arc } from "../protocol/dsmr/crc16_arc.ts";
import { decodeTelegram } from "../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../protocol/dsmr/measurements.ts";
import {
  createTelegramFramer,
  type TelegramFramerEvent,
  telegramFramerPush,
} from "../protocol/dsmr/telegram_framer.ts";

const SAMPLE = new URL(
  "../tests/fixtures/telegrams/arduino-dsmr-fork_test_full_be_3x230V_13months.txt",
  import.meta.url,
);
const GOAL_US = 40;
const PEER_REFERENCE_US = 800; // ndokter/dsmr_parser 1.6.0, figure stated in the issue

function option(name: string, env: string): string | undefined {
  const at = Deno.args.indexOf(name);
  return at >= 0 ? Deno.args[at + 1] : Deno.env.get(env);
}

const iterations = Number(option("--iterations", "A1MB_BENCH_ITERATIONS") ?? 20_000);
const rounds = Number(option("--rounds", "A1MB_BENCH_ROUNDS") ?? 7);
const telegram = Deno.readFileSync(SAMPLE);
const crcEnd = telegram.indexOf(0x21) + 1;

interface Row {
  name: string;
  us: number;
}

let sink = 0;

/** Median µs per telegram of `step` over several rounds, after a warm-up. */
function measure(name: string, step: () => number): Row {
  for (let i = 0; i < Math.min(iterations, 5000); i++) sink += step();
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) sink += step();
    perRound.push(((performance.now() - start) * 1000) / iterations);
  }
  perRound.sort((a, b) => a - b);
  return { name, us: perRound[Math.floor(perRound.length / 2)]! };
}

const framer = createTelegramFramer();
const options = { crc: "required" } as const;
/** The bytes of the first complete frame among framer events. */
function frameOf(events: readonly TelegramFramerEvent[]): Uint8Array {
  const event = events[0];
  if (event?.type !== "frameReceived") throw new Error("Cannot run benchmark: no frame");
  return event.bytes;
}
const check = decodeTelegram(frameOf(telegramFramerPush(framer, telegram)), options);
if (!check.ok) throw new Error("Cannot run benchmark: the sample does not decode");

const rows: Row[] = [
  measure("CRC-16/ARC only", () => crc16Arc(telegram, 0, crcEnd)),
  measure("framing", () => telegramFramerPush(framer, telegram).length),
  measure("framing + CRC + parse", () => {
    const result = decodeTelegram(frameOf(telegramFramerPush(framer, telegram)), options);
    return result.ok ? result.reading.objects.size : 0;
  }),
  measure("framing + CRC + parse + measurements", () => {
    const result = decodeTelegram(frameOf(telegramFramerPush(framer, telegram)), options);
    return result.ok ? Object.keys(measurementsFromReading(result.reading)).length : 0;
  }),
];

interface Peer {
  label: string;
  us: number;
  measured: boolean;
}

async function runPeer(): Promise<Peer> {
  const python = option("--peer-python", "A1MB_PEER_PYTHON");
  const path = option("--peer-path", "A1MB_PEER_DSMR_PARSER");
  const reference = {
    label: "ndokter/dsmr_parser 1.6.0 (issue's figure, NOT measured in this run)",
    us: PEER_REFERENCE_US,
    measured: false,
  };
  if (python === undefined || path === undefined) return reference;
  const script = new URL("./_peers/dsmr_parser_bench.py", import.meta.url).pathname;
  const peerIterations = Math.max(200, Math.floor(iterations / 20));
  const output = await new Deno.Command(python, {
    args: [script, path, SAMPLE.pathname, String(peerIterations), String(rounds)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const error = new TextDecoder().decode(output.stderr).trim().split("\n").pop();
    return { ...reference, label: `${reference.label}; peer run failed: ${error}` };
  }
  const result = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    us_per_telegram: number;
    python: string;
  };
  let version = "source";
  try {
    version = Deno.readTextFileSync(`${path}/PEER_VERSION.txt`).split("\n")[0]!.slice(0, 60);
  } catch {
    // no version note next to the peer source
  }
  return {
    label: `ndokter/dsmr_parser, Python ${result.python}, parse + CRC (${version}…)`,
    us: result.us_per_telegram,
    measured: true,
  };
}

const peer = await runPeer();
const mb = telegram.length / 1e6;
const line = (name: string, us: number): string =>
  `| ${name.padEnd(40)} | ${us.toFixed(2).padStart(9)} | ${
    Math.round(1e6 / us).toString().padStart(12)
  } | ${(mb / (us / 1e6)).toFixed(1).padStart(8)} |`;

const out: string[] = [
  `sample: ${
    SAMPLE.pathname.split("/").pop()
  } (${telegram.length} bytes), ${rounds} rounds × ${iterations} iterations, median`,
  "",
  `| ${"stage (a1mb, one core)".padEnd(40)} | ${"µs/tgram".padStart(9)} | ${
    "telegrams/s".padStart(12)
  } | ${"MB/s".padStart(8)} |`,
  `|${"-".repeat(42)}|${"-".repeat(11)}|${"-".repeat(14)}|${"-".repeat(10)}|`,
  ...rows.map((r) => line(r.name, r.us)),
  "",
  `peer: ${peer.label}`,
  line(peer.measured ? "peer (measured now)" : "peer (reference, not measured)", peer.us),
];
const full = rows[rows.length - 1]!.us;
out.push(
  "",
  `ratio peer / a1mb (full pipeline): ${(peer.us / full).toFixed(1)}×${
    peer.measured ? "" : " (against the stated figure, not a same-run measurement)"
  }`,
  `goal ≤ ${GOAL_US} µs per telegram: ${full <= GOAL_US ? "met" : "NOT met"} (${
    full.toFixed(2)
  } µs)`,
);
await Deno.stdout.write(new TextEncoder().encode(`${out.join("\n")}\n`));
if (sink === 0) Deno.exit(1); // keeps the measured work observable
