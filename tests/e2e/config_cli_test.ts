import assert from "node:assert/strict";
import { decodeFloat32 } from "../../protocol/modbus/register_codec.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { freePort, FROM_FILE, MAIN_ENTRY, runCli, startA1mb } from "./_a1mb_process.ts";

const cli = (...args: string[]) => runCli(MAIN_ENTRY, ...args);
const cliOf = runCli;

/** Reads the meter code register (0xFC02) as unit `unit` over TCP: registers or an exception. */
async function meterCode(port: number, unit: number) {
  const [result] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port }, [
    { op: "read_holding", address: 0xfc02, count: 1, slave: unit },
  ]);
  return result;
}

Deno.test("e2e config: set while running is pending in status, reboot applies it, bad values change nothing", async () => {
  await requirePymodbus();
  const tcpPort = freePort();
  const socketDir = await Deno.makeTempDir();
  const socket = `${socketDir}/control.sock`;
  const a1mb = await startA1mb(`# cabinet 7: the charger reads unit 2
${FROM_FILE.replace('socket = ""', `socket = "${socket}"`)}
[modbus.rtu]
enabled = false
address = 2   # what the charger polls
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
`);
  try {
    await a1mb.waitForLog(/Ready: /);
    const original = await Deno.readTextFile(a1mb.configPath);

    // A bad value and a typo: refused, nothing written, the instance not bothered.
    const bad = await cli(
      "config",
      "set",
      "modbus.rtu.address=248",
      "modbus.tcp.idle_timeouts=5",
      "--config",
      a1mb.configPath,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /key modbus\.rtu\.address = 248: 248 is out of range 1…247/);
    assert.match(bad.stderr, /unknown key \(did you mean modbus\.tcp\.idle_timeout_s\?\)/);
    assert.equal(await Deno.readTextFile(a1mb.configPath), original);

    // A good one: saved by the running instance (its ConfigManager), comments kept.
    const set = await cli("config", "set", "modbus.rtu.address=7", "--config", a1mb.configPath);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /The running a1mb shows it as pending/);
    assert.equal(
      await Deno.readTextFile(a1mb.configPath),
      original.replace("address = 2   # what", "address = 7   # what"),
    );
    await a1mb.waitForLog(/Saved modbus\.rtu\.address = 7 from the command line/);

    // Pending: status and show say so; the master still reaches unit 2, not 7.
    const status = JSON.parse((await cli("status", "--socket", socket, "--json")).stdout);
    assert.deepEqual(status.settings.pending, { "modbus.rtu.address": 7 });
    assert.equal(status.settings.active["modbus.rtu.address"], 2);
    const show = JSON.parse(
      (await cli("config", "show", "--json", "--config", a1mb.configPath))
        .stdout,
    );
    assert.equal(show.running, true);
    const row = show.keys.find((k: { key: string }) => k.key === "modbus.rtu.address");
    assert.deepEqual(row, {
      key: "modbus.rtu.address",
      value: 7,
      default: 2,
      source: `${a1mb.configPath}:${
        original.split("\n").indexOf("address = 2   # what the charger polls") + 1
      }`,
      active: 2,
      pending: true,
    });
    assert.deepEqual(await meterCode(tcpPort, 2), { registers: [0x0070] });
    assert.deepEqual(await meterCode(tcpPort, 7), { exception: 0x0b });
    assert.deepEqual(
      (await cli("config", "get", "modbus.rtu.address", "--config", a1mb.configPath)).stdout,
      "7\n",
    );

    // The reboot: the same in-process reboot as a write to 0xF100; unit 7 answers now.
    const reboot = await cli("reboot", "--socket", socket);
    assert.equal(reboot.code, 0, reboot.stderr);
    assert.match(reboot.stdout, /rebooting.*\n.*rebooted and is ready/);
    await a1mb.waitForLog(/Modbus TCP: listening on .*, unit 7 /);
    assert.deepEqual(await meterCode(tcpPort, 7), { registers: [0x0070] });
    assert.deepEqual(await meterCode(tcpPort, 2), { exception: 0x0b });
    const after = JSON.parse((await cli("status", "--socket", socket, "--json")).stdout);
    assert.deepEqual(after.settings.pending, {});
    assert.equal(after.a1mb.reboots, 1);

    // A hand edit that breaks the file: the reboot is refused and the converter keeps serving.
    await Deno.writeTextFile(
      a1mb.configPath,
      (await Deno.readTextFile(a1mb.configPath)).replace("address = 7", 'address = "seven"'),
    );
    const refused = await cli("reboot", "--socket", socket);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Reboot refused: the configuration file would not load/);
    assert.match(refused.stderr, /key modbus\.rtu\.address: expected an integer, got "seven"/);
    assert.deepEqual(await meterCode(tcpPort, 7), { registers: [0x0070] });
  } finally {
    assert.equal(await a1mb.stop(), 0);
    await Deno.remove(socketDir, { recursive: true });
  }
});

