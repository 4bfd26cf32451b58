/**
 * A build's place in the configuration: its factory defaults fill the keys the file leaves out,
 * a key the file sets wins, a build option is refused by builds that do not offer it, and a
 * build cannot set a default for a key the schema does not let it set.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type ConfigBuild,
  configDefaults,
  DEFAULT_CONFIG,
  defaultValues,
  loadConfigText,
} from "../../config/mod.ts";

/** A Huawei-like build: address 11 by default, no build options. */
const HUAWEI: ConfigBuild = {
  id: "huaweilike",
  config: { defaults: { "modbus.rtu.address": 11, "modbus.rtu.baud": 9600 }, options: [] },
};

/** An Eastron-like build offering the FC03 option. */
const EASTRON: ConfigBuild = {
  id: "eastronlike",
  config: { defaults: { "modbus.rtu.address": 2 }, options: ["registers.fc03"] },
};

const file = (...lines: string[]): string => lines.map((l) => `${l}\n`).join("");

Deno.test("config loader takes the build's factory defaults for keys the file leaves out", () => {
  const loaded = loadConfigText(file("[a1]", "baud = 9600"), "config.toml", { build: HUAWEI });
  assert.ok(loaded.ok);
  assert.equal(loaded.config.modbus.rtu.address, 11);
  assert.equal(loaded.config.modbus.rtu.baud, 9600);
  assert.deepEqual(loaded.fromBuild, ["modbus.rtu.address", "modbus.rtu.baud"]);
});

Deno.test("config loader lets a key the file sets win over the build's default", () => {
  const text = file("[modbus.rtu]", "address = 7");
  const loaded = loadConfigText(text, "config.toml", { build: HUAWEI });
  assert.ok(loaded.ok);
  assert.equal(loaded.config.modbus.rtu.address, 7);
  assert.deepEqual(loaded.fromBuild, ["modbus.rtu.baud"]);
});

Deno.test("config loader without a build uses the schema's defaults", () => {
  const loaded = loadConfigText("", "config.toml");
  assert.ok(loaded.ok);
  assert.equal(loaded.config.modbus.rtu.address, 2);
  assert.deepEqual(loaded.fromBuild, []);
});

Deno.test("config loader refuses a build option the build does not offer, unless it is the default", () => {
  const input = file("[registers]", 'fc03 = "input"');
  assert.deepEqual(loadConfigText(input, "config.toml", { build: HUAWEI }), {
    ok: false,
    problems: [
      'config.toml:2: key registers.fc03: the huaweilike build does not offer this option (it takes only "holding")',
    ],
  });
  const holding = loadConfigText(file("[registers]", 'fc03 = "holding"'), "config.toml", {
    build: HUAWEI,
  });
  assert.ok(holding.ok);
  const offered = loadConfigText(input, "config.toml", { build: EASTRON });
  assert.ok(offered.ok);
  assert.equal(offered.config.registers.fc03, "input");
});

Deno.test("configDefaults is the schema's defaults overlaid with the build's", () => {
  assert.deepEqual(configDefaults(), DEFAULT_CONFIG);
  const huawei = configDefaults(HUAWEI);
  assert.equal(huawei.modbus.rtu.address, 11);
  assert.deepEqual({ ...huawei.a1 }, { ...DEFAULT_CONFIG.a1 });
  assert.ok(Object.isFrozen(huawei.modbus.rtu));
});

Deno.test("a build cannot set a default for a key a build may not set, or a value the key refuses", () => {
  const bad = (defaults: Record<string, string | number | boolean>): ConfigBuild => ({
    id: "bad",
    config: { defaults, options: [] },
  });
  assert.throws(
    () => defaultValues(bad({ "a1.baud": 9600 })),
    new TypeError('Build bad sets a default for "a1.baud": not a key a build may set'),
  );
  assert.throws(
    () => defaultValues(bad({ "modbus.rtu.address": 300 })),
    new TypeError('Build bad sets "modbus.rtu.address" to 300: 300 is out of range 1…247'),
  );
});
