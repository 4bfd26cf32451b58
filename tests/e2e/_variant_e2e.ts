/**
 * End to end for a variant build: the real process (`deno run -A variants/<id>/main.ts run`)
 * replays one sample telegram file and serves Modbus RTU on a socat pty and Modbus TCP on a
 * free port; pymodbus (a real peer client) reads every register block over both, and the words
 * are compared with the sample's hand-made table (tests/variants/expected/).
 *
 * @module
 */
import { pymodbus, type PyOp, type PyTarget, requirePymodbus } from "../interop/_masters.ts";
import { expectedInput } from "../variants/_expect.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { type A1mbProcess, freePort, ROOT, socatPair, startA1mb } from "./_a1mb_process.ts";

/** What a build serves besides the measurements: literal words, by address. */
export interface BuildWords {
  /** The entry to run (`variants/sdm630/main.ts`). */
  readonly entry: string;
  /** The variant id (`sdm630`), for the expected table. */
  readonly variant: string;
  /** Non-zero holding words in 0x0000…0x001D (settings show the default configuration). */
  readonly holding: Readonly<Record<number, number>>;
  /** Meter code at 0xFC02 and firmware at 0xFC03 (0 when the meter has none). */
  readonly meterCode: number;
  readonly firmware: number;
}

/** The blocks read: start, count, space. */
const BLOCKS: readonly { space: "input" | "holding"; address: number; count: number }[] = [
  { space: "input", address: 0x0000, count: 120 },
  { space: "input", address: 0x0078, count: 120 },
  { space: "input", address: 0x00f0, count: 120 },
  { space: "input", address: 0x0168, count: 40 }, // to 0x018F: the SDM72D-M's energies
  { space: "input", address: 0x0500, count: 4 },
  { space: "input", address: 0xfc00, count: 4 },
  { space: "holding", address: 0x0000, count: 30 },
  { space: "holding", address: 0xfc00, count: 4 },
  // single-register reads of the meter code, as Victron's probe does, on both function codes
  { space: "input", address: 0xfc02, count: 1 },
  { space: "holding", address: 0xfc02, count: 1 },
];

const OPS: PyOp[] = BLOCKS.map((b) => ({
  op: b.space === "input" ? "read_input" : "read_holding",
  address: b.address,
  count: b.count,
}));

/** A float32 from two words, high word first (decoded here, not by the codec under test). */
function float32(high: number, low: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, high);
  view.setUint16(2, low);
  return view.getFloat32(0);
}

function near(actual: number, expected: number): boolean {
  const e = Math.fround(expected);
  return Math.abs(actual - e) <= Math.max(Math.abs(e) * 2.5e-7, 1e-30);
}

const hex = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;

/** Every difference between what was read and what the sample and the build say. */
function differences(
  results: unknown[],
  sample: ExpectedSample,
  build: BuildWords,
): string[] {
  const floats = expectedInput(sample, build.variant);
  const identity: Record<number, number> = {
    0xfc00: sample.serial >>> 16,
    0xfc01: sample.serial & 0xffff,
    0xfc02: build.meterCode,
    0xfc03: build.firmware,
  };
  const problems: string[] = [];
  BLOCKS.forEach((block, i) => {
    const result = results[i] as { registers?: number[] } | undefined;
    const words = result?.registers;
    if (words === undefined || words.length !== block.count) {
      problems.push(
        `${block.space} ${hex(block.address)}×${block.count}: ${JSON.stringify(result)}`,
      );
      return;
    }
    for (let k = 0; k < words.length; k++) {
      const a = block.address + k;
      const word = words[k]!;
      if (a >= 0xfc00) {
        if (word !== identity[a]) {
          problems.push(`${block.space} ${hex(a)}: ${word} ≠ ${identity[a]}`);
        }
        continue;
      }
      if (block.space === "holding") {
        const want = build.holding[a] ?? 0;
        if (word !== want) problems.push(`holding ${hex(a)}: ${hex(word)} ≠ ${hex(want)}`);
        continue;
      }
      const value = floats.get(a);
      if (value !== undefined && k + 1 < words.length) {
        const got = float32(word, words[k + 1]!);
        if (!near(got, value)) problems.push(`input ${hex(a)}: ${got} ≠ ${value}`);
        k++;
      } else if (word !== 0) {
        problems.push(`input ${hex(a)}: ${hex(word)} ≠ 0`);
      }
    }
  });
  return problems;
}

/** Reads until the words match (an image update may be on its way); fails after `ms`. */
async function readUntilMatch(
  target: PyTarget,
  sample: ExpectedSample,
  build: BuildWords,
  ms = 8000,
): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    const problems = differences(await pymodbus(target, OPS), sample, build);
    if (problems.length === 0) return;
    if (performance.now() > deadline) {
      throw new Error(
        `${target.transport}: ${problems.length} register(s) differ:\n${problems.join("\n")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs the build on `file` and checks every register over RTU and TCP. */
export async function checkSampleEndToEnd(
  build: BuildWords,
  sample: ExpectedSample,
  file: string,
): Promise<void> {
  await requirePymodbus();
  const dir = await Deno.makeTempDir({ prefix: "a1mb-variant-e2e-" });
  const pair = await socatPair(dir);
  const port = freePort();
  const telegrams = new URL(`tests/fixtures/telegrams/${file}`, ROOT).pathname;
  let a1mb: A1mbProcess | null = null;
  try {
    a1mb = await startA1mb(
      `[a1]
source = "file"
file = "${telegrams}"
interval_ms = 250
crc = "${sample.crc}"
[modbus.rtu]
enabled = true
device = "${pair.a}"
address = 2
baud = 9600
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${port}"
[leds]
driver = "none"
[control]
socket = ""
`,
      build.entry,
    );
    await a1mb.waitForLog(/Modbus RTU: serving address 2 /);
    await a1mb.waitForLog(/Modbus TCP: listening on/);
    await a1mb.waitForLog(/first valid telegram/);
    await Promise.all([
      readUntilMatch({ transport: "rtu", device: pair.b, baud: 9600 }, sample, build),
      readUntilMatch({ transport: "tcp", host: "127.0.0.1", port }, sample, build),
    ]);
  } finally {
    await a1mb?.stop();
    await pair.close();
    await Deno.remove(dir, { recursive: true });
  }
}
