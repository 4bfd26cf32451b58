import assert from "node:assert/strict";
import { bridgePorts } from "../../../drivers/serial/bridge.ts";
import { openSerialPort } from "../../../drivers/serial/posix_serial_port.ts";
import { openPtyPair } from "../../../drivers/serial/pty.ts";

async function readExactly(port: { read(b: Uint8Array): Promise<number | null> }, n: number) {
  const out = new Uint8Array(n);
  let got = 0;
  const buf = new Uint8Array(256);
  while (got < n) {
    const k = await port.read(buf);
    if (k === null) throw new Error("closed");
    out.set(buf.subarray(0, Math.min(k, n - got)), got);
    got += k;
  }
  return out;
}

Deno.test("bridge copies bytes both ways between two pseudo-terminals, like a null-modem cable", async () => {
  const left = openPtyPair();
  const right = openPtyPair();
  const user = openSerialPort(left.slavePath, { baudRate: 115200 });
  const device = openSerialPort(right.slavePath, { baudRate: 115200 });
  const stop = new AbortController();
  const running = bridgePorts(left.master, right.master, stop.signal);
  try {
    const request = new Uint8Array([0x02, 0x04, 0x00, 0x00, 0x00, 0x02, 0x71, 0xf8]);
    await user.write(request);
    assert.deepEqual(await readExactly(device, request.length), request);
    const reply = new Uint8Array(300).map((_, i) => i & 0xff);
    await device.write(reply);
    assert.deepEqual(await readExactly(user, reply.length), reply);
  } finally {
    stop.abort();
    const counters = await running;
    assert.deepEqual(counters, { aToB: 8, bToA: 300 });
    await user.close();
    await device.close();
    await left.close();
    await right.close();
  }
});
