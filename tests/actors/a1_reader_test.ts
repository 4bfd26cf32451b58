import assert from "node:assert/strict";
import {
  a1Reader,
  type A1ReaderArgs,
  type A1ReaderState,
  a1ReaderStatus,
} from "../../actors/a1_reader.ts";
import { type A1Config, DEFAULT_CONFIG } from "../../config/mod.ts";
import { A1_READER, TELEGRAM_VALIDATOR, type TelegramValidatorMsg } from "../../actors/messages.ts";
import type { ActorBehavior } from "../../actors/runtime/actor.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import type { Message } from "../../actors/runtime/message.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import type { A1SourceOpener } from "../../drivers/a1_source/a1_source.ts";
import { tcpSource } from "../../drivers/a1_source/tcp_source.ts";
import type { Clock } from "../../drivers/clock.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import { concat, fixture } from "../protocol/dsmr/_fixtures.ts";
import { FakeModemLines, FakeOpener, FakeSource } from "./a1/_fake_source.ts";
import { captureLogs } from "./a1/_log_capture.ts";

const SHORT = fixture("arduino-dsmr_KFM5KAIFA_short.txt"); // 76 bytes, !1E1D + CRLF
const FULL = fixture("dsmr_parser_FLUVIUS_V171.txt");
const V5 = fixture("dsmr_parser_V5.txt");

/** A telegram as the framer emits it: without the CR LF after the CRC. */
const framed = (t: Uint8Array) => t.subarray(0, t.length - 2);
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function inbox<M extends Message>(into: M[]): ActorBehavior<M, null, null> {
  return { preStart: () => null, handle: (s, msg) => (into.push(msg), s) };
}

/** What the validator got, readably. */
function shown(msgs: readonly TelegramValidatorMsg[]): string[] {
  return msgs.map((m) =>
    m.type === "telegramFramed"
      ? `framed ${m.bytes.length} ${latin1(m.bytes.subarray(0, 6))}…${latin1(m.bytes.subarray(-5))}`
      : m.type === "frameDropped"
      ? `dropped ${m.reason} ${m.length}`
      : m.type
  );
}

const expectFramed = (t: Uint8Array) =>
  `framed ${t.length - 2} ${latin1(t.subarray(0, 6))}…${latin1(framed(t).subarray(-5))}`;

async function start<O extends A1SourceOpener = FakeOpener>(
  makeOpener: (clock: Clock) => O,
  config: Partial<A1Config> = {},
  args: Partial<A1ReaderArgs> = {},
) {
  const clock = new FakeClock();
  const opener = makeOpener(clock);
  const bus = new Bus(clock);
  const got: TelegramValidatorMsg[] = [];
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(TELEGRAM_VALIDATOR, inbox(got), null),
      childSpec(A1_READER, a1Reader, {
        config: { ...DEFAULT_CONFIG.a1, ...config },
        makeSource: () => opener,
        ...args,
      }),
    ]));
  await sup.start();
  await settle(10);
  return {
    clock,
    opener,
    sup,
    got,
    state: () => sup.cell(A1_READER.name)!.state as A1ReaderState,
    stop: () => sup.stop("done"),
  };
}

/** An opener that always opens `source`. */
const always = (source: FakeSource) => (clock: Clock) => new FakeOpener(clock, () => source);

Deno.test("a1 reader frames a telegram that arrives in many small chunks", async () => {
  const source = new FakeSource();
  const t = await start(always(source));
  for (let at = 0; at < FULL.length; at += 7) {
    source.push(FULL.subarray(at, at + 7));
    await settle(2);
  }
  await settle(10);
  assert.equal(t.got.length, 1);
  const first = t.got[0]!;
  assert.ok(first.type === "telegramFramed");
  assert.deepEqual(first.bytes, framed(FULL));
  assert.equal(a1ReaderStatus(t.state()).counters.bytes, FULL.length);
  await t.stop();
});

Deno.test("a1 reader frames several telegrams in one chunk, in order, and a cut one before them", async () => {
  const source = new FakeSource();
  const t = await start(always(source));
  const cut = FULL.subarray(0, 400);
  source.push(concat(cut, SHORT, FULL, V5));
  await settle(10);
  assert.deepEqual(shown(t.got), [
    "dropped restarted 400",
    expectFramed(SHORT),
    expectFramed(FULL),
    expectFramed(V5),
  ]);
  assert.deepEqual(t.state().counters.dropped, {
    overlong: 0,
    timeout: 0,
    restarted: 1,
    flushed: 0,
  });
  await t.stop();
});

Deno.test("a1 reader skips garbage before a telegram and counts it", async () => {
  const source = new FakeSource();
  const t = await start(always(source));
  source.push("\xff\xff noise \x00\r\n");
  source.push(SHORT);
  await settle(10);
  assert.deepEqual(shown(t.got), [expectFramed(SHORT)]);
  assert.equal(t.state().counters.garbageBytes, 12);
  await t.stop();
});

