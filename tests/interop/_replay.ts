/**
 * Replaying a master against a build: the real process of one build entry, fed a fixture
 * telegram file, serving Modbus RTU on a socat pty (and TCP when asked) with the RS485 address and
 * baud rate left to the build's factory defaults unless the test sets them, so the replay also
 * proves the defaults. The master's read sequence (and writes) run through pymodbus (a real peer
 * client); the test compares the words with the telegram.
 *
 * @module
 */
import { type A1mbProcess, freePort, ROOT, socatPair, startA1mb } from "../e2e/_a1mb_process.ts";
import { mbpoll, pymodbus, type PyOp, type PyResult, type PyTarget } from "./_masters.ts";
import { type Expected, wordProblems } from "../variants/_build_words.ts";

/** What to run. */
export interface ReplaySetup {
  /** The build entry (`variants/dtsu666h/main.ts`). */
  readonly entry: string;
  /** A fixture telegram file (tests/fixtures/telegrams/). */
  readonly telegrams: string;
  /** CRC policy the file needs. @default "required" */
  readonly crc?: "required" | "optional";
  /** Extra `[modbus.rtu]` lines (e.g. `address = 5`); none = the build's defaults. */
  readonly rtu?: string;
  /** Extra `[registers]` lines. */
  readonly registers?: string;
  /** Serve Modbus TCP too. @default false */
  readonly tcp?: boolean;
}

/** A running build and where a master reaches it. */
export interface Replay {
  readonly a1mb: A1mbProcess;
  /** The RTU address it serves (from its log line). */
  readonly address: number;
  /** The baud rate it serves. */
  readonly baud: number;
  /** pymodbus over the pty. */
  readonly rtu: PyTarget;
  /** pymodbus over TCP, when asked for. */
  readonly tcp: PyTarget | null;
}

/** Runs `body` against the build; stops it and cleans up afterwards. */
export async function withReplay(
  setup: ReplaySetup,
  body: (replay: Replay) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-replay-" });
  const pair = await socatPair(dir);
  const port = freePort();
  const telegrams = new URL(`tests/fixtures/telegrams/${setup.telegrams}`, ROOT).pathname;
  let a1mb: A1mbProcess | null = null;
  try {
    a1mb = await startA1mb(
      `[a1]
source = "file"
file = "${telegrams}"
interval_ms = 250
crc = "${setup.crc ?? "required"}"
[modbus.rtu]
enabled = true
device = "${pair.a}"
${setup.rtu ?? ""}
[modbus.tcp]
enabled = ${setup.tcp === true}
listen = "127.0.0.1:${port}"
[registers]
${setup.registers ?? ""}
[leds]
driver = "none"
[control]
socket = ""
`,
      setup.entry,
    );
    const line = await a1mb.waitForLog(/Modbus RTU: serving address \d+ /);
    const address = Number(/serving address (\d+) /.exec(line)?.[1]);
    const baud = Number(/ (\d+) (?:baud|8[NE]1)/.exec(line)?.[1] ?? 9600);
    await a1mb.waitForLog(/first valid telegram/);
    if (setup.tcp === true) await a1mb.waitForLog(/Modbus TCP: listening on/);
    await body({
      a1mb,
      address,
      baud,
      rtu: { transport: "rtu", device: pair.b, baud },
      tcp: setup.tcp === true ? { transport: "tcp", host: "127.0.0.1", port } : null,
    });
  } finally {
    await a1mb?.stop();
    await pair.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** The ops, each addressed to `slave`. */
export function toSlave(slave: number, ops: readonly PyOp[]): PyOp[] {
  return ops.map((op) => ({ ...op, slave }));
}

/**
 * Runs `ops` until `check` finds nothing wrong with the results (an image with the telegram's
 * values may still be on its way), then returns them; fails with the last problems after `ms`.
 * The deadline bounds a wait, not a speed: on a loaded 2-core machine one pymodbus run of a
 * master's twenty-odd reads over a 9600-baud pty takes seconds (Python's start, the pymodbus
 * import, a 2 s reply time-out when a reply comes late), so a run started before the image arrives
 * and a late one can eat 8 s.
 */
export async function replayUntil(
  target: PyTarget,
  ops: readonly PyOp[],
  check: (results: PyResult[]) => string[],
  ms = 20_000,
): Promise<PyResult[]> {
  const deadline = performance.now() + ms;
  for (;;) {
    const results = await pymodbus(target, [...ops]);
    const problems = check(results);
    if (problems.length === 0) return results;
    if (performance.now() > deadline) {
      throw new Error(
        `${target.transport}: ${problems.length} problem(s):\n${problems.join("\n")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The registers of a result, or a problem text. */
export function wordsOf(result: PyResult | undefined, what: string): number[] | string {
  if (result !== undefined && "registers" in result) return result.registers;
  return `${what}: ${JSON.stringify(result)}`;
}

/** The float32 in two words, high word first (decoded here, not by the codec under test). */
export function float32(high: number, low: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, high);
  view.setUint16(2, low);
  return view.getFloat32(0);
}

/** Whether `actual` is the float32 nearest `expected` (within one or two units in the last place). */
export function nearFloat32(actual: number, expected: number): boolean {
  const e = Math.fround(expected);
  return Math.abs(actual - e) <= Math.max(Math.abs(e) * 2.5e-7, 1e-30);
}

/**
 * Every difference between what a master's reads got and the build's documented words for the
 * sample: each read lands in the space its function code reads (`spaces`), a listed register
 * must hold its value and every other word read must be 0. A read that failed is a difference.
 */
export function readProblems(
  ops: readonly PyOp[],
  results: readonly PyResult[],
  expected: { readonly input?: readonly Expected[]; readonly holding?: readonly Expected[] },
  spaces: { readonly fc03: "input" | "holding"; readonly fc04: "input" | "holding" },
): string[] {
  const problems: string[] = [];
  const words = { input: new Map<number, number>(), holding: new Map<number, number>() };
  const ranges = { input: [] as [number, number][], holding: [] as [number, number][] };
  ops.forEach((op, i) => {
    if (op.op !== "read_input" && op.op !== "read_holding") return;
    const space = op.op === "read_holding" ? spaces.fc03 : spaces.fc04;
    const got = wordsOf(results[i], `${op.op} ${op.address}×${op.count}`);
    if (typeof got === "string") {
      problems.push(got);
      return;
    }
    if (got.length !== op.count) {
      problems.push(`${op.op} ${op.address}: ${got.length} words for ${op.count}`);
      return;
    }
    got.forEach((w, k) => words[space].set(op.address + k, w));
    ranges[space].push([op.address, op.count]);
  });
  for (const space of ["input", "holding"] as const) {
    if (ranges[space].length === 0) continue;
    const found = wordProblems(
      expected[space] ?? [],
      (a) => words[space].get(a) ?? 0,
      ranges[space],
    );
    problems.push(...found.map((p) => `${space} ${p}`));
  }
  return problems;
}

/**
 * Runs mbpoll (0-based references) on `device` until its first value is `want`; fails with what
 * it printed after `ms` (a wait for the image, as {@linkcode replayUntil}).
 */
export async function mbpollUntil(
  args: readonly string[],
  device: string,
  want: string,
  ms = 20_000,
): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    const got = await mbpoll([...args], device);
    if (got.values[0] === want) return;
    if (performance.now() > deadline) {
      throw new Error(`mbpoll ${args.join(" ")}: ${got.values.join(" ")} ${got.error}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
