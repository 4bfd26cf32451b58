/**
 * End to end over TCP on the A1 side: `a1mb simulate --listen` plays a network P1 dongle, the
 * real `a1mb run` reads it as `source = "tcp"`; the dongle goes away and comes back on the same
 * port, and the reader reconnects by itself.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { TraceRecord } from "../../actors/runtime/trace_record.ts";
import { freePort, ROOT, startA1mb } from "./_a1mb_process.ts";

/** Starts `a1mb simulate --listen 127.0.0.1:PORT`; resolves once it printed its address. */
async function startDongle(port: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "main.ts",
      "simulate",
      "--listen",
      `127.0.0.1:${port}`,
      "--interval-ms",
      "100",
    ],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await stdout.read();
    if (done) throw new Error("simulate ended before printing its address");
    text += value;
  }
  assert.equal(text.split("\n")[0], `127.0.0.1:${port}`);
  return {
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      const status = await child.status;
      await stdout.cancel();
      return status.code;
    },
  };
}

async function readTrace(path: string): Promise<TraceRecord[]> {
  const text = await Deno.readTextFile(path).catch(() => "");
  // Only whole lines: the process may be writing the last one while the test reads.
  return text.split("\n").slice(0, -1).map((l) => JSON.parse(l) as TraceRecord);
}

/** Telegrams accepted after the second `sourceOpened` (the reconnect). */
function acceptedAfterReopen(records: readonly TraceRecord[]): number {
  const reopened = records.filter((r) => r.type === "sourceOpened")[1];
  if (reopened === undefined) return 0;
  return records.filter((r) => r.type === "readingAccepted" && r.id > reopened.id).length;
}

Deno.test("e2e a1: tcp source reads a network dongle and reconnects when it comes back", async () => {
  const port = freePort();
  const dir = await Deno.makeTempDir({ prefix: "a1mb-e2e-tcp-" });
  const trace = `${dir}/trace.jsonl`;
  let dongle = await startDongle(port);
  try {
    const a1mb = await startA1mb(`
[a1]
source = "tcp"
host = "127.0.0.1"
port = ${port}
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
      assert.equal(await dongle.stop(), 0);
      await a1mb.waitForLog(/A1 input lost: tcp 127\.0\.0\.1:\d+: closed by the other side/);
      dongle = await startDongle(port);
      await a1mb.waitForLog(/A1 input open again: tcp 127\.0\.0\.1/);
      // The trace reaches the file every 250 ms: wait for two telegrams after the reconnect.
      for (let waited = 0; acceptedAfterReopen(await readTrace(trace)) < 2; waited += 100) {
        if (waited > 10_000) throw new Error("no telegram accepted after the reconnect");
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      assert.equal(await a1mb.stop(), 0);
    }
    const records = await readTrace(trace);
    assert.equal(records.filter((r) => r.type === "sourceOpened").length, 2);
    assert.ok(acceptedAfterReopen(records) >= 2);
  } finally {
    await dongle.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
