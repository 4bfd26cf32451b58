import assert from "node:assert/strict";
import {
  HOMEWIZARD,
  type HomeWizardMsg,
  type IntegrationMsg,
  LED_CONTROLLER,
  type LedControllerMsg,
  MQTT,
  type MqttMsg,
  REGISTER_STORE,
  type RegisterStoreMsg,
  TELEGRAM_VALIDATOR,
} from "../../actors/messages.ts";
import type { ActorBehavior } from "../../actors/runtime/actor.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import type { ActorRef, Message } from "../../actors/runtime/message.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import {
  telegramValidator,
  type TelegramValidatorState,
  telegramValidatorStatus,
} from "../../actors/telegram_validator.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import type { CrcPolicy } from "../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../protocol/dsmr/encode_telegram.ts";
import { fixture } from "../protocol/dsmr/_fixtures.ts";
import { captureLogs } from "./a1/_log_capture.ts";

function inbox<M extends Message>(into: M[]): ActorBehavior<M, null, null> {
  return { preStart: () => null, handle: (s, msg) => (into.push(msg), s) };
}

/** Starts the validator with `integrations`; both integrations' inboxes run either way. */
async function start(
  crc: CrcPolicy = "required",
  integrations: readonly ActorRef<IntegrationMsg>[] = [],
) {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const store: RegisterStoreMsg[] = [];
  const leds: LedControllerMsg[] = [];
  const homewizard: HomeWizardMsg[] = [];
  const mqtt: MqttMsg[] = [];
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(LED_CONTROLLER, inbox(leds), null),
      childSpec(REGISTER_STORE, inbox(store), null),
      childSpec(HOMEWIZARD, inbox(homewizard), null),
      childSpec(MQTT, inbox(mqtt), null),
      childSpec(TELEGRAM_VALIDATOR, telegramValidator, {
        crc,
        ...(integrations.length > 0 ? { integrations } : {}),
      }),
    ]));
  await sup.start();
  const send = async (bytes: Uint8Array, receivedAt = clock.now()) => {
    bus.send("a1Reader", TELEGRAM_VALIDATOR, { type: "telegramFramed", bytes, receivedAt }, null);
    await settle(5);
  };
  const drop = async (reason: "restarted" | "timeout", length: number) => {
    bus.send("a1Reader", TELEGRAM_VALIDATOR, {
      type: "frameDropped",
      reason,
      length,
      receivedAt: clock.now(),
    }, null);
    await settle(5);
  };
  const counters = () =>
    telegramValidatorStatus(sup.cell(TELEGRAM_VALIDATOR.name)!.state as TelegramValidatorState);
  return { clock, bus, sup, store, leds, homewizard, mqtt, send, drop, counters };
}

const GOOD = fixture("dsmr_parser_FLUVIUS_V171.txt");
const BAD_CRC = fixture("edge_bad-crc_FLUVIUS_V171_line-removed.txt");
const NO_CRC = fixture("dsmr_parser_V2_2.txt");

Deno.test("telegram validator accepts a valid telegram: reading to the store, accepted to the LEDs", async () => {
  const t = await start();
  await t.clock.advance(1234);
  await t.send(GOOD, 1200);
  assert.equal(t.store.length, 1);
  const msg = t.store[0]!;
  assert.ok(msg.type === "readingAccepted");
  assert.equal(msg.receivedAt, 1200);
  assert.equal(msg.crc, 0x3ad7, "the telegram's CRC names it in the trace");
  // Values as the fixture's text says: 1-0:1.8.2(000015.758*kWh), 1-0:1.4.0(02.351*kW).
  assert.equal(msg.measurements.energyImportT2kWh, 15.758);
  assert.equal(msg.measurements.demandAverageW, 2351);
  assert.deepEqual(t.leds, [{ type: "telegramAccepted" }]);
  const c = t.counters();
  assert.deepEqual([c.accepted, c.rejected, c.lastAcceptedAt], [1, 0, 1200]);
  assert.equal(c.lastAcceptedWallMs, t.clock.wallNow());
  await t.sup.stop("done");
});

Deno.test("telegram validator publishes each accepted telegram to the integrations: text, reading, values", async () => {
  const t = await start("required", [HOMEWIZARD]);
  await t.send(GOOD, 700);
  await t.send(BAD_CRC, 800);
  assert.equal(t.homewizard.length, 1, "a rejected telegram is not published");
  assert.deepEqual(t.mqtt, [], "an integration the host did not wire in gets nothing");
  const msg = t.homewizard[0]!;
  assert.ok(msg.type === "telegramPublished");
  assert.equal(msg.telegram.text, new TextDecoder("latin1").decode(GOOD));
  assert.equal(msg.telegram.receivedAt, 700);
  assert.equal(msg.telegram.reading.header, "FLU5\\253769484_A");
  assert.equal(msg.telegram.measurements.energyImportT2kWh, 15.758);
  await t.sup.stop("done");
});

