import assert from "node:assert/strict";
import { DEFAULT_CONFIG } from "../../config/mod.ts";
import type { Config } from "../../config/mod.ts";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import { startPassthroughServer } from "../../drivers/passthrough/passthrough_server.ts";
import { openSerialPort } from "../../drivers/serial/posix_serial_port.ts";
import {
  buildChildren,
  describeEndpoints,
  integrations,
  makeLedDriver,
  passthroughArgs,
  rtuSlaveArgs,
} from "../../host/system.ts";
import { TEST_VARIANT } from "../actors/modbus/_fixtures.ts";

function config(rtu: boolean, tcp: boolean): Config {
  return {
    ...DEFAULT_CONFIG,
    modbus: {
      rtu: { ...DEFAULT_CONFIG.modbus.rtu, enabled: rtu },
      tcp: { ...DEFAULT_CONFIG.modbus.tcp, enabled: tcp },
    },
  };
}

/** Which transports are enabled, and the children that follow the RegisterStore. */
const CASES: readonly { rtu: boolean; tcp: boolean; slaves: string[] }[] = [
  // The default: RTU only.
  { rtu: true, tcp: false, slaves: ["modbusRtu"] },
  // TCP only.
  { rtu: false, tcp: true, slaves: ["modbusTcp"] },
  // Both: RTU first.
  { rtu: true, tcp: true, slaves: ["modbusRtu", "modbusTcp"] },
];

for (const c of CASES) {
  Deno.test(`system starts the Modbus slaves after the RegisterStore (rtu ${c.rtu}, tcp ${c.tcp})`, () => {
    const ids = buildChildren({
      config: config(c.rtu, c.tcp),
      configPath: null,
      variant: TEST_VARIANT,
    })
      .map((child) => child.id);
    const store = ids.indexOf("registerStore");
    assert.ok(store >= 0, ids.join(","));
    assert.deepEqual(ids.filter((id) => id.startsWith("modbus")), c.slaves);
    for (const slave of c.slaves) assert.ok(ids.indexOf(slave) > store, ids.join(","));
  });
}

Deno.test("system runs no MQTT publisher while mqtt.url is empty (the default)", () => {
  const ids = buildChildren({ config: DEFAULT_CONFIG, configPath: null, variant: TEST_VARIANT })
    .map((child) => child.id);
  assert.ok(!ids.includes("mqtt"), ids.join(","));
  assert.deepEqual(integrations(DEFAULT_CONFIG), []);
});

Deno.test("system starts the MQTT publisher before the validator that feeds it", () => {
  const config: Config = {
    ...DEFAULT_CONFIG,
    mqtt: { ...DEFAULT_CONFIG.mqtt, url: "mqtt://127.0.0.1:1883" },
  };
  const ids = buildChildren({ config, configPath: null, variant: TEST_VARIANT })
    .map((child) => child.id);
  assert.ok(ids.indexOf("mqtt") >= 0 && ids.indexOf("mqtt") < ids.indexOf("telegramValidator"));
  assert.deepEqual(integrations(config).map((ref) => ref.name), ["mqtt"]);
  assert.ok(
    describeEndpoints(config).includes(
      "MQTT: mqtt://127.0.0.1:1883, topics a1mb/<serial>/…, QoS 1, discovery under homeassistant/",
    ),
  );
});

Deno.test("console LEDs log each change at debug level, never at info", async () => {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { memory: (record: LogRecord) => void records.push(record) },
    loggers: [{ category: ["a1mb"], lowestLevel: "debug", sinks: ["memory"] }],
  });
  try {
    const driver = makeLedDriver({
      ...DEFAULT_CONFIG,
      leds: { ...DEFAULT_CONFIG.leds, driver: "console" },
    });
    driver.set("rs485", "on");
    driver.set("rs485", "off");
    driver.close();
    assert.deepEqual(
      records.map((r) => [r.category.join("."), r.level, r.message.join("")]),
      [["a1mb.leds", "debug", "LED 485 on"], ["a1mb.leds", "debug", "LED 485 off"]],
    );
  } finally {
    await reset();
  }
});

Deno.test('system hands the RTU slave the serial driver\'s opener, and a worker module only for thread = "worker"', async () => {
  const main = rtuSlaveArgs({ ...DEFAULT_CONFIG.modbus.rtu, thread: "main" }, TEST_VARIANT);
  assert.equal(main.openPort, openSerialPort);
  assert.equal(main.workerUrl, undefined);
  const worker = rtuSlaveArgs({ ...DEFAULT_CONFIG.modbus.rtu, thread: "worker" }, TEST_VARIANT);
  assert.equal(worker.openPort, openSerialPort, "the fallback when the worker cannot start");
  assert.ok(worker.workerUrl !== undefined);
  assert.ok(worker.workerUrl.pathname.endsWith("/host/rtu_worker.ts"), worker.workerUrl.href);
  assert.ok((await Deno.stat(worker.workerUrl)).isFile, worker.workerUrl.href);
});

Deno.test("system hands the Passthrough the driver's fan-out server", () => {
  const args = passthroughArgs("127.0.0.1:8088");
  assert.equal(args.listen, "127.0.0.1:8088");
  assert.equal(args.startServer, startPassthroughServer);
});

Deno.test("system starts the HomeWizard API only with homewizard.listen, before the validator", () => {
  const ids = (homewizard: string) =>
    buildChildren({
      config: { ...DEFAULT_CONFIG, homewizard: { listen: homewizard, mdns: false } },
      configPath: null,
      variant: TEST_VARIANT,
    }).map((child) => child.id);
  assert.equal(ids("").includes("homewizard"), false);
  const on = ids("127.0.0.1:8080");
  assert.ok(
    on.indexOf("homewizard") >= 0 && on.indexOf("homewizard") < on.indexOf("telegramValidator"),
  );
  assert.deepEqual(integrations(DEFAULT_CONFIG), []);
  assert.deepEqual(
    integrations({ ...DEFAULT_CONFIG, homewizard: { listen: "0.0.0.0:80", mdns: true } })
      .map((r) => r.name),
    ["homewizard"],
  );
});

Deno.test("system feeds both integrations when the HomeWizard API and MQTT are on, both before the validator", () => {
  const config: Config = {
    ...DEFAULT_CONFIG,
    homewizard: { listen: "127.0.0.1:8080", mdns: false },
    mqtt: { ...DEFAULT_CONFIG.mqtt, url: "mqtt://127.0.0.1:1883" },
  };
  const ids = buildChildren({ config, configPath: null, variant: TEST_VARIANT })
    .map((child) => child.id);
  const validator = ids.indexOf("telegramValidator");
  for (const id of ["homewizard", "mqtt"]) {
    assert.ok(ids.indexOf(id) >= 0 && ids.indexOf(id) < validator, ids.join(","));
  }
  assert.deepEqual(integrations(config).map((ref) => ref.name), ["homewizard", "mqtt"]);
  assert.deepEqual(describeEndpoints(config).slice(-2), [
    "HomeWizard API: http://127.0.0.1:8080/api/v1/data",
    "MQTT: mqtt://127.0.0.1:1883, topics a1mb/<serial>/…, QoS 1, discovery under homeassistant/",
  ]);
});
