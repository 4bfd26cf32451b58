import assert from "node:assert/strict";
import { configManager } from "../../actors/config_manager.ts";
import {
  CONFIG_MANAGER,
  type ModbusSlaveMsg,
  REGISTER_STORE,
  type RegisterStoreMsg,
} from "../../actors/messages.ts";
import type { ActorBehavior } from "../../actors/runtime/actor.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import type { ActorRef, Message } from "../../actors/runtime/message.ts";
import { ask } from "../../actors/runtime/ask.ts";
import type { ConfigManagerMsg, RebootAnswered, SettingWritten } from "../../actors/messages.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import type { ConfigBuild } from "../../config/mod.ts";

const SLAVE: ActorRef<ModbusSlaveMsg> = { name: "modbusRtu" };

/** An actor that keeps every message it gets. */
function inbox<M extends Message>(into: M[]): ActorBehavior<M, null, null> {
  return {
    preStart: () => null,
    handle: (state, msg) => {
      into.push(msg);
      return state;
    },
  };
}

const ORIGINAL = `# my meter cabinet
[modbus.rtu]
device = "/dev/ttyUSB1"   # the RS485 adapter
address = 2               # what the charger polls
`;

async function setup(path: string | null, build?: ConfigBuild) {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const replies: ModbusSlaveMsg[] = [];
  const store: RegisterStoreMsg[] = [];
  let builds = 0;
  const sup = new Supervisor(bus, () => {
    builds++;
    return Promise.resolve([
      childSpec(SLAVE, inbox<ModbusSlaveMsg>(replies), null),
      childSpec(REGISTER_STORE, inbox<RegisterStoreMsg>(store), null),
      childSpec(CONFIG_MANAGER, configManager, build === undefined ? { path } : { path, build }),
    ]);
  });
  await sup.start();
  return { bus, sup, replies, store, builds: () => builds };
}

