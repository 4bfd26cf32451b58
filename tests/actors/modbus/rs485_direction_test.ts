import assert from "node:assert/strict";
import { type RtuPort, setupDirection } from "../../../actors/modbus/rs485_direction.ts";
import {
  type LineResult,
  type ModemLineState,
  openPtyPair,
  openSerialPort,
  type Rs485Options,
} from "../../../drivers/serial/mod.ts";
import { rtu, toHex } from "./_fixtures.ts";
import { readBytes, startRtu } from "./_harness.ts";

/** A port that records line-control calls and answers them with `result`. */
function fakePort(result: LineResult, calls: string[]): RtuPort {
  const port = {
    path: "/dev/fake",
    closed: false,
    setLines(lines: ModemLineState) {
      calls.push(`rts=${lines.rts}`);
      return result;
    },
    setRs485(options: Rs485Options) {
      calls.push(`rs485 ${JSON.stringify(options)}`);
      return result;
    },
  };
  return port as unknown as RtuPort;
}

Deno.test("rs485 = kernel turns the driver's RS485 mode on once, RTS high while sending", () => {
  const calls: string[] = [];
  const problems: string[] = [];
  const d = setupDirection(fakePort({ ok: true }, calls), "kernel", (p) => problems.push(p));
  d.before();
  d.after();
  assert.deepEqual(calls, [`rs485 {"enabled":true,"rtsOnSend":true,"rtsAfterSend":false}`]);
  assert.equal(d.toggles, false);
  assert.deepEqual(problems, []);
});

Deno.test("rs485 = rts raises RTS before each reply and drops it after", () => {
  const calls: string[] = [];
  const d = setupDirection(fakePort({ ok: true }, calls), "rts", () => {});
  assert.equal(d.toggles, true, "the reply is drained before RTS drops");
  d.before();
  d.after();
  d.before();
  d.after();
  assert.deepEqual(calls, ["rts=true", "rts=false", "rts=true", "rts=false"]);
});

Deno.test("rs485 modes on a pty are reported clearly (ENOTTY) and the slave carries on", async () => {
  const pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  try {
    const kernel: string[] = [];
    setupDirection(port, "kernel", (p) => kernel.push(p));
    assert.equal(kernel.length, 1);
    assert.match(
      kernel[0]!,
      /^rs485 = "kernel": unsupported on this device \(ENOTTY\): \/dev\/pts\//,
    );

    const rts: string[] = [];
    const d = setupDirection(port, "rts", (p) => rts.push(p));
    d.before();
    d.after();
    d.before();
    assert.equal(rts.length, 1, "reported once");
    assert.match(
      rts[0]!,
      /^rs485 = "rts": cannot switch RTS: unsupported on this device \(ENOTTY\)/,
    );
    assert.equal(d.toggles, false, "no more toggling");
  } finally {
    await port.close();
    await pair.close();
  }
});

Deno.test("rtu slave answers with rs485 = rts and rs485 = kernel on a pty (modes refused, reported)", async () => {
  for (const rs485 of ["rts", "kernel"] as const) {
    const pair = openPtyPair();
    const slave = await startRtu(pair.slavePath, { rs485 });
    try {
      await pair.master.write(rtu("02 03 FC 02 00 01"));
      assert.equal(toHex(await readBytes(pair.master, 7)), toHex(rtu("02 03 02 00 70")), rs485);
    } finally {
      await slave.stop();
      await pair.close();
    }
  }
});
