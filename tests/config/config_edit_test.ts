import assert from "node:assert/strict";
import { setConfigValue } from "../../config/mod.ts";

const TEXT = "# slave\n[modbus.rtu]\naddress = 2 # id\n";

Deno.test("setting a config value returns the edited text and the new config", () => {
  const edit = setConfigValue(TEXT, "config.toml", "modbus.rtu.address", 17);
  assert.ok(edit.ok);
  assert.equal(edit.text, "# slave\n[modbus.rtu]\naddress = 17 # id\n");
  assert.equal(edit.config.modbus.rtu.address, 17);
});

Deno.test("setting a config value out of range gives the problem instead of the text", () => {
  assert.deepEqual(setConfigValue(TEXT, "config.toml", "modbus.rtu.address", 248), {
    ok: false,
    problems: ["config.toml:3: key modbus.rtu.address: 248 is out of range 1…247"],
  });
});

Deno.test("setting a config value checks cross-field rules on the whole file", () => {
  assert.deepEqual(setConfigValue(TEXT, "config.toml", "modbus.rtu.enabled", false), {
    ok: false,
    problems: [
      "config.toml:4: key modbus.rtu.enabled: modbus.rtu and modbus.tcp are both disabled: " +
      "nothing would serve the registers",
    ],
  });
});
