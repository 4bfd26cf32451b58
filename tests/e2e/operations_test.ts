import assert from "node:assert/strict";
import { decodeTelegram } from "../../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../../protocol/dsmr/measurements.ts";
import { createTelegramFramer, telegramFramerPush } from "../../protocol/dsmr/telegram_framer.ts";
import { framesOf } from "../protocol/dsmr/_fixtures.ts";
import { decodeFloat32 } from "../../protocol/modbus/register_codec.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import {
  freePort,
  FROM_FILE,
  MAIN_ENTRY,
  QUIET,
  ROOT,
  runCli,
  startA1mb,
} from "./_a1mb_process.ts";

const asFloat = (registers: number[], at = 0) => decodeFloat32(Uint16Array.from(registers), at);

const cli = (...args: string[]) => runCli(MAIN_ENTRY, ...args);

Deno.test("status --json and /metrics describe the running process after known traffic", async () => {
  await requirePymodbus();
  const tcpPort = freePort();
  const httpPort = freePort();
  const socketDir = await Deno.makeTempDir();
  const socket = `${socketDir}/control.sock`;
  const a1mb = await startA1mb(`${FROM_FILE.replace('socket = ""', `socket = "${socket}"`)}
http = "127.0.0.1:${httpPort}"
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
`);
  try {
    await a1mb.waitForLog(/Ready: /);
    const target = { transport: "tcp" as const, host: "127.0.0.1", port: tcpPort };
    const results = await pymodbus(target, [
      { op: "read_input", address: 0x0000, count: 2 },
      { op: "read_input", address: 0x0000, count: 2 },
      { op: "read_input", address: 0x0000, count: 2 },
      { op: "read_input", address: 0x0000, count: 126 }, // exception 03: more than 125
      { op: "read_holding", address: 0xfc02, count: 1 },
    ]);
    assert.deepEqual(results.map((r) => Object.keys(r)[0]), [
      "registers",
      "registers",
      "registers",
      "exception",
      "registers",
    ]);

    const json = await cli("status", "--socket", socket, "--json");
    assert.equal(json.code, 0, json.stderr);
    const s = JSON.parse(json.stdout);
    assert.equal(s.a1mb.variant, "sdm630");
    assert.equal(s.ready, true);
    assert.deepEqual(s.leds, { pwr: "on", a1: "on", rs485: "off" });
    assert.equal(s.settings.active["modbus.rtu.address"], 2);
    assert.deepEqual(s.settings.pending, {});
    assert.ok(s.a1.telegrams.accepted >= 1);
    assert.equal(s.a1.telegrams.rejected, 0);
    assert.equal(s.a1.registers.freshness, "fresh");
    assert.equal(s.a1.registers.measurements.voltageL1V, 234.7, "1-0:32.7.0(234.7*V)");
    const tcp = s.modbus.tcp.counters;
    assert.equal(tcp.requests, 5);
    assert.equal(tcp.replies, 4);
    assert.equal(tcp.exceptions["3"], 1);
    assert.equal(tcp.turnaround.count, 5);
    assert.equal(s.modbus.rtu, null);

    const text = await cli("status", "--socket", socket);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^Modbus TCP: serving; 5 requests, 4 replies, exceptions 03:1, /m);
    assert.match(text.stdout, /^LEDs: PWR on, A1 on, 485 off$/m);

    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    for (
      const line of [
        'a1mb_modbus_requests_total{transport="tcp"} 5',
        'a1mb_modbus_exceptions_total{transport="tcp",code="03"} 1',
        'a1mb_modbus_turnaround_seconds_count{transport="tcp"} 5',
        "a1mb_ready 1",
        "a1mb_values_fresh 1",
      ]
    ) {
      assert.ok(metrics.split("\n").includes(line), `${line} in\n${metrics}`);
    }
    assert.match(metrics, /^a1mb_telegrams_total\{result="accepted"\} [1-9]\d*$/m);
    assert.match(metrics, /^process_resident_memory_bytes \d+$/m);
    const status = await (await fetch(`http://127.0.0.1:${httpPort}/status`)).json();
    assert.equal(status.modbus.tcp.counters.requests, 5, "/status serves the same snapshot");
  } finally {
    assert.equal(await a1mb.stop(), 0);
  }
  const gone = await cli("status", "--socket", socket);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /No a1mb instance is running \(cannot connect to .*control\.sock/);
  await Deno.remove(socketDir, { recursive: true });
});

