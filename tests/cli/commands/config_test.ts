import assert from "node:assert/strict";
import { runCli } from "../../../cli/mod.ts";
import { BufferPrinter } from "../_buffer_printer.ts";
import { CONFIG_TOML } from "../../../cli/embedded/files.ts";
import { parseSetValue } from "../../../cli/commands/config_set.ts";
import { exampleConfig } from "../../../config/mod.ts";
import type { Variant } from "../../../variants/api.ts";
import { dtsu666 } from "../../../variants/dtsu666/mod.ts";
import { dtsu666h } from "../../../variants/dtsu666h/mod.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";

const TARGET = "x86_64-unknown-linux-gnu";

/** A cabinet's file: comments, odd spacing, no control socket (no instance to find). */
const FILE = `# Meter cabinet 3, garage
[a1]
device = "/dev/serial/by-id/usb-FTDI-p1"   # P1 cable

[modbus.rtu]
device = "/dev/ttyUSB1"
address   =   2      # the charger polls this
baud = 9600

[control]
socket = ""
`;

/** Runs `fn` with the path of a config file in a new temp folder (removed after). */
async function withFile(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-config-" });
  try {
    await fn(`${dir}/config.toml`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function cli(...args: string[]) {
  return await cliOf(sdm630, ...args);
}

/** Runs the command line of the build of `variant`. */
async function cliOf(variant: Variant, ...args: string[]) {
  const printer = new BufferPrinter();
  const code = await runCli(args, { variant, target: TARGET }, printer);
  return { code, out: printer.stdout, err: printer.stderr };
}

async function cabinet(fn: (path: string) => Promise<void>): Promise<void> {
  await withFile(async (path) => {
    await Deno.writeTextFile(path, FILE);
    await fn(path);
  });
}

Deno.test("config get prints the effective value plainly: the file's, else the build's default", async () => {
  await cabinet(async (path) => {
    assert.deepEqual(await cli("config", "get", "modbus.rtu.address", "--config", path), {
      code: 0,
      out: ["2"],
      err: [],
    });
    // Not in the file: the default.
    assert.deepEqual((await cli("config", "get", "modbus.rtu.parity", "--config", path)).out, [
      "none",
    ]);
    assert.deepEqual((await cli("config", "get", "a1.device", "--config", path)).out, [
      "/dev/serial/by-id/usb-FTDI-p1",
    ]);
    const host = await cli("config", "get", "a1.host", "--config", path);
    assert.deepEqual({ code: host.code, out: host.out }, { code: 0, out: [] });
    assert.match(host.err[0] ?? "", /a1\.host is not set and has no default/);
  });
});

Deno.test("config get of an unknown key suggests the right one and fails", async () => {
  await cabinet(async (path) => {
    const r = await cli("config", "get", "modbus.rtu.adress", "--config", path);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err, [
      "a1mb config get: key modbus.rtu.adress: unknown key (did you mean modbus.rtu.address?)",
    ]);
  });
});

Deno.test("config set writes every pair in place, comments and spacing kept", async () => {
  await cabinet(async (path) => {
    const r = await cli(
      "config",
      "set",
      "modbus.rtu.address=7",
      "modbus.rtu.parity=even",
      'modbus.rtu.response_delay_ms="auto"',
      "modbus.tcp.listen=0.0.0.0:1502",
      "--config",
      path,
    );
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.match(r.out[0] ?? "", /^Saved modbus\.rtu\.address = 7, modbus\.rtu\.parity = "even"/);
    assert.match(r.out[1] ?? "", /No a1mb is running on it/);
    assert.equal(
      await Deno.readTextFile(path),
      `# Meter cabinet 3, garage
[a1]
device = "/dev/serial/by-id/usb-FTDI-p1"   # P1 cable

[modbus.rtu]
device = "/dev/ttyUSB1"
address   =   7      # the charger polls this
baud = 9600
parity = "even"
response_delay_ms = "auto"

[control]
socket = ""

[modbus.tcp]
listen = "0.0.0.0:1502"
`,
    );
    assert.deepEqual((await cli("config", "get", "modbus.rtu.parity", "--config", path)).out, [
      "even",
    ]);
  });
});

/** `config set` arguments that must be refused, each with its message. */
const REFUSED: readonly [args: string[], messages: RegExp[]][] = [
  // Out of range, not a choice, an unknown key with a near miss: all reported, none written.
  [["modbus.rtu.address=300", "modbus.rtu.parity=odd", "modbus.rtu.bauds=19200"], [
    /key modbus\.rtu\.address = 300: 300 is out of range 1…247/,
    /key modbus\.rtu\.parity = "odd": "odd" is not one of "none", "even"/,
    /key modbus\.rtu\.bauds = 19200: unknown key \(did you mean modbus\.rtu\.baud\?\)/,
  ]],
  // A float where an integer is wanted (TOML keeps 9600.0 a float).
  [["modbus.rtu.baud=9600.0"], [/expected an integer, got 9600\.0 \(allowed: 1200, 2400/]],
  // A word where a number is wanted, with what is allowed.
  [["a1.stale_after_s=soon"], [
    /key a1\.stale_after_s = "soon": expected an integer, got "soon" \(allowed: 1…3600\)/,
  ]],
  // Valid alone, but the meter and the RS485 line cannot share a port.
  [["a1.device=/dev/ttyUSB1"], [
    /key a1\.device = "\/dev\/ttyUSB1": .*also a1\.device|key modbus\.rtu\.device: "\/dev\/ttyUSB1" is also a1\.device/,
  ]],
  // A token too short, never shown back.
  [["control.token=abc"], [/key control\.token = \(hidden\): a token of 3 characters/]],
];

for (const [args, messages] of REFUSED) {
  Deno.test(`config set refuses ${args.join(" ")} and writes nothing`, async () => {
    await cabinet(async (path) => {
      const r = await cli("config", "set", ...args, "--config", path);
      assert.equal(r.code, 1);
      for (const message of messages) {
        assert.ok(r.err.some((line) => message.test(line)), `${message}\n${r.err.join("\n")}`);
      }
      assert.match(r.err.at(-1) ?? "", /nothing was written/);
      assert.doesNotMatch(r.err.join("\n"), /\babc\b/, "a token is never shown back");
      assert.equal(await Deno.readTextFile(path), FILE, "the file is untouched");
    });
  });
}

Deno.test("config set without a pair, or with a pair without '=', is a usage error", async () => {
  await cabinet(async (path) => {
    const none = await cli("config", "set", "--config", path);
    assert.equal(none.code, 2);
    assert.match(none.err[0] ?? "", /config set: give at least one KEY=VALUE/);
    const bad = await cli("config", "set", "modbus.rtu.address", "--config", path);
    assert.equal(bad.code, 2);
    assert.match(bad.err[0] ?? "", /"modbus\.rtu\.address" is not KEY=VALUE/);
    assert.equal(await Deno.readTextFile(path), FILE);
  });
});

Deno.test("config set values: TOML where it parses, else the word itself", () => {
  /** Argument texts and the value each means. */
  const cases: [string, unknown][] = [
    ["7", 7n], // a TOML integer
    ["7.5", 7.5], // a TOML float
    ["true", true], // a TOML boolean
    ['"even"', "even"], // a TOML string
    ["even", "even"], // a bare word
    ["/dev/ttyUSB1", "/dev/ttyUSB1"], // a path
    ["0.0.0.0:502", "0.0.0.0:502"], // HOST:PORT
    ["", ""], // empty: "" (off, for the keys that allow it)
  ];
  for (const [text, value] of cases) assert.deepEqual(parseSetValue(text), value, text);
});

Deno.test("config show lists every key with value, default and file:line; --json for scripts", async () => {
  await cabinet(async (path) => {
    const r = await cli("config", "show", "--config", path);
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(r.out[0], `${path} (no a1mb is running on it)`);
    assert.match(r.out[1] ?? "", /^KEY +VALUE +DEFAULT +FROM$/);
    const line = (key: string) => r.out.find((l) => l.startsWith(`${key} `)) ?? "";
    assert.match(
      line("modbus.rtu.address"),
      new RegExp(`^modbus\\.rtu\\.address +2 +2 +${path}:7$`),
    );
    assert.match(line("modbus.rtu.parity"), /^modbus\.rtu\.parity +"none" +"none" +default$/);
    assert.match(line("a1.host"), /^a1\.host +not set +not set +default$/);

    const json = await cli("config", "show", "--json", "--config", path);
    const doc = JSON.parse(json.out.join("\n"));
    assert.equal(doc.running, false);
    assert.deepEqual(doc.keys.find((k: { key: string }) => k.key === "modbus.rtu.address"), {
      key: "modbus.rtu.address",
      value: 2,
      default: 2,
      source: `${path}:7`,
    });
  });
});

Deno.test("config show hides the token and the MQTT password", async () => {
  await withFile(async (path) => {
    await Deno.writeTextFile(
      path,
      `${FILE}token = "very-secret-token-123"\n[mqtt]\nurl = "mqtt://broker"\n` +
        `username = "meter"\npassword = "very-secret-password"\n`,
    );
    const r = await cli("config", "show", "--config", path);
    assert.match(r.out.find((l) => l.startsWith("control.token")) ?? "", /\(hidden\)/);
    assert.match(r.out.find((l) => l.startsWith("mqtt.password ")) ?? "", /\(hidden\)/);
    assert.match(r.out.find((l) => l.startsWith("mqtt.username")) ?? "", /"meter"/);
    assert.doesNotMatch(r.out.join("\n"), /very-secret/);
    const json = (await cli("config", "show", "--json", "--config", path)).out.join("\n");
    assert.doesNotMatch(json, /very-secret/);
    // get names it on purpose: the file is readable to whoever runs this.
    assert.deepEqual((await cli("config", "get", "control.token", "--config", path)).out, [
      "very-secret-token-123",
    ]);
  });
});

Deno.test("config of a file with problems names them all and fails", async () => {
  await withFile(async (path) => {
    await Deno.writeTextFile(path, "[modbus.rtu]\naddress = 0\nbaud = 7\n");
    const r = await cli("config", "get", "modbus.rtu.baud", "--config", path);
    assert.equal(r.code, 1);
    assert.deepEqual(r.err.slice(0, 2), [
      `${path}:2: key modbus.rtu.address: 0 is out of range 1…247`,
      `${path}:3: key modbus.rtu.baud: 7 is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200`,
    ]);
  });
});

Deno.test("config example prints this build's annotated defaults: config.toml with its own values", async () => {
  assert.equal(
    CONFIG_TOML,
    await Deno.readTextFile(new URL("../../../config.toml", import.meta.url)),
  );
  for (const variant of [sdm630, dtsu666h]) {
    const r = await cliOf(variant, "config", "example");
    assert.equal(r.code, 0);
    assert.equal(`${r.out.join("\n")}\n`, exampleConfig(CONFIG_TOML, variant));
  }
  const huawei = (await cliOf(dtsu666h, "config", "example")).out.join("\n");
  assert.match(huawei, /^# Default: 11 \(the dtsu666h build's factory default\)\n# address = 11$/m);
  const eastron = (await cliOf(sdm630, "config", "example")).out.join("\n");
  assert.match(eastron, /^# Default: 2 \(the sdm630 build's factory default\)\n# address = 2$/m);
});

Deno.test("config with an unknown action or none is a usage error", async () => {
  assert.equal((await cli("config")).code, 2);
  const r = await cli("config", "delete", "a1.baud");
  assert.equal(r.code, 2);
  assert.match(
    r.err[0] ?? "",
    /config: unknown action "delete" \(expected get, set, show, example\)/,
  );
});

/** A file that leaves the Modbus address to the build. */
const NO_ADDRESS = `[modbus.rtu]
baud = 9600

[control]
socket = ""
`;

Deno.test("config get and show: a key the file leaves out takes the build's own default", async () => {
  await withFile(async (path) => {
    await Deno.writeTextFile(path, NO_ADDRESS);
    for (const [variant, address] of [[sdm630, "2"], [dtsu666h, "11"], [dtsu666, "1"]] as const) {
      const get = await cliOf(variant, "config", "get", "modbus.rtu.address", "--config", path);
      assert.deepEqual(get, { code: 0, out: [address], err: [] }, variant.id);
      const show = await cliOf(variant, "config", "show", "--config", path);
      const line = show.out.find((l) => l.startsWith("modbus.rtu.address ")) ?? "";
      assert.match(line, new RegExp(`^modbus\\.rtu\\.address +${address} +${address} +default$`));
      const json = JSON.parse(
        (await cliOf(variant, "config", "show", "--json", "--config", path)).out.join("\n"),
      );
      assert.deepEqual(
        json.keys.find((k: { key: string }) => k.key === "modbus.rtu.address"),
        {
          key: "modbus.rtu.address",
          value: Number(address),
          default: Number(address),
          source: "default",
        },
      );
    }
  });
});

Deno.test("config set refuses a build option the build does not offer, with the schema's message", async () => {
  await withFile(async (path) => {
    await Deno.writeTextFile(path, NO_ADDRESS);
    // FC03 reading the measurements is an Eastron option; the Chint meter answers FC03 only.
    const chint = await cliOf(dtsu666, "config", "set", "registers.fc03=input", "--config", path);
    assert.equal(chint.code, 1);
    assert.deepEqual(chint.err, [
      'a1mb config set: key registers.fc03 = "input": the dtsu666 build does not offer this ' +
      'option (it takes only "holding")',
      "a1mb config set: nothing was written (1 problem(s))",
    ]);
    assert.equal(await Deno.readTextFile(path), NO_ADDRESS);
    // Its default is no change: accepted.
    const same = await cliOf(dtsu666, "config", "set", "registers.fc03=holding", "--config", path);
    assert.equal(same.code, 0, same.err.join("\n"));

    await Deno.writeTextFile(path, NO_ADDRESS);
    const eastron = await cliOf(sdm630, "config", "set", "registers.fc03=input", "--config", path);
    assert.equal(eastron.code, 0, eastron.err.join("\n"));
    assert.match(await Deno.readTextFile(path), /^fc03 = "input"$/m);
    // The dtsu666 build refuses the file as it is now, naming the line.
    const get = await cliOf(dtsu666, "config", "get", "registers.fc03", "--config", path);
    assert.equal(get.code, 1);
    assert.match(get.err[0] ?? "", /:\d+: key registers\.fc03: the dtsu666 build does not offer/);
  });
});
