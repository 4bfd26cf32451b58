import assert from "node:assert/strict";
import { describeLine, serialSource } from "../../../drivers/a1_source/serial_source.ts";
import { openPtyPair } from "../../../drivers/serial/pty.ts";
import { concat, fixture } from "../../protocol/dsmr/_fixtures.ts";
import { within } from "../serial/_helpers.ts";

const TELEGRAM = fixture("arduino-dsmr-fork_test_full_be_3x230V_13months.txt");

Deno.test("serial source line settings read as people write them", () => {
  assert.equal(describeLine({ baudRate: 115200 }), "115200 8N1");
  assert.equal(
    describeLine({ baudRate: 9600, dataBits: 7, parity: "even", stopBits: 1 }),
    "9600 7E1",
  );
  assert.equal(describeLine({ baudRate: 9600, parity: "odd", stopBits: 2 }), "9600 8O2");
});

Deno.test("serial source reads a telegram written in small pieces to a real pty pair", async () => {
  await using pair = openPtyPair();
  const opener = serialSource({ device: pair.slavePath, settings: { baudRate: 115200 } });
  assert.equal(opener.label, `serial ${pair.slavePath} 115200 8N1`);
  const signal = new AbortController().signal;
  const source = await opener.open(signal);
  try {
    assert.equal(source.label, opener.label);
    assert.equal(source.endIsFinal, false);
    for (let at = 0; at < TELEGRAM.length; at += 64) {
      await pair.master.write(TELEGRAM.subarray(at, at + 64));
    }
    const parts: Uint8Array[] = [];
    let total = 0;
    while (total < TELEGRAM.length) {
      const chunk = await within(source.read(signal), "read");
      assert.ok(chunk !== null);
      parts.push(chunk);
      total += chunk.length;
    }
    assert.deepEqual(concat(...parts), TELEGRAM);
  } finally {
    await source.close();
  }
});

Deno.test("serial source on a pty: the data-request line fails with ENOTTY, as a value", async () => {
  await using pair = openPtyPair();
  const source = await serialSource({ device: pair.slavePath, settings: { baudRate: 115200 } })
    .open(new AbortController().signal);
  try {
    assert.ok(source.modemLines !== null);
    const result = source.modemLines.setLines({ rts: true });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, "ENOTTY");
  } finally {
    await source.close();
  }
});

Deno.test("serial source: the device vanishing (pty master closed) rejects the read as lost", async () => {
  const pair = openPtyPair();
  const source = await serialSource({ device: pair.slavePath, settings: { baudRate: 115200 } })
    .open(new AbortController().signal);
  const reading = source.read(new AbortController().signal).then(
    () => "resolved",
    (e: Error) => e.message,
  );
  await pair.close();
  assert.match(await within(reading, "lost"), /device lost/);
  await source.close();
});

Deno.test("serial source: a missing device fails to open with its errno", async () => {
  const opener = serialSource({ device: "/dev/a1mb-no-such-tty", settings: { baudRate: 115200 } });
  await assert.rejects(opener.open(new AbortController().signal), {
    name: "SerialPortError",
    code: "ENOENT",
  });
});
