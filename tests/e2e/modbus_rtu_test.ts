/**
 * End to end over a pty pair: the real process (`deno run -A main.ts run --config <tmp>`) serves
 * Modbus RTU on the pty's slave side; the test is the master on the other side.
 *
 * @module
 */
import assert from "node:assert/strict";
import { openPtyPair, type PtyPair } from "../../drivers/serial/mod.ts";
import { hasValidCrc16Modbus } from "../../protocol/modbus/mod.ts";
import { concat, rtu, toHex } from "../actors/modbus/_fixtures.ts";
import { pause, readBytes } from "../actors/modbus/_harness.ts";
import { type A1mbProcess, QUIET, startA1mb, TEST_VARIANT_ENTRY } from "./_a1mb_process.ts";

function rtuConfig(device: string, extra = ""): string {
  return `${QUIET}
[modbus.rtu]
enabled = true
device = "${device}"
address = 2
baud = 9600
${extra}
[modbus.tcp]
enabled = false
`;
}

async function withProcess(
  extra: string,
  entry: string | undefined,
  body: (pair: PtyPair, a1mb: A1mbProcess) => Promise<void>,
): Promise<void> {
  const pair = openPtyPair();
  const a1mb = await startA1mb(rtuConfig(pair.slavePath, extra), entry);
  try {
    await a1mb.waitForLog(/Modbus RTU: serving address 2 /);
    await body(pair, a1mb);
  } finally {
    await a1mb.stop();
    await pair.close();
  }
}

async function ask(pair: PtyPair, request: Uint8Array, length: number): Promise<Uint8Array> {
  await pair.master.write(request);
  return await readBytes(pair.master, length, 5000);
}

/** Asks until the reply is `expected` (an image update may be on its way); fails after 5 s. */
async function askUntil(pair: PtyPair, request: Uint8Array, expected: string): Promise<void> {
  const length = expected.split(" ").length;
  const deadline = performance.now() + 5000;
  for (;;) {
    const got = toHex(await ask(pair, request, length));
    if (got === expected) return;
    if (performance.now() > deadline) assert.equal(got, expected);
    await pause(20);
  }
}

/** Exception cases that hold for any variant: request and exception reply. */
const EXCEPTIONS: readonly { name: string; request: string; reply: string }[] = [
  { name: "01 unsupported function (read coils)", request: "02 01 00 00 00 08", reply: "02 81 01" },
  { name: "02 range beyond 65535", request: "02 04 FF FF 00 02", reply: "02 84 02" },
  { name: "03 quantity 0", request: "02 03 00 00 00 00", reply: "02 83 03" },
  { name: "03 read quantity 126", request: "02 04 00 00 00 7E", reply: "02 84 03" },
  { name: "03 write quantity 124", request: "02 10 00 00 00 7C 00", reply: "02 90 03" },
  { name: "02 write to a read-only register", request: "02 06 FF F0 00 01", reply: "02 86 02" },
];

Deno.test("e2e rtu: the real process answers reads and every exception case over a pty", async () => {
  await withProcess("", undefined, async (pair) => {
    // FC04 of a float: a well-formed 4-byte answer (values come from the variant and the reading).
    const voltage = await ask(pair, rtu("02 04 00 00 00 02"), 9);
    assert.equal(toHex(voltage.subarray(0, 3)), "02 04 04");
    assert.ok(hasValidCrc16Modbus(voltage, 0, 9));
    // FC03 of the identity register.
    const code = await ask(pair, rtu("02 03 FC 02 00 01"), 7);
    assert.equal(toHex(code.subarray(0, 3)), "02 03 02");
    assert.ok(hasValidCrc16Modbus(code, 0, 7));
    // Registers not in the map read 0.
    assert.equal(
      toHex(await ask(pair, rtu("02 04 10 00 00 03"), 11)),
      toHex(rtu("02 04 06 00 00 00 00 00 00")),
    );
    for (const c of EXCEPTIONS) {
      assert.equal(toHex(await ask(pair, rtu(c.request), 5)), toHex(rtu(c.reply)), c.name);
    }
  });
});

/** Deterministic noise (xorshift32). */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

