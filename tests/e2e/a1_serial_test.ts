/**
 * End to end on the A1 side: the real `a1mb simulate` process writes telegrams with faults to a
 * new pty; the real `a1mb run` reads its slave path as `source = "serial"` with a trace file.
 * From the trace, each telegram the simulator logged (`--log`) must come out as it should:
 * good ones accepted (readingAccepted with their CRC), bad-CRC ones rejected with the exact
 * reason, truncated ones dropped as partial frames (`frameDropped restarted`) and reported.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { TraceRecord } from "../../actors/runtime/trace_record.ts";
import { freePort, ROOT, startA1mb } from "./_a1mb_process.ts";

interface SimLog {
  readonly seq: number;
  readonly kind: "ok" | "bad-crc" | "truncated";
  readonly crc: string;
  readonly sent_crc: string | null;
}

/** Starts `a1mb simulate`; resolves with the pty path and the growing list of `--log` entries. */
async function startSimulator(args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "simulate", "--log", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const log: SimLog[] = [];
  const following = (async () => {
    let rest = "";
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) log.push(JSON.parse(line));
    }
  })();
  const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const deadline = setTimeout(() => child.kill("SIGKILL"), 15_000);
  while (!text.includes("\n")) {
    const { value, done } = await stdout.read();
    if (done) throw new Error("simulate ended before printing its pty path");
    text += value;
  }
  clearTimeout(deadline);
  return {
    path: text.split("\n")[0]!,
    log,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      const status = await child.status;
      await stdout.cancel();
      await following;
      return status.code;
    },
  };
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** One token per telegram the validator saw, in order, from the trace. */
function observed(records: readonly TraceRecord[]): string[] {
  const inputs = records
    .filter((r) =>
      r.to === "telegramValidator" && r.type !== "rejectionSummaryDue" && r.id > 0 &&
      !r.type.startsWith("@sys.") // runtime messages (status requests) are not telegrams
    )
    .sort((a, b) => a.id - b.id);
  const tokens: string[] = [];
  for (const input of inputs) {
    const outcomes = records.filter((r) => r.cause === input.id && r.from === "telegramValidator");
    const accepted = outcomes.find((r) => r.type === "readingAccepted");
    const rejected = outcomes.find((r) => r.type === "telegramRejected");
    if (input.type === "frameDropped") {
      const reason = input.summary.match(/^reason="(\w+)"/)?.[1];
      assert.ok(rejected, `drop #${input.id} reported to the LEDs`);
      assert.match(rejected.summary, new RegExp(`^reason="frame-${reason} after \\d+ bytes`));
      tokens.push(`dropped:${reason}`);
    } else if (accepted !== undefined) {
      const crc = accepted.summary.match(/^crc=(\d+) /)?.[1];
      assert.ok(crc !== undefined, accepted.summary);
      tokens.push(`ok:${hex4(Number(crc))}`);
    } else if (rejected !== undefined) {
      tokens.push(`rejected:${JSON.parse(rejected.summary.slice("reason=".length))}`);
    } // An input without an outcome was cut off by the stop: the window ends there.
    else break;
  }
  return tokens;
}

/** The token each logged telegram must produce. */
function expectedToken(entry: SimLog): string {
  switch (entry.kind) {
    case "ok":
      return `ok:${entry.crc}`;
    case "bad-crc":
      return `rejected:crc-mismatch expected ${entry.crc} got ${entry.sent_crc}`;
    case "truncated":
      return "dropped:restarted";
  }
}

Deno.test("e2e a1: run on a pty fed by simulate with faults: good accepted, bad rejected with reasons", async () => {
  const sim = await startSimulator([
    "--interval-ms",
    "100",
    "--bad-crc-every",
    "3",
    "--truncate-every",
    "5",
    "--garbage-every",
    "4",
  ]);
  const dir = await Deno.makeTempDir({ prefix: "a1mb-e2e-a1-" });
  const trace = `${dir}/trace.jsonl`;
  let simCode: number | null = null;
  try {
    const a1mb = await startA1mb(`
[a1]
source = "serial"
device = "${sim.path}"
data_request = "rts"
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${freePort()}"
[leds]
driver = "none"
[control]
socket = ""
[trace]
file = "${trace}"
`);
    try {
      await a1mb.waitForLog(/A1: first valid telegram/);
      const seen = sim.log.length;
      while (sim.log.length < seen + 25) await new Promise((r) => setTimeout(r, 50));
      // The pty has no modem lines: said once, clearly, and reading went on.
      assert.equal(a1mb.count(/A1 data request: cannot assert RTS: .*\(ENOTTY\)/), 1);
    } finally {
      assert.equal(await a1mb.stop(), 0);
    }
    simCode = await sim.stop();

    const records = (await Deno.readTextFile(trace)).trimEnd().split("\n").map((l) =>
      JSON.parse(l) as TraceRecord
    );
    const got = observed(records);
    const want = sim.log.map(expectedToken);
    assert.ok(got.length >= 25, `enough telegrams traced: ${got.length}`);
    // The reader may have opened the pty after the first telegrams: find where the trace starts.
    const offset = [...want.keys()].find((d) => got.every((token, i) => token === want[i + d]));
    assert.ok(
      offset !== undefined,
      `the trace follows the simulator's log:\n${got.join("\n")}\n---\n${want.join("\n")}`,
    );
    const count = (prefix: string) => got.filter((t) => t.startsWith(prefix)).length;
    assert.ok(count("ok:") >= 10 && count("rejected:crc-mismatch") >= 5 && count("dropped:") >= 3);
  } finally {
    if (simCode === null) await sim.stop();
    await Deno.remove(dir, { recursive: true });
  }
  assert.equal(simCode, 0);
});
