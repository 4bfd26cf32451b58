import assert from "node:assert/strict";
import {
  applyConfigChanges,
  type ChangeProblem,
  type ConfigBuild,
  formatChangeProblem,
  HIDDEN,
  isSecretKey,
} from "../../config/mod.ts";

const FILE = `# my meter cabinet
[modbus.rtu]
device = "/dev/ttyUSB1"   # the RS485 adapter
address = 2               # what the charger polls

[modbus.tcp]
enabled = true
listen = "0.0.0.0:1502"
`;

function problems(result: ReturnType<typeof applyConfigChanges>): readonly ChangeProblem[] {
  assert.ok(!result.ok, "expected the changes to be refused");
  return result.problems;
}

Deno.test("config changes: several keys are written in place, comments and layout kept", () => {
  const result = applyConfigChanges(FILE, [
    { key: "modbus.rtu.address", value: 17n },
    { key: "modbus.rtu.parity", value: "even" },
    { key: "modbus.rtu.response_delay_ms", value: "auto" },
  ]);
  assert.ok(result.ok, result.ok ? "" : result.problems.map(formatChangeProblem).join("\n"));
  assert.equal(
    result.text,
    `# my meter cabinet
[modbus.rtu]
device = "/dev/ttyUSB1"   # the RS485 adapter
address = 17               # what the charger polls
parity = "even"
response_delay_ms = "auto"

[modbus.tcp]
enabled = true
listen = "0.0.0.0:1502"
`,
  );
  assert.equal(result.config.modbus.rtu.address, 17);
  assert.equal(result.config.modbus.rtu.parity, "even");
  assert.deepEqual(result.changes.map((c) => c.key), [
    "modbus.rtu.address",
    "modbus.rtu.parity",
    "modbus.rtu.response_delay_ms",
  ]);
});

Deno.test("config changes: a JSON integer counts as an integer, a fraction does not", () => {
  const ok = applyConfigChanges(FILE, [{ key: "modbus.rtu.baud", value: 19200 }]);
  assert.ok(ok.ok);
  assert.equal(ok.config.modbus.rtu.baud, 19200);
  assert.deepEqual(
    problems(applyConfigChanges(FILE, [{ key: "modbus.rtu.address", value: 2.5 }])),
    [
      {
        key: "modbus.rtu.address",
        value: "2.5",
        reason: "expected an integer, got 2.5",
        allowed: "1…247",
      },
    ],
  );
});

Deno.test("config changes: all or nothing, every bad value named with what is allowed", () => {
  const found = problems(applyConfigChanges(FILE, [
    { key: "modbus.rtu.address", value: 300n }, // out of range
    { key: "modbus.rtu.parity", value: "odd" }, // not a choice
    { key: "modbus.rtu.baud", value: 9600 }, // fine on its own
    { key: "modbus.rtu.adress", value: 5n }, // typo
    { key: "modbus.rtu", value: 1n }, // a table
    { key: "a1.baud", value: "fast" }, // wrong type
  ]));
  assert.deepEqual(found.map(formatChangeProblem), [
    "key modbus.rtu.address = 300: 300 is out of range 1…247",
    'key modbus.rtu.parity = "odd": "odd" is not one of "none", "even"',
    "key modbus.rtu.adress = 5: unknown key (did you mean modbus.rtu.address?)",
    "key modbus.rtu = 1: a table, not a key: name one of its keys",
    'key a1.baud = "fast": expected an integer, got "fast" (allowed: 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)',
  ]);
});

Deno.test("config changes: keys that contradict each other are refused after the edit", () => {
  // Valid alone, but the TCP server already listens on 1502 (on every interface).
  const found = problems(applyConfigChanges(FILE, [
    { key: "control.http", value: "127.0.0.1:1502" },
  ]));
  assert.deepEqual(found.map(formatChangeProblem), [
    'key control.http = "127.0.0.1:1502": "127.0.0.1:1502" uses the same port as modbus.tcp.listen ("0.0.0.0:1502")',
  ]);
});

Deno.test("config changes: a problem already in the file is reported with its line, nothing changes", () => {
  const broken = FILE.replace('listen = "0.0.0.0:1502"', 'listen = "nowhere"');
  const found = problems(applyConfigChanges(broken, [{ key: "modbus.rtu.address", value: 3n }]));
  assert.equal(found.length, 1);
  assert.equal(found[0]?.key, "modbus.tcp.listen");
  assert.equal(found[0]?.value, null);
  assert.match(found[0]?.reason ?? "", /\(line 8 of the file\)$/);
});

