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
import type { BlockingWaitRequest, BlockingWaitResult } from "./_blocking_wait_worker.ts";

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

/** Runs one blocking wait in a worker thread; `meanwhile` runs once the worker is waiting. */
async function blockingWait(
  request: BlockingWaitRequest,
  meanwhile: () => Promise<void>,
): Promise<BlockingWaitResult> {
  const worker = new Worker(new URL("./_blocking_wait_worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    const answers: (string | BlockingWaitResult)[] = [];
    let wake = () => {};
    worker.onmessage = (event) => {
      answers.push(event.data);
      wake();
    };
    const next = async () => {
      while (answers.length === 0) await new Promise<void>((r) => (wake = r));
      return answers.shift()!;
    };
    worker.postMessage(request);
    assert.equal(await within(next(), "the worker to wait"), "waiting");
    await meanwhile();
    return await within(next(), "the blocking wait to end") as BlockingWaitResult;
  } finally {
    worker.terminate();
  }
}

Deno.test("readSync blocks its thread until input arrives, then reads it", async () => {
  await using pair = openPtyPair();
  const got = await blockingWait(
    { path: pair.slavePath, op: "read", timeoutUs: 5_000_000 },
    async () => {
      await sleep(50);
      await pair.master.write(new TextEncoder().encode("x"));
    },
  );
  assert.deepEqual([got.result, got.text], [1, "x"]);
});

Deno.test("readSync returns 0 once the time is up with no input, never earlier", async () => {
  await using pair = openPtyPair();
  const got = await blockingWait(
    { path: pair.slavePath, op: "read", timeoutUs: 30_000 },
    () => Promise.resolve(),
  );
  assert.equal(got.result, 0);
  assert.ok(got.waitedUs >= 30_000, `returned after ${got.waitedUs} µs`);
});

Deno.test("readSync reads input already there at once, and null once the port is closed", async () => {
  await using pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  await pair.master.write(new TextEncoder().encode("ab"));
  await untilAvailable(port, 2);
  const buffer = new Uint8Array(8);
  assert.equal(port.readSync(buffer, 1_000_000), 2);
  assert.equal(text(buffer.subarray(0, 2)), "ab");
  await port.close();
  assert.equal(port.readSync(buffer, 1_000_000), null);
});

Deno.test("readSync reports a hung-up line as a lost port", async () => {
  const pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  try {
    await pair.close();
    assert.throws(() => port.readSync(new Uint8Array(8), 1_000_000), { code: "LOST" });
  } finally {
    await port.close();
  }
});

Deno.test("waitSilenceSync is true after the whole quiet time, never earlier", async () => {
  await using pair = openPtyPair();
  const got = await blockingWait(
    { path: pair.slavePath, op: "silence", timeoutUs: 20_000 },
    () => Promise.resolve(),
  );
  assert.equal(got.result, true);
  assert.ok(got.waitedUs >= 20_000, `returned after ${got.waitedUs} µs`);
});

Deno.test("waitSilenceSync is false as soon as a byte arrives during the wait", async () => {
  await using pair = openPtyPair();
  const got = await blockingWait(
    { path: pair.slavePath, op: "silence", timeoutUs: 5_000_000 },
    async () => {
      await sleep(50);
      await pair.master.write(new TextEncoder().encode("x"));
    },
  );
  assert.equal(got.result, false);
});

Deno.test("waitSilenceSync rejects a negative time and is false on a closed port", async () => {
  await using pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  assert.throws(() => port.waitSilenceSync(-1), RangeError);
  await port.close();
  assert.equal(port.waitSilenceSync(1000), false);
});
