import assert from "node:assert/strict";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { freePort, FROM_FILE, ROOT, startA1mb } from "./_a1mb_process.ts";

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

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
