import assert from "node:assert/strict";
import { createCounters } from "../../../actors/modbus/counters.ts";
import { serveRtu } from "../../../actors/modbus/rtu_session.ts";
import type { SlavePort } from "../../../actors/modbus/slave_port.ts";
import { rtuSessionSetup } from "../../../actors/modbus/rtu_slave.ts";
import { DEFAULT_CONFIG } from "../../../config/mod.ts";
import { openPtyPair, openSerialPort } from "../../../drivers/serial/mod.ts";
import type { RegisterImage } from "../../../protocol/modbus/mod.ts";
import { rtu, testImage, toHex } from "./_fixtures.ts";
import { readBytes } from "./_harness.ts";

Deno.test("rtu session answers again from the new image when a shared image was rewritten while read", async () => {
  await using pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  const older = testImage();
  const newer = testImage();
  newer.input.set([0x4367, 0x0000], 0);
  // The first image handed out is found torn afterwards; the second is intact.
  const handedOut: RegisterImage[] = [];
  const slave: SlavePort = {
    get image() {
      const image = handedOut.length === 0 ? older : newer;
      handedOut.push(image);
      return image;
    },
    imageIntact: () => handedOut.length > 1,
    counters: createCounters("rtu"),
    applyWrite: () => Promise.resolve({ kind: "accepted" }),
  };
  const session = serveRtu(port, {
    ...rtuSessionSetup({ ...DEFAULT_CONFIG.modbus.rtu, baud: 115200, response_delay_ms: 0 }),
    direction: { toggles: false, before() {}, after() {} },
  }, {
    nowUs: () => performance.now() * 1000,
    slave,
    activity() {},
    reboot() {},
  });
  await pair.master.write(rtu("02 04 00 00 00 02"));
  assert.equal(toHex(await readBytes(pair.master, 9)), toHex(rtu("02 04 04 43 67 00 00")));
  assert.deepEqual(handedOut, [older, newer]);
  await port.close();
  await session;
});