Deno.test("telegram validator publishes one and the same message to every integration (the HomeWizard API and MQTT)", async () => {
  const t = await start("required", [HOMEWIZARD, MQTT]);
  await t.send(GOOD, 4800);
  await t.send(BAD_CRC, 5800);
  await t.send(GOOD, 6800);
  assert.deepEqual(t.homewizard.map((m) => m.type), ["telegramPublished", "telegramPublished"]);
  assert.deepEqual(t.mqtt, t.homewizard);
  const [first, second] = t.homewizard;
  assert.ok(first?.type === "telegramPublished" && second?.type === "telegramPublished");
  assert.deepEqual([first.telegram.receivedAt, second.telegram.receivedAt], [4800, 6800]);
  // The capacity-tariff value MQTT and the HomeWizard API publish: 1-0:1.4.0(02.351*kW).
  assert.equal(first.telegram.measurements.demandAverageW, 2351);
  await t.sup.stop("done");
});

Deno.test("telegram validator publishes nothing without integrations", async () => {
  const t = await start();
  await t.send(GOOD);
  assert.deepEqual([t.homewizard.length, t.mqtt.length], [0, 0]);
  await t.sup.stop("done");
});

Deno.test("telegram validator rejects a wrong CRC with its reason, to the LEDs, never to the store", async () => {
  const t = await start();
  await t.send(BAD_CRC);
  assert.deepEqual(t.store, []);
  assert.deepEqual(t.leds, [{
    type: "telegramRejected",
    reason: "crc-mismatch expected 02A3 got 3AD7",
  }]);
  const c = t.counters();
  assert.deepEqual(
    [c.accepted, c.rejected, c.rejectedByCode, c.lastReason],
    [0, 1, { "crc-mismatch": 1 }, "crc-mismatch expected 02A3 got 3AD7"],
  );
  await t.sup.stop("done");
});

Deno.test("telegram validator: crc = required rejects a telegram without CRC, optional accepts it", async () => {
  const strict = await start("required");
  await strict.send(NO_CRC);
  assert.deepEqual(strict.leds, [{ type: "telegramRejected", reason: "crc-missing" }]);
  await strict.sup.stop("done");
  const lenient = await start("optional");
  await lenient.send(NO_CRC);
  assert.deepEqual(lenient.leds, [{ type: "telegramAccepted" }]);
  assert.equal(lenient.store.length, 1);
  await lenient.sup.stop("done");
});

Deno.test("telegram validator: a bad value names its line", async () => {
  const t = await start();
  await t.send(encodeTelegram("XMX5TEST", ["0-0:96.1.4(50217)", "1-0:1.7.0(12.x*kW)"]));
  assert.deepEqual(t.leds, [{ type: "telegramRejected", reason: 'line 4: bad value "12.x*kW"' }]);
  assert.deepEqual(t.counters().rejectedByCode, { "bad-value": 1 });
  await t.sup.stop("done");
});

Deno.test("telegram validator reports a dropped partial frame as a rejection with its reason", async () => {
  const t = await start();
  await t.drop("restarted", 712);
  assert.deepEqual(t.leds, [{
    type: "telegramRejected",
    reason: "frame-restarted after 712 bytes: the next telegram began before the footer",
  }]);
  assert.deepEqual(t.counters().rejectedByCode, { "frame-restarted": 1 });
  await t.sup.stop("done");
});

Deno.test("telegram validator rate-limits warnings: the first at once, then one summary a minute", async () => {
  const logs = await captureLogs();
  const t = await start();
  try {
    for (let i = 0; i < 5; i++) {
      await t.send(BAD_CRC);
      await t.clock.advance(1000);
    }
    await t.drop("timeout", 100); // another code: logged at once
    const warned = () => logs.matching(/^warning a1mb\.telegramValidator/);
    assert.deepEqual(warned(), [
      "warning a1mb.telegramValidator: A1 telegram rejected: crc-mismatch expected 02A3 got 3AD7",
      "warning a1mb.telegramValidator: A1 telegram rejected: frame-timeout after 100 bytes: no footer in time",
    ]);
    await t.clock.advance(55_000);
    assert.equal(warned().length, 3);
    assert.equal(
      warned()[2],
      "warning a1mb.telegramValidator: A1: 4 more telegram(s) rejected (crc-mismatch) in the last 60 s; last: crc-mismatch expected 02A3 got 3AD7",
    );
    await t.clock.advance(600_000);
    assert.equal(warned().length, 3, "nothing more to say");
    assert.equal(t.clock.pendingTimers, 0, "the summary timer stops once all is quiet");
    assert.equal(t.counters().rejected, 6, "every rejection is counted");
  } finally {
    await t.sup.stop("done");
    await logs.stop();
  }
});
