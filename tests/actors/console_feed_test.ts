import assert from "node:assert/strict";
import type { StalePolicy } from "../../config/mod.ts";
import { PowerHistory } from "../../actors/console/power_history.ts";
import { consoleFeed, type ConsoleFeedStatus } from "../../actors/console_feed.ts";
import {
  CONSOLE_FEED,
  type ConsoleFeedMsg,
  type HistoryReported,
  TELEGRAM_VALIDATOR,
} from "../../actors/messages.ts";
import { telegramValidator } from "../../actors/telegram_validator.ts";
import { ask } from "../../actors/runtime/ask.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import { collectStatus } from "../../actors/runtime/status_probe.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";

const FIXTURES = new URL("../fixtures/telegrams/", import.meta.url);
/** Fluvius 1.7.1: 1-0:1.7.0(00.338*kW) (L1 47 W, L2 179 W, L3 111 W), gas 00092.287 m³. */
const TELEGRAM = await Deno.readFile(new URL("dsmr_parser_FLUVIUS_V171_ALT.txt", FIXTURES));

/** The feed behind a real TelegramValidator, as the host wires them. */
async function start(history: PowerHistory, policy: StalePolicy = "zero", invert = false) {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(CONSOLE_FEED, consoleFeed, { history, staleAfterMs: 5000, policy, invert }),
      childSpec(TELEGRAM_VALIDATOR, telegramValidator, {
        crc: "required",
        passthrough: "off",
        integrations: [CONSOLE_FEED],
      }),
    ]));
  await sup.start();
  await settle();
  const accept = async () => {
    bus.send("a1Reader", TELEGRAM_VALIDATOR, {
      type: "telegramFramed",
      bytes: TELEGRAM,
      receivedAt: clock.now(),
    }, null);
    await settle();
  };
  const status = async () =>
    (await collectStatus(bus, ["consoleFeed"], 1000)).get("consoleFeed") as ConsoleFeedStatus;
  return { clock, bus, sup, accept, status };
}

Deno.test("console feed shows an accepted telegram's values: import positive, with gas", async () => {
  const t = await start(new PowerHistory());
  assert.equal((await t.status()).live, null, "nothing before the first telegram");
  await t.accept();
  const live = (await t.status()).live;
  assert.equal(live?.stale, false);
  assert.equal(live?.at, t.clock.wallNow());
  assert.equal(live?.values.power_w, 338);
  assert.equal(live?.values.power_l1_w, 47);
  assert.equal(live?.values.voltage_l1_v, 232.9);
  assert.equal(live?.values.gas_m3, 92.287);
  await t.sup.stop("done");
});

Deno.test("console feed under invert shows what the registers serve: export", async () => {
  const t = await start(new PowerHistory(), "zero", true);
  await t.accept();
  assert.equal((await t.status()).live?.values.power_w, -338);
  await t.sup.stop("done");
});

Deno.test("console feed keeps a power sample per telegram and answers the hour on request", async () => {
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
  assert.deepEqual(answer?.series.total, [338, 338, 338]);
  assert.deepEqual(answer?.series.l2, [179, 179, 179]);
  assert.equal((await t.status()).history_points, 3);
  await t.sup.stop("done");

  // A reboot starts a new feed on the same ring: the hour is still there.
  const again = await start(history);
  assert.equal((await again.status()).history_points, 3);
  await again.sup.stop("done");
});

/** Stale policies and whether the console still shows the last values once stale. */
const STALE: readonly [StalePolicy, boolean][] = [
  ["hold", true], // masters get the last values: so does the console
  ["zero", false], // masters read 0: the console shows "–", not a 0 the meter did not send
  ["exception", false],
  ["silent", false],
];

for (const [policy, shown] of STALE) {
  Deno.test(`console feed after stale_after_s under stale = "${policy}": values ${shown ? "held" : "gone"}`, async () => {
    const t = await start(new PowerHistory(), policy);
    await t.accept();
    await t.clock.advance(4900);
    assert.equal((await t.status()).live?.stale, false);
    await t.clock.advance(100);
    const live = (await t.status()).live;
    assert.equal(live?.stale, true);
    assert.equal(live?.policy, policy);
    assert.equal(live?.age_s, 5);
    assert.equal(live?.values.power_w, shown ? 338 : null);
    assert.equal(live?.values.voltage_l1_v, shown ? 232.9 : null);
    await t.accept();
    assert.equal((await t.status()).live?.values.power_w, 338, "fresh again");
    await t.sup.stop("done");
  });
}