Deno.test("e2e config: reboot without a running instance says so", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await cli("reboot", "--socket", `${dir}/none.sock`);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No a1mb instance is running/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const HUAWEI = "variants/dtsu666h/main.ts";
const TOKEN = "e2e-huawei-token-0123456789";
/** Fluvius 1.7.1: 1-0:1.7.0(00.338*kW), L1 0.047 kW, 232.9 V on L1. */
const ALT_TELEGRAM = new URL(
  "../fixtures/telegrams/dsmr_parser_FLUVIUS_V171_ALT.txt",
  import.meta.url,
).pathname;

Deno.test("e2e dtsu666h build: a file without an address runs at 11, config and the console say so, the console's power is the master's", async () => {
  await requirePymodbus();
  const tcpPort = freePort();
  const httpPort = freePort();
  const socketDir = await Deno.makeTempDir();
  const socket = `${socketDir}/control.sock`;
  const a1mb = await startA1mb(
    `# a SUN2000's meter: the file leaves the address to the build
[a1]
source = "file"
file = "${ALT_TELEGRAM}"
interval_ms = 500
[leds]
driver = "none"
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
[control]
socket = "${socket}"
http = "127.0.0.1:${httpPort}"
token = "${TOKEN}"
`,
    HUAWEI,
  );
  const base = `http://127.0.0.1:${httpPort}`;
  try {
    await a1mb.waitForLog(/Modbus TCP: listening on .*, unit 11 /);
    await a1mb.waitForLog(/Ready: /);
    const original = await Deno.readTextFile(a1mb.configPath);

    // The command line of this build: the address is the build's default, from "default".
    assert.equal(
      (await cliOf(HUAWEI, "config", "get", "modbus.rtu.address", "--config", a1mb.configPath))
        .stdout,
      "11\n",
    );
    const show = JSON.parse(
      (await cliOf(HUAWEI, "config", "show", "--json", "--config", a1mb.configPath)).stdout,
    );
    assert.equal(show.running, true);
    assert.deepEqual(show.keys.find((k: { key: string }) => k.key === "modbus.rtu.address"), {
      key: "modbus.rtu.address",
      value: 11,
      default: 11,
      source: "default",
      active: 11,
      pending: false,
    });

    // The console's settings say the same.
    const view = await (await fetch(`${base}/api/config`)).json();
    assert.deepEqual(
      view.keys.filter((k: { key: string }) => k.key === "modbus.rtu.address")
        .map((k: Record<string, unknown>) => [k.value, k.default, k.source, "pending" in k]),
      [[11, 11, "default", false]],
    );

    // An option this build does not offer is refused with the schema's message; nothing written.
    const post = await fetch(`${base}/api/config`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ "registers.fc03": "input" }),
    });
    assert.equal(post.status, 400);
    const refused = await post.json();
    assert.deepEqual(refused.problems.map((p: { message: string }) => p.message), [
      'key registers.fc03 = "input": the dtsu666h build does not offer this option (it takes only "holding")',
    ]);
    const set = await cliOf(
      HUAWEI,
      "config",
      "set",
      "registers.fc03=input",
      "--config",
      a1mb.configPath,
    );
    assert.equal(set.code, 1);
    assert.match(set.stderr, /the dtsu666h build does not offer this option/);
    assert.equal(await Deno.readTextFile(a1mb.configPath), original);

    // The map is this build's: the SUN2000's block on FC03.
    const map = await (await fetch(`${base}/api/map`)).json() as {
      hex: string;
      name: string;
      readBy: string[];
    }[];
    const total = map.find((r) => r.hex === "0x084E");
    assert.deepEqual([total?.name, total?.readBy], ["Total active power", ["FC03"]]);
    assert.ok(!map.some((r) => r.readBy.includes("FC04")), "no FC04 on this build");

    // The console's live power is the telegram's, and what the SUN2000 reads at unit 11.
    let live: { values: Record<string, number | null> } | null = null;
    for (let i = 0; i < 50 && live === null; i++) {
      live = (await (await fetch(`${base}/api/status`)).json()).console?.live ?? null;
      if (live === null) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(live?.values.power_w, 338);
    assert.equal(live?.values.power_l1_w, 47);
    assert.equal(live?.values.voltage_l1_v, 232.9);
    const [read] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port: tcpPort }, [
      { op: "read_holding", address: 0x084e, count: 2, slave: 11 },
    ]);
    assert.ok(read !== undefined && "registers" in read, JSON.stringify(read));
    assert.equal(decodeFloat32(Uint16Array.from(read.registers), 0), 338);
  } finally {
    assert.equal(await a1mb.stop(), 0);
    await Deno.remove(socketDir, { recursive: true });
  }
});
