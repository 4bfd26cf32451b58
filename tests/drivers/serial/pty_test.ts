import assert from "node:assert/strict";
import {
  cString,
  libc,
  O_CLOEXEC,
  O_NOCTTY,
  O_NONBLOCK,
  O_RDWR,
  POLLHUP,
} from "../../../drivers/ffi/mod.ts";
import { openPtyPair, openSerialPort } from "../../../drivers/serial/mod.ts";
import { pattern, readExactly, sleep, text, untilAvailable, within } from "./_helpers.ts";

const FLAGS = O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;

function pollRevents(fd: number): number {
  const pollfd = new Uint8Array(8);
  const dv = new DataView(pollfd.buffer);
  dv.setInt32(0, fd, true);
  dv.setInt16(4, 0x1, true); // POLLIN
  assert.ok(libc().poll(pollfd, 1n, 0) >= 0);
  return dv.getInt16(6, true);
}

Deno.test("kernel fact: a pty master polls POLLHUP once its slave was opened and closed", () => {
  // Why openPtyPair keeps a slave fd: without it, the raw-mode setup (open, configure, close)
  // would leave the master hung up until a consumer opens the slave.
  const lib = libc();
  const master = lib.posix_openpt(FLAGS);
  assert.ok(master >= 0);
  try {
    assert.equal(lib.grantpt(master), 0);
    assert.equal(lib.unlockpt(master), 0);
    const name = new Uint8Array(128);
    assert.equal(lib.ptsname_r(master, name, BigInt(name.length)), 0);
    const path = new TextDecoder().decode(name.subarray(0, name.indexOf(0)));
    assert.equal(pollRevents(master) & POLLHUP, 0, "no hang-up before the slave is ever opened");
    const slave = lib.open(cString(path), FLAGS, 0);
    assert.ok(slave >= 0);
    assert.equal(pollRevents(master) & POLLHUP, 0, "no hang-up while the slave is open");
    lib.close(slave);
    assert.equal(pollRevents(master) & POLLHUP, POLLHUP, "hang-up once the slave is closed");
  } finally {
    lib.close(master);
  }
});

Deno.test("bytes written to the master before the slave is opened arrive unchanged, not echoed", async () => {
  await using pair = openPtyPair();
  // CR LF, a lone CR, ^C, ^D, DEL, XOFF, NUL and a high byte: all mangled by a cooked tty.
  const telegram = new Uint8Array([
    ...new TextEncoder().encode("/ISK5\\2M550T-1012\r\n\r\n1-0:1.8.1(000123.456*kWh)\r"),
    0x03,
    0x04,
    0x7f,
    0x13,
    0x00,
    0xe9,
    0x0a,
  ]);
  await pair.master.write(telegram);
  await sleep(5);
  await using port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  assert.deepEqual(await within(readExactly(port, telegram.length), "early telegram"), telegram);
  assert.equal(await pair.master.waitSilence(20_000), true, "nothing was echoed to the master");
});

Deno.test("the master never looks hung up while the consumer opens, closes and re-opens", async () => {
  await using pair = openPtyPair();
  assert.equal(await pair.master.waitSilence(10_000), true, "no hang-up before the consumer");
  const first = openSerialPort(pair.slavePath, { baudRate: 9600 });
  await first.write(new TextEncoder().encode("one"));
  assert.equal(text(await readExactly(pair.master, 3)), "one");
  await first.close();
  assert.equal(await pair.master.waitSilence(10_000), true, "no hang-up after the consumer left");
  await pair.master.write(new TextEncoder().encode("queued"));
  await using second = openSerialPort(pair.slavePath, { baudRate: 9600 });
  assert.equal(text(await readExactly(second, 6)), "queued", "bytes sent meanwhile are kept");
});

Deno.test("the pty master offers the serial port API", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const master = pair.master;
  assert.equal(master.path, `${pair.slavePath} (master)`);
  const waiting = master.waitSilence(60_000_000);
  await port.write(pattern(12));
  assert.equal(await within(waiting, "master waitSilence"), false);
  await within(untilAvailable(master, 12), "12 bytes at the master");
  assert.equal(master.bytesAvailable(), 12);
  master.flushInput();
  assert.equal(master.bytesAvailable(), 0);
  await master.write(pattern(5));
  await within(master.drain(), "master drain");
  assert.deepEqual(await readExactly(port, 5), pattern(5));
  const pending = master.read(new Uint8Array(8));
  await sleep(10);
  await master.close();
  assert.equal(await within(pending, "master read at close"), null);
  assert.equal(master.closed, true);
});

Deno.test("closing the pair twice is harmless", async () => {
  const pair = openPtyPair();
  await pair.close();
  await pair.close();
  assert.equal(pair.master.closed, true);
});

Deno.test("waitReadableSync blocks until input, times out without, and reports a closed port", async () => {
  const pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  try {
    const started = performance.now();
    assert.equal(port.waitReadableSync(30), false, "nothing sent: the wait times out");
    assert.ok(performance.now() - started >= 25, "it waited");
    await pair.master.write(new TextEncoder().encode("x"));
    assert.equal(port.waitReadableSync(2000), true, "a byte is there");
    assert.equal(text(await readExactly(port, 1)), "x");
    assert.equal(port.waitReadableSync(0), false, "read: nothing left");
  } finally {
    await port.close();
    await pair.close();
  }
  assert.equal(port.waitReadableSync(1000), true, "a closed port answers at once");
});