Deno.test("a1 reader drops a frame longer than max_telegram_bytes and resyncs on the next /", async () => {
  const source = new FakeSource();
  const t = await start(always(source), { max_telegram_bytes: 1024 });
  source.push("/XXX5 endless\r\n" + "1-0:1.7.0(00.100*kW)\r\n".repeat(60));
  source.push(SHORT);
  await settle(10);
  assert.deepEqual(shown(t.got), ["dropped overlong 1024", expectFramed(SHORT)]);
  await t.stop();
});

Deno.test("a1 reader drops a frame not finished within telegram_timeout_ms, then reads the next", async () => {
  const source = new FakeSource();
  const t = await start(always(source), { telegram_timeout_ms: 10_000 });
  source.push(FULL.subarray(0, 500));
  await settle(10);
  await t.clock.advance(9_999);
  assert.deepEqual(shown(t.got), [], "not yet");
  await t.clock.advance(1);
  assert.deepEqual(shown(t.got), ["dropped timeout 500"]);
  source.push(SHORT);
  await settle(10);
  assert.deepEqual(shown(t.got), ["dropped timeout 500", expectFramed(SHORT)]);
  await t.stop();
});

Deno.test("a1 reader: the time-out runs from the frame's start, not from its last byte", async () => {
  const source = new FakeSource();
  const t = await start(always(source), { telegram_timeout_ms: 1000 });
  source.push(FULL.subarray(0, 100));
  await settle(10);
  await t.clock.advance(600);
  source.push(FULL.subarray(100, 200));
  await settle(10);
  await t.clock.advance(400);
  assert.deepEqual(shown(t.got), ["dropped timeout 200"]);
  await t.stop();
});

Deno.test("a1 reader completes a footer with a short CRC after the gap with no byte", async () => {
  const source = new FakeSource();
  const t = await start(always(source), {}, { footerGapMs: 200 });
  const threeDigits = fixture("edge_crc-3-hex-digits_KFM5KAIFA_1ED.txt");
  const body = framed(threeDigits); // ends in "!1ED", nothing after it
  source.push(body.subarray(0, body.length - 1));
  await settle(10);
  await t.clock.advance(150);
  source.push(body.subarray(body.length - 1)); // the last digit restarts the gap
  await settle(10);
  await t.clock.advance(150);
  assert.deepEqual(shown(t.got), [], "the gap counts from the last byte");
  await t.clock.advance(50);
  assert.equal(t.got.length, 1);
  const msg = t.got[0]!;
  assert.ok(msg.type === "telegramFramed");
  assert.deepEqual(msg.bytes, body);
  await t.stop();
});

Deno.test("a1 reader: a lost source flushes the partial frame and reopens after 1 s", async () => {
  const logs = await captureLogs();
  const sources = [new FakeSource("fake A"), new FakeSource("fake B")];
  const t = await start((clock) => new FakeOpener(clock, (n) => sources[n - 1]!));
  try {
    sources[0]!.push(SHORT);
    sources[0]!.push(FULL.subarray(0, 300));
    await settle(10);
    sources[0]!.lose("device lost (EIO)");
    await settle(10);
    assert.deepEqual(shown(t.got), [expectFramed(SHORT), "dropped flushed 300"]);
    assert.equal(sources[0]!.closed, true, "the lost source is closed");
    assert.equal(t.state().link.phase, "waiting");
    await t.clock.advance(999);
    assert.deepEqual(t.opener.attempts, [0]);
    await t.clock.advance(1);
    assert.deepEqual(t.opener.attempts, [0, 1000]);
    sources[1]!.push(V5);
    await settle(10);
    assert.deepEqual(shown(t.got).at(-1), expectFramed(V5));
    assert.deepEqual(
      logs.matching(/A1 input/).map((l) => l.replace(/^(\w+) a1mb\.a1Reader: /, "$1 ")),
      [
        "info A1 input open: fake A",
        "warning A1 input lost: device lost (EIO); opening it again in 1 s",
        "info A1 input open again: fake B",
      ],
    );
    const status = a1ReaderStatus(t.state());
    assert.deepEqual([status.link.phase, status.link.opens, status.link.losses], ["open", 2, 1]);
  } finally {
    await t.stop();
    await logs.stop();
  }
});

Deno.test("a1 reader: a missing device is retried 1 s doubling to 30 s, logged once, never a crash", async () => {
  const logs = await captureLogs();
  const source = new FakeSource();
  const t = await start((clock) =>
    new FakeOpener(
      clock,
      (n) =>
        n <= 7
          ? new Error('Cannot open serial port "/dev/ttyUSB0": no such device (ENOENT)')
          : source,
    )
  );
  try {
    await t.clock.advance(200_000);
    assert.deepEqual(t.opener.attempts, [0, 1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]);
    assert.equal(logs.matching(/ENOENT/).length, 1, "one line for seven failures");
    assert.equal(logs.matching(/A1 input open again/).length, 1);
    assert.equal(t.sup.restartCounts.get(A1_READER.name) ?? 0, 0, "the supervisor saw no crash");
    assert.equal(t.sup.cell(A1_READER.name)?.status, "running");
    source.push(SHORT);
    await settle(10);
    assert.equal(t.state().link.failures, 0, "bytes reset the back-off");
  } finally {
    await t.stop();
    await logs.stop();
  }
});

