import assert from "node:assert/strict";
import { imageFromUpdate } from "../protocol/modbus/_image_updates.ts";
import { type Config, DEFAULT_CONFIG } from "../../config/mod.ts";
import { MODBUS_RTU, type ModbusSlaveMsg, REGISTER_STORE } from "../../actors/messages.ts";
import { registerStore } from "../../actors/register_store.ts";
import type { ActorBehavior } from "../../actors/runtime/actor.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import type { Measurements } from "../../protocol/dsmr/measurements.ts";
import { decodeFloat32, decodeUint32 } from "../../protocol/modbus/register_codec.ts";
import type { RegisterImage } from "../../protocol/modbus/register_image.ts";
import { type ImageUpdate } from "../../protocol/modbus/image_update.ts";
import type { StalePolicy } from "../../config/mod.ts";
import type { Variant } from "../../variants/api.ts";

/** A three-register meter: L1 voltage and total power (measured), a serial, one setting. */
const TINY: Variant = {
  id: "tiny",
  model: "Tiny Test Meter",
  registers: [
    {
      space: "input",
      address: 0x0000,
      name: "L1 voltage",
      unit: "V",
      type: "float32",
      scale: 1,
      wordOrder: "high-first",
      measured: true,
      source: { kind: "reading", fields: ["voltageL1V"], obis: ["1-0:32.7.0"], rule: "V" },
      value: (c) => c.m.voltageL1V ?? null,
    },
    {
      space: "input",
      address: 0x0034,
      name: "Total power",
      unit: "W",
      type: "float32",
      scale: 1,
      wordOrder: "high-first",
      measured: true,
      source: {
        kind: "reading",
        fields: ["powerImportW", "powerExportW"],
        obis: ["1-0:1.7.0", "1-0:2.7.0"],
        rule: "import − export",
      },
      value: (c) =>
        c.m.powerImportW === undefined || c.m.powerExportW === undefined
          ? null
          : c.m.powerImportW - c.m.powerExportW,
    },
    {
      space: "holding",
      address: 0xfc00,
      name: "Serial",
      unit: "",
      type: "uint32",
      scale: 1,
      wordOrder: "high-first",
      measured: false,
      source: { kind: "option", rule: "digits of the equipment id" },
      value: (c) => c.hasReading ? Number(c.m.equipmentId?.replace(/\D/g, "").slice(-9) || 0) : 1,
    },
    {
      space: "holding",
      address: 0x0014,
      name: "Address",
      unit: "",
      type: "float32",
      scale: 1,
      wordOrder: "high-first",
      measured: false,
      source: { kind: "setting", key: "modbus.rtu.address", rule: "1…247" },
      value: (c) => Number(c.settings("modbus.rtu.address")),
    },
  ],
  settings: [{
    key: "modbus.rtu.address",
    address: 0x0014,
    type: "float32",
    wordOrder: "high-first",
    singleWordWrite: true,
    rule: "1…247",
    decode: (v) => ({ ok: true, value: v }),
    encode: (v) => Number(v),
  }],
  functionCodes: { fc03: "holding", fc04: "input" },
  config: { defaults: {}, options: [] },
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: [],
};

function config(policy: StalePolicy): Config {
  return { ...DEFAULT_CONFIG, a1: { ...DEFAULT_CONFIG.a1, stale: policy, stale_after_s: 25 } };
}

const FULL: Measurements = {
  equipmentId: "1SAG1100042181",
  voltageL1V: 230.5,
  powerImportW: 1250,
  powerExportW: 0,
};

async function setup(policy: StalePolicy) {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const images: RegisterImage[] = [];
  const updates: ImageUpdate[] = [];
  const slave: ActorBehavior<ModbusSlaveMsg, null, null> = {
    preStart: () => null,
    handle: (s, msg) => {
      if (msg.type === "registersPublished") {
        updates.push(msg.update);
        images.push(imageFromUpdate(msg.update));
      }
      return s;
    },
  };
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(MODBUS_RTU, slave, null),
      childSpec(REGISTER_STORE, registerStore, {
        variant: TINY,
        config: config(policy),
        subscribers: [MODBUS_RTU],
      }),
    ]));
  await sup.start();
  await settle();
  const accept = async (m: Measurements) => {
    bus.send("telegramValidator", REGISTER_STORE, {
      type: "readingAccepted",
      crc: 0x3ad7,
      measurements: m,
      receivedAt: clock.now(),
    }, null);
    await settle();
  };
  const last = () => {
    const image = images.at(-1);
    assert.ok(image, "an image was published");
    return image;
  };
  return { clock, sup, images, updates, accept, last };
}

const volts = (i: RegisterImage) => decodeFloat32(i.input, 0x0000);
const watts = (i: RegisterImage) => decodeFloat32(i.input, 0x0034);
const serial = (i: RegisterImage) => decodeUint32(i.holding, 0xfc00);

Deno.test("register store publishes an initial image: no data yet, serial 1, settings served", async () => {
  const t = await setup("zero");
  assert.equal(t.images.length, 1);
  const image = t.last();
  assert.equal(volts(image), 0);
  assert.equal(serial(image), 1, "openWB rejects serial 0");
  assert.equal(decodeFloat32(image.holding, 0x0014), 2);
  assert.equal(image.blocked, null);
  assert.equal(image.holdingWritable[0x0014], 1);
  assert.equal(image.holdingWritable[0x0015], 1);
  assert.equal(image.holdingWritable[0xf100], 1);
  assert.equal(image.holdingWritable[0xfc00], 0);
  assert.equal(image.measured.input[0x0000], 1);
  assert.equal(image.measured.input[0x0034], 1);
  assert.equal(image.measured.holding[0xfc00], 0);
  await t.sup.stop("done");
});

