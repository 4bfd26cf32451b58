import assert from "node:assert/strict";
import { DEFAULT_CONFIG } from "../../config/mod.ts";
import { PowerHistory } from "../../actors/console/power_history.ts";
import { consoleFeed, type ConsoleFeedStatus } from "../../actors/console_feed.ts";
import {
  CONSOLE_FEED,
  type ConsoleFeedMsg,
  type HistoryReported,
  REGISTER_STORE,
} from "../../actors/messages.ts";
import { registerStore } from "../../actors/register_store.ts";
import { ask } from "../../actors/runtime/ask.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import { collectStatus } from "../../actors/runtime/status_probe.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import type { Measurements } from "../../protocol/dsmr/measurements.ts";
import type { MeterReading } from "../../protocol/dsmr/reading.ts";
import { sdm630 } from "../../variants/sdm630/mod.ts";

const READING: MeterReading = { header: "FLU5\\253769484_A", crc: 0x3ad7, objects: new Map() };
const M: Measurements = {
  voltageL1V: 231.4,
  voltageL2V: 229.9,
  voltageL3V: 232,
  currentL1A: 6,
  currentL2A: 1,
  currentL3A: 5,
  powerImportL1W: 0,
  powerExportL1W: 1513,
  powerImportL2W: 340,
  powerExportL2W: 0,
  powerImportL3W: 1228,
  powerExportL3W: 0,
  powerImportW: 55,
  powerExportW: 0,
  energyImportTotalkWh: 12345.678,
  energyExportTotalkWh: 2345.5,
};

async function start(history: PowerHistory, stale: "zero" | "exception" = "zero") {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const config = { ...DEFAULT_CONFIG, a1: { ...DEFAULT_CONFIG.a1, stale, stale_after_s: 5 } };
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(CONSOLE_FEED, consoleFeed, { variant: sdm630, history }),
      childSpec(REGISTER_STORE, registerStore, {
        variant: sdm630,
        config,
        subscribers: [CONSOLE_FEED],
      }),
    ]));
  await sup.start();
  await settle();
  const accept = async () => {
    bus.send("telegramValidator", REGISTER_STORE, {
      type: "readingAccepted",
      reading: READING,
      measurements: M,
      receivedAt: clock.now(),
    }, null);
    await settle();
  };
  const status = async () =>
    (await collectStatus(bus, ["consoleFeed"], 1000)).get("consoleFeed") as ConsoleFeedStatus;
  return { clock, bus, sup, accept, status };
}

Deno.test("console feed shows the values the registers serve: import positive, export negative", async () => {
  const t = await start(new PowerHistory());
  await t.accept();
  const live = (await t.status()).live;
  assert.equal(live?.blocked, null);
  assert.deepEqual(live?.values, {
    power_l1_w: -1513,
    power_l2_w: 340,
    power_l3_w: 1228,
    power_w: 55,
    voltage_l1_v: Math.fround(231.4),
    voltage_l2_v: Math.fround(229.9),
    voltage_l3_v: 232,
    current_l1_a: 6,
    current_l2_a: 1,
    current_l3_a: 5,
    import_kwh: Math.fround(12345.678),
    export_kwh: 2345.5,
  });
  assert.equal(live?.at, t.clock.wallNow());
  await t.sup.stop("done");
});

Deno.test("console feed keeps a power sample per second and answers the hour on request", async () => {
  const history = new PowerHistory();
  const t = await start(history);
  for (let i = 0; i < 3; i++) {
    await t.clock.advance(1000);
    await t.accept();
  }
  const answer = await ask<ConsoleFeedMsg, HistoryReported>(
    t.bus,
    "console",
    CONSOLE_FEED,
    (replyTo) => ({ type: "historyRequested", sinceMs: 0, replyTo }),
    "historyReported",
    1000,
  );
  const series = answer?.series;
  // The image published at start (no telegram yet: zeros) and one per telegram.
  assert.deepEqual(series?.total, [0, 55, 55, 55]);
  assert.deepEqual(series?.l1.slice(1), [-1513, -1513, -1513]);
  assert.equal((await t.status()).history_points, 4);
  await t.sup.stop("done");

  // A reboot starts a new feed on the same ring: the hour is still there.
  const again = await start(history);
  assert.equal((await again.status()).history_points, 4);
  await again.sup.stop("done");
});

Deno.test("console feed shows no values while masters get exceptions for stale values", async () => {
  const t = await start(new PowerHistory(), "exception");
  await t.accept();
  await t.clock.advance(6000);
  await settle();
  const live = (await t.status()).live;
  assert.equal(live?.blocked, "exception");
  assert.equal(live?.values.power_w, null);
  await t.sup.stop("done");
});