Deno.test("a1 reader: a stream closed by the other side is reopened", async () => {
  const sources = [new FakeSource(), new FakeSource()];
  const t = await start((clock) =>
    new FakeOpener(clock, (n) => sources[n - 1] ?? new Error("no more"))
  );
  sources[0]!.end();
  await settle(10);
  assert.equal(t.state().link.lastError, "fake: closed by the other side");
  await t.clock.advance(1000);
  assert.equal(t.opener.attempts.length, 2);
  await t.stop();
});

Deno.test("a1 reader: a file replayed once ends for good: finished, not reopened", async () => {
  const source = new FakeSource("file x.txt", null, true);
  const t = await start(always(source));
  source.push(framed(SHORT)); // the last telegram of a file may lack its line ending
  source.end();
  await settle(10);
  assert.deepEqual(shown(t.got), [expectFramed(SHORT)], "flushed at the end");
  assert.equal(t.state().link.phase, "finished");
  await t.clock.advance(120_000);
  assert.deepEqual(t.opener.attempts, [0]);
  await t.stop();
});

/** Data-request cases: settings, the modem-line call expected. */
const DATA_REQUEST: readonly {
  line: A1Config["data_request"];
  invert: boolean;
  calls: { rts?: boolean; dtr?: boolean }[];
}[] = [
  { line: "rts", invert: false, calls: [{ rts: true }] }, // usual cable
  { line: "rts", invert: true, calls: [{ rts: false }] }, // inverting transistor
  { line: "dtr", invert: false, calls: [{ dtr: true }] },
  { line: "dtr", invert: true, calls: [{ dtr: false }] },
  { line: "none", invert: false, calls: [] }, // tied to +5 V
];

for (const c of DATA_REQUEST) {
  Deno.test(`a1 reader sets the data-request line: ${c.line}${c.invert ? ", inverted" : ""}`, async () => {
    const lines = new FakeModemLines();
    const t = await start(always(new FakeSource("serial fake", lines)), {
      data_request: c.line,
      data_request_invert: c.invert,
    });
    assert.deepEqual(lines.calls, c.calls);
    assert.equal(t.state().dataRequest?.kind, c.line === "none" ? "off" : "set");
    await t.stop();
  });
}

Deno.test("a1 reader: data request fails with ENOTTY (a pty): logged once, reading goes on", async () => {
  const logs = await captureLogs();
  const lines = new FakeModemLines({
    ok: false,
    code: "ENOTTY",
    errno: 25,
    reason: "unsupported on this device (ENOTTY)",
  });
  const sources = [0, 1, 2].map(() => new FakeSource("serial /dev/pts/7 115200 8N1", lines));
  const t = await start((clock) => new FakeOpener(clock, (n) => sources[n - 1]!));
  try {
    sources[0]!.lose("gone");
    await settle(10);
    await t.clock.advance(1000);
    sources[1]!.lose("gone");
    await settle(10);
    await t.clock.advance(2000); // lost again before any byte: the back-off doubled
    sources[2]!.push(SHORT);
    await settle(10);
    assert.equal(lines.calls.length, 3, "tried at every open");
    const warned = logs.matching(/data request/);
    assert.equal(warned.length, 1);
    assert.match(
      warned[0]!,
      /^warning a1mb\.a1Reader: A1 data request: cannot assert RTS: unsupported on this device \(ENOTTY\) on serial \/dev\/pts\/7 115200 8N1; carrying on/,
    );
    assert.deepEqual(shown(t.got), [expectFramed(SHORT)]);
  } finally {
    await t.stop();
    await logs.stop();
  }
});

/** Waits (real time) until `check` holds; only a hang guard, not a timing assertion. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 5000) throw new Error(`Hang: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

Deno.test("a1 reader on a real tcp source: the bridge closes, comes back, and telegrams flow again", async () => {
  let listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const t = await start((clock) => tcpSource({ host: "127.0.0.1", port, clock }));
  try {
    let conn = await listener.accept();
    await conn.write(FULL);
    await until(() => t.got.length === 1, "first telegram");
    conn.close();
    listener.close();
    await until(() => t.state().link.phase === "waiting", "loss noticed");
    assert.match(t.state().link.lastError ?? "", /closed by the other side/);
    listener = Deno.listen({ hostname: "127.0.0.1", port });
    await t.clock.advance(1000);
    conn = await listener.accept();
    await conn.write(concat(SHORT, V5));
    await until(() => t.got.length === 3, "telegrams after the reconnect");
    assert.deepEqual(shown(t.got), [expectFramed(FULL), expectFramed(SHORT), expectFramed(V5)]);
    assert.equal(t.state().link.opens, 2);
    conn.close();
  } finally {
    await t.stop();
    listener.close();
  }
});