Deno.test("register store publishes only the served words per telegram, in one shape shared by every update", async () => {
  const t = await setup("zero");
  await t.accept(FULL);
  await t.accept({ ...FULL, voltageL1V: 231 });
  const [initial, first, second] = t.updates;
  assert.ok(initial && first && second);
  assert.equal(first.shape, initial.shape, "masks and spans are not rebuilt per telegram");
  assert.equal(second.shape, initial.shape);
  assert.equal(second.words.length, second.shape.wordCount);
  assert.ok(second.words.length < 200, `${second.words.length} words, not two whole spaces`);
  assert.notEqual(second.words, first.words, "each update is its own immutable array");
  assert.equal(volts(t.images[1]!), 230.5);
  assert.equal(volts(t.images[2]!), 231);
  await t.sup.stop("done");
});

Deno.test("register store maps an accepted reading into a new image", async () => {
  const t = await setup("zero");
  await t.accept(FULL);
  const image = t.last();
  assert.equal(volts(image), 230.5);
  assert.equal(watts(image), 1250);
  assert.equal(serial(image), 100042181);
  await t.sup.stop("done");
});

/** Policies and what measured registers serve once telegrams stop, and before the first one. */
const STALE_CASES: readonly {
  policy: StalePolicy;
  staleVolts: number;
  blocked: RegisterImage["blocked"];
  initialBlocked: RegisterImage["blocked"];
}[] = [
  // The device's behaviour: zero, not blocked.
  { policy: "zero", staleVolts: 0, blocked: null, initialBlocked: null },
  // Keep the last values; before the first telegram there are none (0).
  { policy: "hold", staleVolts: 230.5, blocked: null, initialBlocked: null },
  // Exception 04 on measured registers (the slave applies `blocked`).
  { policy: "exception", staleVolts: 0, blocked: "exception", initialBlocked: "exception" },
  // No reply on measured registers.
  { policy: "silent", staleVolts: 0, blocked: "silent", initialBlocked: "silent" },
];

for (const c of STALE_CASES) {
  Deno.test(`register store stale policy "${c.policy}": applies after stale_after_s, recovers on the next telegram`, async () => {
    const t = await setup(c.policy);
    assert.equal(
      t.last().blocked,
      c.initialBlocked,
      "the policy applies before the first telegram",
    );
    await t.accept(FULL);
    assert.equal(t.last().blocked, null);
    assert.equal(volts(t.last()), 230.5);

    await t.clock.advance(24_999);
    assert.equal(volts(t.last()), 230.5, "still fresh just before 25 s");
    assert.equal(t.last().blocked, null);

    await t.clock.advance(1);
    const stale = t.last();
    assert.equal(volts(stale), c.staleVolts);
    assert.equal(stale.blocked, c.blocked);
    assert.equal(serial(stale), 100042181, "identification survives staleness");
    assert.equal(decodeFloat32(stale.holding, 0x0014), 2, "settings survive staleness");

    await t.accept({ ...FULL, voltageL1V: 231 });
    assert.equal(volts(t.last()), 231, "recovers on the next good telegram");
    assert.equal(t.last().blocked, null);
    await t.sup.stop("done");
  });
}

Deno.test("register store judges staleness by arrival, not by values not changing", async () => {
  const t = await setup("zero");
  for (let i = 0; i < 10; i++) {
    await t.accept(FULL);
    await t.clock.advance(10_000);
  }
  assert.equal(volts(t.last()), 230.5, "identical telegrams every 10 s keep the values live");
  await t.sup.stop("done");
});

Deno.test("register store: a partial telegram does not zero fields the previous one carried", async () => {
  const t = await setup("zero");
  await t.accept(FULL);
  await t.clock.advance(1000);
  await t.accept({ powerImportW: 900, powerExportW: 0 });
  assert.equal(volts(t.last()), 230.5, "voltage kept from 1 s ago");
  assert.equal(watts(t.last()), 900);
  await t.clock.advance(20_000);
  await t.accept({ powerImportW: 800, powerExportW: 0 });
  assert.equal(volts(t.last()), 230.5, "voltage from 21 s ago is still within 25 s");
  await t.clock.advance(5_000);
  await t.accept({ powerImportW: 700, powerExportW: 0 });
  assert.equal(volts(t.last()), 0, "voltage not seen for 26 s is no longer served");
  assert.equal(watts(t.last()), 700);
  await t.sup.stop("done");
});

Deno.test("register store shows saved (pending) settings in the settings registers", async () => {
  const t = await setup("zero");
  const pending = {
    ...DEFAULT_CONFIG,
    modbus: { ...DEFAULT_CONFIG.modbus, rtu: { ...DEFAULT_CONFIG.modbus.rtu, address: 17 } },
  };
  t.sup.bus.send("configManager", REGISTER_STORE, { type: "settingsSaved", pending }, null);
  await settle();
  assert.equal(decodeFloat32(t.last().holding, 0x0014), 17);
  await t.sup.stop("done");
});

Deno.test("register store goes stale stale_after_s after the last telegram, with one stale check pending however many arrive", async () => {
  const t = await setup("exception");
  await t.accept(FULL);
  const pending = t.clock.pendingTimers;
  for (let i = 0; i < 5; i++) {
    await t.clock.advance(10_000);
    await t.accept({ ...FULL, voltageL1V: 231 + i });
    assert.equal(t.clock.pendingTimers, pending, "no timer added per telegram");
  }
  await t.clock.advance(24_999);
  assert.equal(t.last().blocked, null, "still fresh 1 ms before 25 s after the last telegram");
  assert.equal(volts(t.last()), 235);
  await t.clock.advance(1);
  assert.equal(t.last().blocked, "exception", "stale 25 s after the last telegram");
  await t.sup.stop("done");
});
