/**
 * Interop: the real process (`deno run -A <entry> run --config <tmp>`) read and written by real
 * peer masters: pymodbus (Debian python3-pymodbus 3.0) and mbpoll (libmodbus), over a linked pty
 * pair (socat) for RTU and over TCP. The settings round trips use the tests' variant entry
 * (settings at 0x0012/0x0014/0x001C, reboot register 0xF100, meter code 0x0070 at 0xFC02).
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type A1mbProcess,
  freePort,
  FROM_FILE,
  MAIN_ENTRY,
  QUIET,
  socatPair,
  startA1mb,
  TEST_VARIANT_ENTRY,
} from "../e2e/_a1mb_process.ts";
import { mbpoll, pymodbus, requireMbpoll, requirePymodbus } from "./_masters.ts";

/** Retries `check` every 50 ms until it holds; fails after 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error("Condition not met within 5 s");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs the process on one end of a socat pty pair; `body` gets the other end. */
async function withRtu(
  entry: string,
  body: (device: string, a1mb: A1mbProcess) => Promise<void>,
  a1 = QUIET,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-interop-" });
  const pair = await socatPair(dir);
  const a1mb = await startA1mb(
    `${a1}
[modbus.rtu]
enabled = true
device = "${pair.a}"
address = 2
baud = 9600
[modbus.tcp]
enabled = false
`,
    entry,
  );
  try {
    await a1mb.waitForLog(/Modbus RTU: serving address 2 /);
    await body(pair.b, a1mb);
  } finally {
    await a1mb.stop();
    await pair.close();
    await Deno.remove(dir, { recursive: true });
  }
}

async function withTcp(
  entry: string,
  extra: string,
  body: (port: number, a1mb: A1mbProcess) => Promise<void>,
  a1 = QUIET,
): Promise<void> {
  const port = freePort();
  const a1mb = await startA1mb(
    `${a1}
[modbus.rtu]
enabled = false
address = 2
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${port}"
${extra}
`,
    entry,
  );
  try {
    await a1mb.waitForLog(/Modbus TCP: listening on/);
    await body(port, a1mb);
  } finally {
    await a1mb.stop();
  }
}

Deno.test("interop rtu: pymodbus reads, writes, gets every exception, changes the address and reboots", async () => {
  await requirePymodbus();
  await withRtu(TEST_VARIANT_ENTRY, async (device, a1mb) => {
    const target = { transport: "rtu" as const, device, baud: 9600 };
    const results = await pymodbus(target, [
      { op: "read_input", address: 0, count: 2 }, // no data yet: 0
      { op: "read_holding", address: 0xfc02, count: 1 }, // meter code
      { op: "read_holding", address: 0x14, count: 2 }, // address setting: 2.0
      { op: "read_coils", address: 0, count: 8 }, // 01
      { op: "read_input", address: 0xffff, count: 2 }, // 02
      { op: "read_input", address: 0, count: 0 }, // 03
      { op: "read_input", address: 0, count: 126 }, // 03
      { op: "write_register", address: 0x0000, value: 1 }, // 02: not writable
      { op: "write_registers", address: 0x14, values: [0x4378, 0] }, // 03: 248.0
      { op: "write_registers", address: 0x14, values: [0x4188, 0] }, // 17.0: saved
      { op: "read_input", address: 0, count: 2, slave: 5 }, // another slave: no answer
    ]);
    assert.deepEqual(results.slice(0, 10), [
      { registers: [0, 0] },
      { registers: [0x0070] },
      { registers: [0x4000, 0] },
      { exception: 1 },
      { exception: 2 },
      { exception: 3 },
      { exception: 3 },
      { exception: 2 },
      { exception: 3 },
      { ok: true },
    ]);
    assert.ok("error" in results[10]!, JSON.stringify(results[10]));
    // The setting register shows the pending 17.0 once the new image has been published.
    await eventually(async () =>
      JSON.stringify(await pymodbus(target, [{ op: "read_holding", address: 0x14, count: 2 }])) ===
        JSON.stringify([{ registers: [0x4188, 0] }])
    );
    const reboot = await pymodbus(target, [{ op: "write_register", address: 0xf100, value: 1 }]);
    assert.deepEqual(reboot, [{ ok: true }]);
    await a1mb.waitForLog(/Modbus RTU: serving address 17 /);
    const after = await pymodbus(target, [
      { op: "read_holding", address: 0xfc02, count: 1, slave: 17 },
    ]);
    assert.deepEqual(after, [{ registers: [0x0070] }]);
  });
});

