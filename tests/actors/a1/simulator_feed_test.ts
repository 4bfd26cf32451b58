import assert from "node:assert/strict";
import {
  type FeedItem,
  runMeterSimulator,
  SimulatorFeed,
} from "../../../actors/a1/simulator_feed.ts";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../../../protocol/dsmr/measurements.ts";
import {
  createTelegramFramer,
  telegramFramerPush,
} from "../../../protocol/dsmr/telegram_framer.ts";
import { framesOf } from "../../protocol/dsmr/_fixtures.ts";

const START = Date.UTC(2026, 5, 1, 10, 0, 0);

function items(feed: SimulatorFeed, n: number, stepMs = 1000): FeedItem[] {
  return Array.from({ length: n }, (_, i) => feed.next(START + i * stepMs));
}

Deno.test("simulator feed: the kinds follow --bad-crc-every, --truncate-every, --garbage-every", () => {
  const feed = new SimulatorFeed({ seed: 7, badCrcEvery: 3, truncateEvery: 5, garbageEvery: 4 });
  const got = items(feed, 15).map((i) => `${i.seq}:${i.kind}${i.garbage > 0 ? "+noise" : ""}`);
  assert.deepEqual(got, [
    "1:ok",
    "2:ok",
    "3:bad-crc",
    "4:ok+noise",
    "5:truncated",
    "6:bad-crc",
    "7:ok",
    "8:ok+noise",
    "9:bad-crc",
    "10:truncated",
    "11:ok",
    "12:bad-crc+noise",
    "13:ok",
    "14:ok",
    "15:truncated", // truncation wins over a bad CRC
  ]);
});

Deno.test("simulator feed: each telegram is what its log entry says, checked by the decoder", () => {
  const feed = new SimulatorFeed({
    seed: 3,
    gas: true,
    badCrcEvery: 2,
    truncateEvery: 3,
    garbageEvery: 2,
  });
  for (const item of items(feed, 12)) {
    const telegram = item.bytes.subarray(item.garbage);
    assert.equal(telegram[0], 0x2f, "the telegram starts right after the noise");
    const noise = item.bytes.subarray(0, item.garbage);
    assert.ok(!noise.includes(0x2f) && !noise.includes(0x21), "noise holds no / and no !");
    const result = decodeTelegram(telegram, { crc: "required" });
    switch (item.kind) {
      case "ok":
        assert.ok(result.ok, `#${item.seq} decodes`);
        assert.equal(result.reading.crc, Number.parseInt(item.crc, 16));
        assert.equal(item.sentCrc, item.crc);
        assert.deepEqual(measurementsFromReading(result.reading), item.truth);
        break;
      case "bad-crc":
        assert.notEqual(item.sentCrc, item.crc);
        assert.deepEqual(result, {
          ok: false,
          code: "crc-mismatch",
          reason: `crc-mismatch expected ${item.crc} got ${item.sentCrc}`,
        });
        break;
      case "truncated":
        assert.equal(item.sentCrc, null);
        assert.ok(!telegram.includes(0x21), "cut before the footer");
        assert.equal(telegram.at(-1), 0x0a, "cut after a line");
        break;
    }
  }
});

Deno.test("simulator feed: energy counters only grow and the same seed gives the same telegrams", () => {
  const a = items(new SimulatorFeed({ seed: 11 }), 30, 60_000);
  const b = items(new SimulatorFeed({ seed: 11 }), 30, 60_000);
  assert.deepEqual(a.map((i) => i.bytes), b.map((i) => i.bytes));
  for (const key of ["energyImportT1kWh", "energyImportT2kWh", "energyExportT1kWh"] as const) {
    const values = a.map((i) => i.truth[key] ?? Number.NaN);
    assert.ok(values.every((v, k) => k === 0 || v >= values[k - 1]!), `${key} never decreases`);
  }
  assert.notDeepEqual(
    items(new SimulatorFeed({ seed: 12 }), 1)[0]!.bytes,
    a[0]!.bytes,
    "another seed, another meter",
  );
});

Deno.test("simulator feed rejects a negative or fractional fault interval", () => {
  assert.throws(() => new SimulatorFeed({ seed: 1, badCrcEvery: -1 }), RangeError);
  assert.throws(() => new SimulatorFeed({ seed: 1, truncateEvery: 1.5 }), RangeError);
});

Deno.test("meter simulator loop: one telegram per interval, the first at once, stops after count", async () => {
  const clock = new FakeClock(START);
  const written: number[] = [];
  const framer = createTelegramFramer();
  let frames = 0;
  const done = runMeterSimulator({
    seed: 1,
    intervalMs: 1000,
    clock,
    signal: new AbortController().signal,
    count: 3,
    write: (bytes) => {
      written.push(clock.now());
      frames += framesOf(telegramFramerPush(framer, bytes)).length;
      return Promise.resolve();
    },
  });
  await clock.advance(5000);
  assert.equal(await done, 3);
  assert.deepEqual(written, [0, 1000, 2000]);
  assert.equal(frames, 3);
});

Deno.test("meter simulator loop: --silence-after stops sending but keeps running until aborted", async () => {
  const clock = new FakeClock(START);
  const stop = new AbortController();
  const seen: number[] = [];
  let finished = false;
  const done = runMeterSimulator({
    seed: 1,
    intervalMs: 1000,
    clock,
    signal: stop.signal,
    silenceAfterMs: 2500,
    onTelegram: (item) => seen.push(item.seq),
    write: () => Promise.resolve(),
  }).then((n) => (finished = true, n));
  await clock.advance(10_000);
  assert.deepEqual(seen, [1, 2, 3]);
  assert.equal(finished, false, "still running");
  stop.abort();
  assert.equal(await done, 3);
});

Deno.test("meter simulator loop: a write failure ends the loop with that error", async () => {
  const clock = new FakeClock(START);
  await assert.rejects(
    runMeterSimulator({
      seed: 1,
      intervalMs: 1000,
      clock,
      signal: new AbortController().signal,
      write: () => Promise.reject(new Error("device lost")),
    }),
    { message: "device lost" },
  );
});
