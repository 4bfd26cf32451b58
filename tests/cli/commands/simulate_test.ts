import assert from "node:assert/strict";
import { UsageError } from "../../../cli/command.ts";
import { feedLogLine, parseSimulateArgs, runSimulate } from "../../../cli/commands/simulate.ts";
import { BufferPrinter } from "../_buffer_printer.ts";
import { openSerialPort } from "../../../drivers/serial/posix_serial_port.ts";
import { type DecodeResult, decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import {
  createTelegramFramer,
  telegramFramerPush,
} from "../../../protocol/dsmr/telegram_framer.ts";
import { framesOf } from "../../protocol/dsmr/_fixtures.ts";
import { within } from "../../drivers/serial/_helpers.ts";

const ROOT = new URL("../../..", import.meta.url);

/** Reads from `read` until `count` frames came; returns their decode results. */
async function readTelegrams(
  read: (buffer: Uint8Array) => Promise<number | null>,
  count: number,
): Promise<DecodeResult[]> {
  const framer = createTelegramFramer();
  const buffer = new Uint8Array(4096);
  const results: DecodeResult[] = [];
  while (results.length < count) {
    const n = await read(buffer);
    if (n === null) throw new Error(`stream ended after ${results.length} telegrams`);
    for (const frame of framesOf(telegramFramerPush(framer, buffer.subarray(0, n)))) {
      results.push(decodeTelegram(frame, { crc: "required" }));
    }
  }
  return results.slice(0, count);
}

async function firstLine(printer: BufferPrinter): Promise<string> {
  while (printer.stdout.length === 0) await new Promise((r) => setTimeout(r, 5));
  return printer.stdout[0]!;
}

Deno.test("simulate flags: defaults, and one-line usage errors", () => {
  const d = parseSimulateArgs([]);
  assert.deepEqual(
    [d.target, d.intervalMs, d.seed, d.gas, d.phases, d.count, d.silenceAfterMs, d.log],
    [{ kind: "pty" }, 1000, 1, false, 3, undefined, undefined, false],
  );
  const full = parseSimulateArgs([
    "--listen=127.0.0.1:0",
    "--interval-ms=100",
    "--bad-crc-every=3",
    "--truncate-every=5",
    "--garbage-every=4",
    "--silence-after=2",
    "--gas",
    "--phases=1",
  ]);
  assert.deepEqual(full.target, { kind: "listen", hostname: "127.0.0.1", port: 0 });
  assert.deepEqual(
    [
      full.badCrcEvery,
      full.truncateEvery,
      full.garbageEvery,
      full.silenceAfterMs,
      full.gas,
      full.phases,
    ],
    [3, 5, 4, 2000, true, 1],
  );
  assert.deepEqual(parseSimulateArgs(["--device", "/dev/ttyUSB3"]).target, {
    kind: "device",
    path: "/dev/ttyUSB3",
    baud: 115200,
  });
  const errors: [string[], string][] = [
    [
      ["--device", "/dev/x", "--listen", "127.0.0.1:1"],
      "simulate: choose one of --device and --listen",
    ],
    [["--phases", "2"], 'simulate: option "--phases" must be 1 or 3: got "2"'],
    [["--interval-ms", "fast"], 'option "--interval-ms" must be an integer 10…3600000: got "fast"'],
    [
      ["--listen", "nowhere"],
      'simulate: --listen "nowhere" is not HOST:PORT (e.g. "127.0.0.1:1502" or "[::1]:1502")',
    ],
  ];
  for (const [args, message] of errors) {
    assert.throws(
      () => parseSimulateArgs(args),
      (e: Error) => e instanceof UsageError && e.message === message,
    );
  }
});

Deno.test("simulate on a new pty: the path comes first; a consumer of it gets valid telegrams", async () => {
  const printer = new BufferPrinter();
  const stop = new AbortController();
  const options = { ...parseSimulateArgs(["--interval-ms", "20", "--log"]) };
  const running = runSimulate(options, printer, stop.signal);
  try {
    const path = await within(firstLine(printer), "the pty path");
    assert.match(path, /^\/dev\/pts\/\d+$/);
    await using port = openSerialPort(path, { baudRate: 115200 });
    const results = await within(readTelegrams((b) => port.read(b), 3), "three telegrams");
    assert.ok(results.every((r) => r.ok), "all valid");
    // --log describes each telegram: the first three were ok, with the CRCs read.
    const logged = printer.stderr.slice(0, 3).map((l) => JSON.parse(l));
    assert.deepEqual(logged.map((l) => [l.seq, l.kind]), [[1, "ok"], [2, "ok"], [3, "ok"]]);
    assert.deepEqual(
      logged.map((l) => l.crc),
      results.map((r) => r.ok ? r.reading.crc!.toString(16).toUpperCase().padStart(4, "0") : ""),
    );
  } finally {
    stop.abort();
    assert.equal(await within(running, "stop"), 0);
  }
  assert.equal(printer.stdout.length, 1, "only the path on stdout");
});

Deno.test("simulate --listen: every client gets the telegrams", async () => {
  const printer = new BufferPrinter();
  const stop = new AbortController();
  const running = runSimulate(
    parseSimulateArgs(["--listen", "127.0.0.1:0", "--interval-ms", "20", "--gas"]),
    printer,
    stop.signal,
  );
  try {
    const address = await within(firstLine(printer), "the address");
    const match = address.match(/^127\.0\.0\.1:(\d+)$/);
    assert.ok(match, address);
    const port = Number(match[1]);
    const a = await Deno.connect({ hostname: "127.0.0.1", port });
    const b = await Deno.connect({ hostname: "127.0.0.1", port });
    for (const conn of [a, b]) {
      const results = await within(readTelegrams((buf) => conn.read(buf), 2), "two telegrams");
      assert.ok(
        results.every((r) => r.ok && r.reading.objects.has("0-1:24.2.3")),
        "valid, with gas",
      );
      conn.close();
    }
  } finally {
    stop.abort();
    assert.equal(await within(running, "stop"), 0);
  }
});

Deno.test("simulate --count: sends that many telegrams, then returns by itself", async () => {
  const printer = new BufferPrinter();
  const code = await within(
    runSimulate(
      parseSimulateArgs(["--count", "2", "--interval-ms", "10", "--log"]),
      printer,
      new AbortController().signal,
    ),
    "count",
  );
  assert.equal(code, 0);
  assert.deepEqual(printer.stderr.map((l) => JSON.parse(l).seq), [1, 2]);
});

Deno.test("simulate: a device that cannot be opened is an error line and exit code 1", async () => {
  const printer = new BufferPrinter();
  const code = await runSimulate(
    parseSimulateArgs(["--device", "/dev/a1mb-no-such-tty"]),
    printer,
    new AbortController().signal,
  );
  assert.equal(code, 1);
  assert.match(
    printer.stderr[0]!,
    /^simulate: Cannot open serial port "\/dev\/a1mb-no-such-tty": .*\(ENOENT\)$/,
  );
});

Deno.test("feed log line names seq, kind and both CRCs", () => {
  assert.equal(
    feedLogLine({
      seq: 3,
      kind: "bad-crc",
      crc: "086E",
      sentCrc: "5234",
      garbage: 0,
      bytes: new Uint8Array(1255),
      truth: {},
    }),
    '{"seq":3,"kind":"bad-crc","crc":"086E","sent_crc":"5234","garbage":0,"bytes":1255}',
  );
});

Deno.test("simulate as a real process: the pty path is the first stdout line; SIGTERM ends it with 0", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "main.ts",
      "simulate",
      "--interval-ms",
      "50",
      "--bad-crc-every",
      "2",
      "--log",
    ],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stderr = new Response(child.stderr).text();
  try {
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await within(lines.read(), "first line", 15_000);
      if (done) break;
      text += value;
    }
    const path = text.split("\n")[0]!;
    assert.match(path, /^\/dev\/pts\/\d+$/);
    await using port = openSerialPort(path, { baudRate: 115200 });
    const results = await within(readTelegrams((b) => port.read(b), 4), "four telegrams");
    // --bad-crc-every 2: telegrams 1 and 3 valid, 2 and 4 with a wrong CRC.
    assert.deepEqual(results.map((r) => r.ok ? "ok" : r.code), [
      "ok",
      "crc-mismatch",
      "ok",
      "crc-mismatch",
    ]);
  } finally {
    child.kill("SIGTERM");
    const status = await child.status;
    await lines.cancel();
    const log = (await stderr).trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(log.slice(0, 4).map((l) => l.kind), ["ok", "bad-crc", "ok", "bad-crc"]);
    assert.equal(status.code, 0);
  }
});
