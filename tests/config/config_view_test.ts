import assert from "node:assert/strict";
import {
  type Config,
  CONFIG_SCHEMA,
  type ConfigBuild,
  configRows,
  configValue,
  DEFAULT_CONFIG,
  loadConfigText,
} from "../../config/mod.ts";

const TEXT = `[a1]
stale_after_s = 5

[modbus.rtu]
baud = 19200 # the charger's speed
`;

function load(text: string): Config {
  const loaded = loadConfigText(text, "config.toml");
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.problems.join("\n"));
  return loaded.config;
}

Deno.test("config rows: every schema key in order, with the line that sets it or the default", () => {
  const rows = configRows(TEXT, load(TEXT));
  assert.deepEqual(rows.map((r) => r.key), CONFIG_SCHEMA.map((d) => d.path));
  const row = (key: string) => rows.find((r) => r.key === key);
  assert.deepEqual(
    { value: row("modbus.rtu.baud")?.value, line: row("modbus.rtu.baud")?.line },
    { value: 19200, line: 5 },
  );
  assert.equal(row("modbus.rtu.baud")?.default, 9600);
  assert.deepEqual(
    { value: row("a1.stale_after_s")?.value, line: row("a1.stale_after_s")?.line },
    { value: 5, line: 2 },
  );
  assert.deepEqual(
    { value: row("modbus.rtu.address")?.value, line: row("modbus.rtu.address")?.line },
    { value: 2, line: null },
  );
  assert.equal(row("modbus.rtu.address")?.allowed, "1…247");
  assert.equal(row("a1.host")?.value, undefined, "no default, not set");
  assert.equal(row("control.token")?.secret, true);
});

Deno.test("config rows: a key the file leaves out takes the build's own default", () => {
  // A build whose defaults differ from the schema's (address 11, as the Huawei build's).
  const build: ConfigBuild = {
    id: "eleven",
    config: { defaults: { "modbus.rtu.address": 11 }, options: [] },
  };
  const loaded = loadConfigText(TEXT, "config.toml", { build });
  assert.ok(loaded.ok);
  const rows = configRows(TEXT, loaded.config, build);
  const address = rows.find((r) => r.key === "modbus.rtu.address");
  assert.deepEqual({ value: address?.value, default: address?.default, line: address?.line }, {
    value: 11,
    default: 11,
    line: null,
  });
});

Deno.test("config value reads dotted keys and nothing else", () => {
  assert.equal(configValue(DEFAULT_CONFIG, "modbus.rtu.address"), 2);
  assert.equal(configValue(DEFAULT_CONFIG, "modbus.rtu"), undefined, "a table is no value");
  assert.equal(configValue(DEFAULT_CONFIG, "modbus.rtu.nope"), undefined);
  assert.equal(configValue(DEFAULT_CONFIG, "toString"), undefined, "no prototype keys");
});

Deno.test("config rows: an option the build does not offer allows only its default", () => {
  const build: ConfigBuild = { id: "dtsu666", config: { defaults: {}, options: [] } };
  const fc03 = (b?: ConfigBuild) =>
    configRows(TEXT, load(TEXT), b).find((r) => r.key === "registers.fc03")?.allowed;
  assert.equal(fc03(build), '"holding" only (the dtsu666 build does not offer this option)');
  assert.equal(
    fc03({ ...build, config: { defaults: {}, options: ["registers.fc03"] } }),
    '"holding", "input"',
  );
  assert.equal(fc03(), '"holding", "input"');
});