Deno.test("config manager saves a setting in place, keeps comments, replies ok", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/config.toml`;
  await Deno.writeTextFile(path, ORIGINAL);
  const t = await setup(path);
  t.bus.send("modbusRtu", CONFIG_MANAGER, {
    type: "settingWriteRequested",
    changes: [{ key: "modbus.rtu.address", value: 17 }],
    requestId: 5,
    replyTo: SLAVE,
  }, null);
  await settle(10);
  assert.deepEqual(t.replies, [{ type: "settingWritten", requestId: 5, result: { ok: true } }]);
  assert.equal(
    await Deno.readTextFile(path),
    ORIGINAL.replace("address = 2", "address = 17"),
  );
  assert.equal(t.store.length, 1);
  const saved = t.store[0];
  assert.equal(saved?.type === "settingsSaved" && saved.pending.modbus.rtu.address, 17);
  assert.deepEqual(
    [...Deno.readDirSync(dir)].map((e) => e.name),
    ["config.toml"],
    "no temp file left",
  );
  await t.sup.stop("done");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("config manager refuses a value the schema does not accept: exception 03, file unchanged", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/config.toml`;
  await Deno.writeTextFile(path, ORIGINAL);
  const t = await setup(path);
  t.bus.send("modbusRtu", CONFIG_MANAGER, {
    type: "settingWriteRequested",
    changes: [{ key: "modbus.rtu.address", value: 300 }],
    requestId: 6,
    replyTo: SLAVE,
  }, null);
  await settle(10);
  assert.deepEqual(t.replies, [{
    type: "settingWritten",
    requestId: 6,
    result: {
      ok: false,
      exception: 3,
      reason: "key modbus.rtu.address = 300: 300 is out of range 1…247",
      problems: [{
        key: "modbus.rtu.address",
        value: "300",
        reason: "300 is out of range 1…247",
        allowed: "1…247",
      }],
    },
  }]);
  assert.equal(await Deno.readTextFile(path), ORIGINAL);
  assert.equal(t.store.length, 0);
  await t.sup.stop("done");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("config manager on the embedded default cannot save: exception 04 with the reason", async () => {
  const t = await setup(null);
  t.bus.send("modbusRtu", CONFIG_MANAGER, {
    type: "settingWriteRequested",
    changes: [{ key: "modbus.rtu.baud", value: 19200 }],
    requestId: 1,
    replyTo: SLAVE,
  }, null);
  await settle(10);
  assert.deepEqual(t.replies, [{
    type: "settingWritten",
    requestId: 1,
    result: {
      ok: false,
      exception: 4,
      reason: "Cannot save settings: running on the embedded default configuration (no file)",
      problems: [],
    },
  }]);
  await t.sup.stop("done");
});

Deno.test("config manager passes a reboot request to the supervisor, which rebuilds the tree", async () => {
  const t = await setup(null);
  assert.equal(t.builds(), 1);
  t.bus.send("modbusRtu", CONFIG_MANAGER, {
    type: "rebootRequested",
    reason: "reboot register written",
  }, null);
  await settle(10);
  assert.equal(t.builds(), 2);
  assert.equal(t.sup.reboots, 1);
  await t.sup.stop("done");
});

Deno.test("config manager writes several keys from the console at once, or none when one is bad", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/config.toml`;
  await Deno.writeTextFile(path, ORIGINAL);
  const t = await setup(path);
  const write = (changes: { key: string; value: unknown }[]) =>
    ask<ConfigManagerMsg, SettingWritten>(
      t.bus,
      "console",
      CONFIG_MANAGER,
      (replyTo) => ({
        type: "settingWriteRequested",
        changes,
        requestId: 1,
        replyTo,
        origin: "the web console",
      }),
      "settingWritten",
      1000,
    );
  const bad = await write([
    { key: "modbus.rtu.address", value: 9 },
    { key: "modbus.rtu.parity", value: "odd" },
  ]);
  assert.equal(bad?.result.ok, false);
  assert.deepEqual(
    bad?.result.ok === false && bad.result.problems.map((p) => p.key),
    ["modbus.rtu.parity"],
  );
  assert.equal(await Deno.readTextFile(path), ORIGINAL, "nothing written");
  assert.equal(t.store.length, 0);

  const good = await write([
    { key: "modbus.rtu.address", value: 9 },
    { key: "modbus.rtu.parity", value: "even" },
  ]);
  assert.deepEqual(good?.result, { ok: true });
  assert.equal(
    await Deno.readTextFile(path),
    ORIGINAL.replace("address = 2 ", "address = 9 ") + 'parity = "even"\n',
  );
  const saved = t.store[0];
  assert.equal(saved?.type === "settingsSaved" && saved.pending.modbus.rtu.parity, "even");
  await t.sup.stop("done");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("config manager answers a reboot request, and refuses one while the file would not load", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/config.toml`;
  await Deno.writeTextFile(path, ORIGINAL);
  const t = await setup(path);
  const reboot = () =>
    ask<ConfigManagerMsg, RebootAnswered>(
      t.bus,
      "console",
      CONFIG_MANAGER,
      (replyTo) => ({ type: "rebootRequested", reason: "asked from the console", replyTo }),
      "rebootAnswered",
      1000,
    );
  // A hand edit broke the file: a reboot would stop the converter, so it is refused.
  await Deno.writeTextFile(path, ORIGINAL.replace("address = 2", "address = 0"));
  const refused = await reboot();
  assert.equal(refused?.result.ok, false);
  assert.deepEqual(refused?.result.ok === false && refused.result.problems, [
    `${path}:4: key modbus.rtu.address: 0 is out of range 1…247`,
  ]);
  await settle(10);
  assert.equal(t.sup.reboots, 0);

  await Deno.writeTextFile(path, ORIGINAL);
  assert.deepEqual((await reboot())?.result, { ok: true });
  await settle(10);
  assert.equal(t.sup.reboots, 1);
  await t.sup.stop("done");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("config manager keeps the build's factory defaults in the pending configuration", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/config.toml`;
  await Deno.writeTextFile(path, "[modbus.rtu]\nbaud = 9600\n");
  // A build whose meter answers at address 11: the file leaves the address out.
  const build: ConfigBuild = {
    id: "eleven",
    config: { defaults: { "modbus.rtu.address": 11 }, options: [] },
  };
  const t = await setup(path, build);
  t.bus.send("modbusRtu", CONFIG_MANAGER, {
    type: "settingWriteRequested",
    changes: [{ key: "modbus.rtu.baud", value: 19200 }],
    requestId: 6,
    replyTo: SLAVE,
  }, null);
  await settle(10);
  assert.deepEqual(t.replies, [{ type: "settingWritten", requestId: 6, result: { ok: true } }]);
  const saved = t.store[0];
  assert.ok(saved?.type === "settingsSaved");
  assert.equal(saved.pending.modbus.rtu.baud, 19200);
  assert.equal(saved.pending.modbus.rtu.address, 11, "not the schema's 2");
  await t.sup.stop("done");
  await Deno.remove(dir, { recursive: true });
});