Deno.test("interop rtu: mbpoll reads big-endian floats, writes a setting, reboots to the new address", async () => {
  await requireMbpoll();
  await withRtu(TEST_VARIANT_ENTRY, async (device, a1mb) => {
    const rtu = (address: number) => ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${address}`];
    const float = await mbpoll([...rtu(2), "-t", "4:float", "-B", "-r", "20"], device);
    assert.deepEqual(float.values, ["2"], float.error);
    const input = await mbpoll([...rtu(2), "-t", "3:float", "-B", "-r", "0", "-c", "2"], device);
    assert.deepEqual(input.values, ["0", "0"], input.error);
    const code = await mbpoll([...rtu(2), "-t", "4:hex", "-r", "64514"], device);
    assert.deepEqual(code.values, ["0x0070"], code.error);
    const coils = await mbpoll([...rtu(2), "-t", "0", "-r", "0"], device);
    assert.match(coils.error, /Illegal function/);
    const beyond = await mbpoll([...rtu(2), "-t", "3", "-r", "65535", "-c", "2"], device);
    assert.match(beyond.error, /Illegal data address/);
    const refused = await mbpoll([...rtu(2), "-t", "4:float", "-B", "-r", "20"], device, ["300"]);
    assert.match(refused.error, /Illegal data value/);
    const written = await mbpoll([...rtu(2), "-t", "4:float", "-B", "-r", "20"], device, ["17"]);
    assert.equal(written.code, 0, written.error);
    assert.match(await Deno.readTextFile(a1mb.configPath), /^address = 17$/m);
    const reboot = await mbpoll([...rtu(2), "-t", "4", "-r", "61696"], device, ["1"]);
    assert.equal(reboot.code, 0, reboot.error);
    await a1mb.waitForLog(/Modbus RTU: serving address 17 /);
    const moved = await mbpoll([...rtu(17), "-t", "4:hex", "-r", "64514"], device);
    assert.deepEqual(moved.values, ["0x0070"], moved.error);
  });
});

Deno.test("interop tcp: pymodbus reads, gets every exception, writes a setting and reboots (writes = true)", async () => {
  await requirePymodbus();
  await withTcp(TEST_VARIANT_ENTRY, "writes = true", async (port, a1mb) => {
    const target = { transport: "tcp" as const, host: "127.0.0.1", port };
    const results = await pymodbus(target, [
      { op: "read_input", address: 0x20, count: 3 },
      { op: "read_holding", address: 0xfc02, count: 1, slave: 255 },
      { op: "read_holding", address: 0xfc02, count: 1, slave: 0 },
      { op: "read_holding", address: 0xfc02, count: 1, slave: 9 }, // 0B
      { op: "read_coils", address: 0, count: 8 },
      { op: "read_holding", address: 0xfff0, count: 0x20 },
      { op: "read_input", address: 0, count: 126 },
      { op: "write_register", address: 0x15, value: 0 }, // second word of a float: 02
      { op: "write_register", address: 0x14, value: 0x4188 }, // FC06 17.0: saved
    ]);
    assert.deepEqual(results, [
      { registers: [0, 0, 0] },
      { registers: [0x0070] },
      { registers: [0x0070] },
      { exception: 0x0b },
      { exception: 1 },
      { exception: 2 },
      { exception: 3 },
      { exception: 2 },
      { ok: true },
    ]);
    assert.deepEqual(
      await pymodbus(target, [{ op: "write_register", address: 0xf100, value: 1 }]),
      [
        { ok: true },
      ],
    );
    await a1mb.waitForLog(/unit 17 /);
    assert.deepEqual(
      await pymodbus(target, [{ op: "read_holding", address: 0xfc02, count: 1, slave: 17 }]),
      [{ registers: [0x0070] }],
    );
  });
});

Deno.test("interop tcp: mbpoll reads the sdm630 build and is refused writes by default", async () => {
  await requireMbpoll();
  await withTcp(MAIN_ENTRY, "", async (port) => {
    const tcp = (unit: number) => ["-m", "tcp", "-p", `${port}`, "-a", `${unit}`];
    const read = await mbpoll(
      [...tcp(2), "-t", "3:float", "-B", "-r", "4096", "-c", "2"],
      "127.0.0.1",
    );
    assert.deepEqual(read.values, ["0", "0"], read.error);
    const holding = await mbpoll([...tcp(2), "-t", "4", "-r", "64514"], "127.0.0.1");
    assert.equal(holding.values.length, 1, holding.error);
    const write = await mbpoll([...tcp(2), "-t", "4", "-r", "61696"], "127.0.0.1", ["1"]);
    assert.match(write.error, /Illegal function/);
    const other = await mbpoll([...tcp(7), "-t", "3", "-r", "0"], "127.0.0.1");
    assert.match(other.error, /Target device failed to respond/);
  });
});

/** The float32 (high word first) in two registers. */
function float(words: number[]): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint16(0, words[0] ?? 0);
  view.setUint16(2, words[1] ?? 0);
  return view.getFloat32(0);
}

Deno.test("interop rtu: pymodbus reads the sdm630 build fed by a telegram file, moves it to address 17", async () => {
  await requirePymodbus();
  await withRtu(MAIN_ENTRY, async (device, a1mb) => {
    const target = { transport: "rtu" as const, device, baud: 9600 };
    await a1mb.waitForLog(/first valid telegram/);
    // L1 voltage 234.7 V from the telegram (once the store has published it).
    await eventually(async () => {
      const [r] = await pymodbus(target, [{ op: "read_input", address: 0, count: 2 }]);
      return r !== undefined && "registers" in r && Math.abs(float(r.registers) - 234.7) < 0.01;
    });
    const results = await pymodbus(target, [
      { op: "read_holding", address: 0xfc02, count: 1 }, // SDM630 meter code
      { op: "read_holding", address: 0x14, count: 2 }, // address setting: 2.0
      { op: "write_registers", address: 0x14, values: [0x4378, 0] }, // 248.0: 03
      { op: "write_registers", address: 0x14, values: [0x4188, 0] }, // 17.0: saved
    ]);
    assert.deepEqual(results, [
      { registers: [0x0070] },
      { registers: [0x4000, 0] },
      { exception: 3 },
      { ok: true },
    ]);
    assert.match(await Deno.readTextFile(a1mb.configPath), /^address = 17$/m);
    assert.deepEqual(
      await pymodbus(target, [{ op: "write_register", address: 0xf100, value: 1 }]),
      [
        { ok: true },
      ],
    );
    await a1mb.waitForLog(/Modbus RTU: serving address 17 /);
    const moved = await pymodbus(target, [
      { op: "read_holding", address: 0xfc02, count: 1, slave: 17 },
    ]);
    assert.deepEqual(moved, [{ registers: [0x0070] }]);
  }, FROM_FILE);
});

Deno.test("interop tcp: mbpoll reads big-endian floats of the sdm630 build fed by a telegram file", async () => {
  await requireMbpoll();
  await withTcp(MAIN_ENTRY, "", async (port, a1mb) => {
    await a1mb.waitForLog(/first valid telegram/);
    const tcp = ["-m", "tcp", "-p", `${port}`, "-a", "2"];
    await eventually(async () => {
      const v = await mbpoll([...tcp, "-t", "3:float", "-B", "-r", "0", "-c", "3"], "127.0.0.1");
      return v.values.join(" ") === "234.7 234.7 234.7";
    });
    const code = await mbpoll([...tcp, "-t", "4:hex", "-r", "64514"], "127.0.0.1");
    assert.deepEqual(code.values, ["0x0070"], code.error);
  }, FROM_FILE);
});
