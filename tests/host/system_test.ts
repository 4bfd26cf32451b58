import assert from "node:assert/strict";
import { DEFAULT_CONFIG } from "../../config/mod.ts";
import type { Config } from "../../config/mod.ts";
import { buildChildren, describeEndpoints, integrations } from "../../host/system.ts";
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