Deno.test("SIGTERM stops the whole tree within 2 s, in reverse order, with the trace flushed", async () => {
  const traceDir = await Deno.makeTempDir();
  const trace = `${traceDir}/trace.jsonl`;
  const a1mb = await startA1mb(`${QUIET}
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${freePort()}"
[trace]
file = "${trace}"
`);
  let elapsed = 0;
  try {
    await a1mb.waitForLog(/Ready: /);
  } finally {
    const t0 = performance.now();
    assert.equal(await a1mb.stop(), 0);
    elapsed = performance.now() - t0;
  }
  assert.ok(elapsed < 2000, `stopped in ${Math.round(elapsed)} ms`);
  const records = (await Deno.readTextFile(trace)).trim().split("\n").map((l) => JSON.parse(l));
  const stops = records.filter((r) => r.type === "@sys.stop").map((r) => r.to);
  const starts = records.filter((r) => r.type === "@sys.start").map((r) => r.to);
  assert.deepEqual(
    stops,
    [...starts].reverse(),
    "stopped in reverse start order, all in the trace",
  );
  assert.ok(starts.length >= 6);
  await Deno.remove(traceDir, { recursive: true });
});

Deno.test("two processes chained by the passthrough: a master reads the simulator's values from the second", async () => {
  await requirePymodbus();
  const passPort = freePort();
  const tcpPort = freePort();
  const simulator = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "main.ts",
      "simulate",
      "--interval-ms",
      "400",
      "--count",
      "12",
      "--seed",
      "7",
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = simulator.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let first = "";
  while (!first.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    first += value;
  }
  const ptyPath = first.split("\n")[0]!;
  assert.match(ptyPath, /^\/dev\/pts\/\d+$/);
  const upstream = await startA1mb(
    `${
      QUIET.replace(
        'source = "simulator"',
        `source = "serial"\ndevice = "${ptyPath}"\ndata_request = "none"`,
      )
    }
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${freePort()}"
[passthrough]
listen = "127.0.0.1:${passPort}"
`,
  );
  const downstream = await startA1mb(
    `${
      QUIET.replace(
        'source = "simulator"',
        `source = "tcp"\nhost = "127.0.0.1"\nport = ${passPort}`,
      )
    }
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
`,
  );
  // The test listens to the passthrough too, to know what the meter sent last.
  await upstream.waitForLog(/Passthrough: serving raw telegrams/);
  const tap = await Deno.connect({ hostname: "127.0.0.1", port: passPort });
  const framer = createTelegramFramer();
  const frames: Uint8Array[] = [];
  const tapped = (async () => {
    const buf = new Uint8Array(4096);
    for (;;) {
      const n = await tap.read(buf).catch(() => null);
      if (n === null) return;
      frames.push(...framesOf(telegramFramerPush(framer, buf.subarray(0, n))));
    }
  })();
  try {
    await downstream.waitForLog(/first valid telegram/, 20_000);
    await simulator.status; // all 12 sent; the last values stay (stale_after_s = 25)
    await new Promise((r) => setTimeout(r, 1000));
    const last = frames.at(-1);
    assert.ok(last !== undefined, "the tap saw telegrams");
    const decoded = decodeTelegram(last, { crc: "required" });
    assert.ok(decoded.ok, "passthrough bytes are the meter's telegram, CRC intact");
    const m = measurementsFromReading(decoded.reading);
    const [result] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port: tcpPort }, [
      { op: "read_input", address: 0x0000, count: 0x36 },
    ]);
    assert.ok(result !== undefined && "registers" in result, JSON.stringify(result));
    const r = result.registers;
    assert.ok(
      Math.abs(asFloat(r, 0x00) - m.voltageL1V!) < 0.01,
      `L1 ${asFloat(r, 0)} vs ${m.voltageL1V}`,
    );
    const total = m.powerImportW! - m.powerExportW!;
    assert.ok(
      Math.abs(asFloat(r, 0x34) - total) < 0.5,
      `total ${asFloat(r, 0x34)} W vs ${total} W`,
    );
    const l1 = m.powerImportL1W! - m.powerExportL1W!;
    assert.ok(Math.abs(asFloat(r, 0x0c) - l1) < 0.5, `L1 power ${asFloat(r, 0x0c)} W vs ${l1} W`);
  } finally {
    tap.close();
    await tapped;
    try {
      simulator.kill();
    } catch { /* ended */ }
    await simulator.status;
    assert.equal(await downstream.stop(), 0);
    assert.equal(await upstream.stop(), 0);
  }
});