Deno.test('e2e rtu: with thread = "worker" the real process serves from its worker thread', async () => {
  await withProcess('thread = "worker"', undefined, async (pair, a1mb) => {
    await a1mb.waitForLog(/Modbus RTU: serving address 2 .*, worker thread/);
    const code = await ask(pair, rtu("02 03 FC 02 00 01"), 7);
    assert.equal(toHex(code.subarray(0, 3)), "02 03 02");
    assert.ok(hasValidCrc16Modbus(code, 0, 7));
  });
});

Deno.test("e2e rtu: noise, split requests, back-to-back requests and other slaves' traffic", async () => {
  await withProcess("", undefined, async (pair) => {
    const request = rtu("02 04 10 00 00 01");
    const reply = toHex(rtu("02 04 02 00 00"));
    // Random noise between requests.
    for (const seed of [3, 99]) {
      await pair.master.write(noise(30, seed));
      await pause(20);
      assert.equal(toHex(await ask(pair, request, 7)), reply, `after noise ${seed}`);
    }
    // A request split into single bytes, 1 ms apart (t3.5 = 4 ms at 9600). An attempt where this
    // test's own timer stalled past 3 ms proves nothing: its outcome is dropped and it is repeated.
    for (let attempt = 1;; attempt++) {
      let longest = 0;
      let last = performance.now();
      for (const byte of request) {
        await pair.master.write(Uint8Array.of(byte));
        longest = Math.max(longest, performance.now() - last);
        last = performance.now();
        await pause(1);
      }
      if (longest < 3) break;
      assert.ok(attempt < 5, `the test could not keep its gaps below 3 ms (${longest} ms)`);
      await pause(50);
      pair.master.flushInput();
    }
    assert.equal(toHex(await readBytes(pair.master, 7, 5000)), reply, "split request");
    // Two requests back to back: two replies, in order.
    await pair.master.write(concat(request, rtu("02 04 10 01 00 02")));
    assert.equal(
      toHex(await readBytes(pair.master, 7 + 9, 5000)),
      toHex(concat(rtu("02 04 02 00 00"), rtu("02 04 04 00 00 00 00"))),
      "back to back",
    );
    // A request to slave 5 and its response, then ours: only ours is answered.
    await pair.master.write(concat(rtu("05 04 00 00 00 02"), rtu("05 04 04 43 66 33 34")));
    await pause(10);
    assert.equal(toHex(await ask(pair, request, 7)), reply, "other slave's traffic ignored");
  });
});

Deno.test("e2e rtu: a settings change is saved at once and takes effect at the reboot (new address)", async () => {
  await withProcess("", TEST_VARIANT_ENTRY, async (pair, a1mb) => {
    // Address 17.0 by FC16 of the whole setting.
    assert.equal(
      toHex(await ask(pair, rtu("02 10 00 14 00 02 04 41 88 00 00"), 8)),
      toHex(rtu("02 10 00 14 00 02")),
    );
    assert.match(await Deno.readTextFile(a1mb.configPath), /^address = 17$/m);
    // Still at address 2; the setting register shows the pending value 17.0 (once the store
    // has published the image with it).
    await a1mb.waitForLog(/Saved modbus\.rtu\.address = 17/);
    await askUntil(pair, rtu("02 03 00 14 00 02"), toHex(rtu("02 03 04 41 88 00 00")));
    // A value the setting refuses: 03, file unchanged.
    assert.equal(toHex(await ask(pair, rtu("02 06 00 14 43 78"), 5)), toHex(rtu("02 86 03")));
    // Reboot: the answer first, then the restart at the new address.
    assert.equal(
      toHex(await ask(pair, rtu("02 06 F1 00 00 01"), 8)),
      toHex(rtu("02 06 F1 00 00 01")),
    );
    await a1mb.waitForLog(/Modbus RTU: serving address 17 /);
    await pair.master.write(rtu("02 03 FC 02 00 01")); // the old address: no answer
    assert.equal(toHex(await ask(pair, rtu("11 03 FC 02 00 01"), 7)), toHex(rtu("11 03 02 00 70")));
    assert.equal(
      toHex(await ask(pair, rtu("11 03 00 14 00 02"), 9)),
      toHex(rtu("11 03 04 41 88 00 00")),
    );
  });
});