Deno.test("config changes: the same key twice is refused", () => {
  const found = problems(applyConfigChanges(FILE, [
    { key: "modbus.rtu.address", value: 3n },
    { key: "modbus.rtu.address", value: 4n },
  ]));
  assert.deepEqual(found.map((p) => p.reason), ["given more than once"]);
});

Deno.test("config changes: a token is checked but never shown back", () => {
  assert.ok(isSecretKey("control.token"));
  assert.ok(!isSecretKey("control.http"));
  const found = problems(
    applyConfigChanges(FILE, [{ key: "control.token", value: "short secret" }]),
  );
  assert.equal(found[0]?.value, HIDDEN);
  assert.doesNotMatch(formatChangeProblem(found[0]!), /short secret/);
  assert.match(found[0]!.reason, /a token of 12 characters is not allowed \(16…256\)/);
  const spaces = problems(
    applyConfigChanges(FILE, [{ key: "control.token", value: "with a space inside it" }]),
  );
  assert.match(spaces[0]!.reason, /only visible ASCII characters/);
  const ok = applyConfigChanges(FILE, [{ key: "control.token", value: "0123456789abcdef" }]);
  assert.ok(ok.ok);
  assert.match(ok.text, /\[control\]\ntoken = "0123456789abcdef"\n$/);
});

/** A build whose meter answers at address 11 and that offers no FC03 option (Huawei's). */
const HUAWEI: ConfigBuild = {
  id: "dtsu666h",
  config: { defaults: { "modbus.rtu.address": 11 }, options: [] },
};
/** A build offering the FC03 option (Eastron's). */
const EASTRON: ConfigBuild = {
  id: "sdm630",
  config: { defaults: { "modbus.rtu.address": 2 }, options: ["registers.fc03"] },
};
const NO_ADDRESS = `[modbus.rtu]\nbaud = 9600\n`;

Deno.test("config changes for a build: the keys the file leaves out keep the build's defaults", () => {
  const result = applyConfigChanges(NO_ADDRESS, [{ key: "modbus.rtu.baud", value: 19200 }], {
    build: HUAWEI,
  });
  assert.ok(result.ok);
  assert.equal(result.config.modbus.rtu.address, 11, "the build's, not the schema's 2");
  assert.equal(result.config.modbus.rtu.baud, 19200);
});

Deno.test("config changes for a build: an option it does not offer takes only its default", () => {
  const found = problems(applyConfigChanges(NO_ADDRESS, [
    { key: "registers.fc03", value: "input" },
    { key: "modbus.rtu.address", value: 12 },
  ], { build: HUAWEI }));
  assert.deepEqual(found.map(formatChangeProblem), [
    'key registers.fc03 = "input": the dtsu666h build does not offer this option (it takes only "holding")',
  ]);
  assert.ok(
    applyConfigChanges(NO_ADDRESS, [{ key: "registers.fc03", value: "holding" }], {
      build: HUAWEI,
    }).ok,
  );
  const eastron = applyConfigChanges(NO_ADDRESS, [{ key: "registers.fc03", value: "input" }], {
    build: EASTRON,
  });
  assert.ok(eastron.ok);
  assert.equal(eastron.config.registers.fc03, "input");
  // Without a build, the schema alone: any allowed value.
  assert.ok(applyConfigChanges(NO_ADDRESS, [{ key: "registers.fc03", value: "input" }]).ok);
});

Deno.test("config changes for a build: a file already holding an option it does not offer is named", () => {
  const found = problems(
    applyConfigChanges(`${NO_ADDRESS}[registers]\nfc03 = "input"\n`, [
      { key: "modbus.rtu.baud", value: 19200 },
    ], { build: HUAWEI }),
  );
  assert.deepEqual(found.map((p) => [p.key, p.reason]), [[
    "registers.fc03",
    'the dtsu666h build does not offer this option (it takes only "holding") (line 4 of the file)',
  ]]);
});

Deno.test("config changes: the MQTT password is a secret like the token: checked, never shown back", () => {
  assert.ok(isSecretKey("mqtt.password"));
  assert.ok(!isSecretKey("mqtt.username"));
  const found = problems(
    applyConfigChanges(FILE, [{ key: "mqtt.password", value: "hunter2\u0007bell" }]),
  );
  assert.deepEqual(found.map(formatChangeProblem), [
    'key mqtt.password = (hidden): the value given contains a control character (allowed: text without control characters, or "" (none))',
  ]);
  const number = problems(applyConfigChanges(FILE, [{ key: "mqtt.password", value: 1234 }]));
  assert.deepEqual(number.map(formatChangeProblem), [
    'key mqtt.password = (hidden): expected a string (allowed: text without control characters, or "" (none))',
  ]);
});
