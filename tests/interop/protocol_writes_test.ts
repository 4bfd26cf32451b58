/**
 * A master's protocol writes, over real clients: the tests' variant holds 7 at 0x1101 (as an
 * EM24's application register) and marks it as written by the master. pymodbus's FC06 of 7 is
 * echoed and FC16 of 7 answered, on RTU (writes enabled) and on TCP with writes disabled (the
 * default: no `writes = true` needed); any other value gets exception 03 and nothing changes.
 *
 * @module
 */
import assert from "node:assert/strict";
import { freePort, QUIET, socatPair, startA1mb, TEST_VARIANT_ENTRY } from "../e2e/_a1mb_process.ts";
import { pymodbus, type PyOp, type PyTarget, requirePymodbus } from "./_masters.ts";

const WRITES: readonly PyOp[] = [
  { op: "write_register", address: 0x1101, value: 7 }, // the value it holds: echoed
  { op: "write_registers", address: 0x1101, values: [7] }, // FC16: answered
  { op: "write_register", address: 0x1101, value: 5 }, // another value: 03
  { op: "read_holding", address: 0x1101, count: 1 }, // unchanged
];

const EXPECTED = [{ ok: true }, { ok: true }, { exception: 3 }, { registers: [7] }];

async function check(target: PyTarget): Promise<void> {
  assert.deepEqual(await pymodbus(target, [...WRITES]), EXPECTED, target.transport);
}

Deno.test("interop: protocol writes are accepted with their value on RTU and on TCP with writes off", async () => {
  await requirePymodbus();
  const dir = await Deno.makeTempDir({ prefix: "a1mb-protocol-writes-" });
  const pair = await socatPair(dir);
  const port = freePort();
  const a1mb = await startA1mb(
    `${QUIET}
[modbus.rtu]
enabled = true
device = "${pair.a}"
address = 2
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${port}"
writes = false
`,
    TEST_VARIANT_ENTRY,
  );
  try {
    await a1mb.waitForLog(/Modbus RTU: serving address 2 /);
    await a1mb.waitForLog(/Modbus TCP: listening on/);
    await check({ transport: "rtu", device: pair.b, baud: 9600 });
    await check({ transport: "tcp", host: "127.0.0.1", port });
    // A setting is still refused on TCP with writes off: only protocol writes pass.
    const setting = await pymodbus({ transport: "tcp", host: "127.0.0.1", port }, [
      { op: "write_registers", address: 0x14, values: [0x4188, 0] },
    ]);
    assert.deepEqual(setting, [{ exception: 1 }]);
  } finally {
    await a1mb.stop();
    await pair.close();
    await Deno.remove(dir, { recursive: true });
  }
});
