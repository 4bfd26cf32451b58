import assert from "node:assert/strict";
import { type Config, DEFAULT_CONFIG, exampleConfig, loadConfigText } from "../../config/mod.ts";

const CONFIG_TOML = await Deno.readTextFile(new URL("../../config.toml", import.meta.url));

Deno.test("the example of a build with the schema's defaults is config.toml itself", () => {
  assert.equal(exampleConfig(CONFIG_TOML, DEFAULT_CONFIG), CONFIG_TOML);
});

Deno.test("a build with its own defaults gets them written in, with their Default lines", () => {
  // A build whose meter leaves the factory at address 11, 8E1 (as a Huawei-style build would).
  const defaults: Config = {
    ...DEFAULT_CONFIG,
    modbus: {
      ...DEFAULT_CONFIG.modbus,
      rtu: { ...DEFAULT_CONFIG.modbus.rtu, address: 11, parity: "even" },
    },
  };
  const example = exampleConfig(CONFIG_TOML, defaults);
  const changed = example.split("\n").filter((line, i) => line !== CONFIG_TOML.split("\n")[i]);
  assert.deepEqual(changed, [
    '# Default: "even"',
    'parity = "even"',
    "# Default: 11",
    "address = 11",
  ]);
  const loaded = loadConfigText(example, "example.toml");
  assert.ok(loaded.ok);
  assert.equal(loaded.config.modbus.rtu.address, 11);
});
