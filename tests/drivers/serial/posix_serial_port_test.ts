import assert from "node:assert/strict";
import {
  decodeSerialSettings,
  openPtyPair,
  openSerialPort,
  SerialPortError,
} from "../../../drivers/serial/mod.ts";
import { pattern, readExactly, sleep, text, untilAvailable, within } from "./_helpers.ts";

const encoder = new TextEncoder();

function isSerialError(code: string, check?: (error: SerialPortError) => void) {
  return (error: unknown): boolean => {
    if (!(error instanceof SerialPortError)) return false;
    assert.equal(error.code, code, error.message);
    check?.(error);
    return true;
  };
}

Deno.test("serial port on a pty exchanges bytes both ways", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  await pair.master.write(encoder.encode("/ISK5\\2M550T-1012\r\n"));
  assert.equal(text(await readExactly(port, 19)), "/ISK5\\2M550T-1012\r\n");
  await port.write(new Uint8Array([0x02, 0x03, 0x00, 0x00, 0x00, 0x02, 0xc4, 0x38]));
  assert.deepEqual(
    await readExactly(pair.master, 8),
    new Uint8Array([0x02, 0x03, 0x00, 0x00, 0x00, 0x02, 0xc4, 0x38]),
  );
});

Deno.test("serial port applies the baud rate and raw mode to the device", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600, stopBits: 2 });
  const termios = port.termios();
  const dv = new DataView(termios.buffer);
  assert.equal(decodeSerialSettings(termios).baudRate, 9600);
  assert.equal(decodeSerialSettings(termios).stopBits, 2);
  assert.equal(dv.getUint32(12, true) & (0x2 | 0x8), 0, "ICANON and ECHO are off");
  assert.equal(dv.getUint32(8, true) & (0x800 | 0x80), 0x880, "CLOCAL and CREAD are on");
  assert.equal(termios[17 + 6], 0, "VMIN is 0");
  assert.equal(termios[17 + 5], 0, "VTIME is 0");
  assert.deepEqual(port.settings, { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 2 });
});

Deno.test("serial port opens 9600 7E1 on a pty (the pty driver keeps its bytes 8-bit)", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, {
    baudRate: 9600,
    dataBits: 7,
    parity: "even",
  });
  assert.deepEqual(port.settings, { baudRate: 9600, dataBits: 7, parity: "even", stopBits: 1 });
  await pair.master.write(encoder.encode("/KFM5KAIFA-METER\r\n"));
  assert.equal(text(await readExactly(port, 18)), "/KFM5KAIFA-METER\r\n");
});

Deno.test("a 64 KiB write to the master completes while the port reads it", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 230400 });
  const data = pattern(64 * 1024);
  const [, received] = await within(
    Promise.all([pair.master.write(data), readExactly(port, data.length, 1000)]),
    "64 KiB master to port",
  );
  assert.deepEqual(received, data);
});

Deno.test("a 64 KiB write from the port completes while the master reads it", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 230400 });
  const data = pattern(64 * 1024, 3);
  const [, received] = await within(
    Promise.all([port.write(data), readExactly(pair.master, data.length, 777)]),
    "64 KiB port to master",
  );
  assert.deepEqual(received, data);
});

Deno.test("reads into a small buffer return the bytes in order, in chunks", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const data = pattern(100);
  await pair.master.write(data);
  await untilAvailable(port, data.length);
  const buffer = new Uint8Array(7);
  const sizes: number[] = [];
  const received: number[] = [];
  while (received.length < data.length) {
    const n = await port.read(buffer);
    assert.ok(n !== null && n > 0);
    sizes.push(n);
    received.push(...buffer.subarray(0, n));
  }
  assert.deepEqual(new Uint8Array(received), data);
  assert.deepEqual(sizes, [...Array(14).fill(7), 2], "each read fills the buffer from the queue");
});

Deno.test("an aborted signal stops a waiting read and the port stays usable", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const controller = new AbortController();
  const buffer = new Uint8Array(16);
  const pending = port.read(buffer, controller.signal);
  await sleep(20);
  controller.abort();
  await assert.rejects(
    within(pending, "aborted read"),
    (error: unknown) => error instanceof DOMException && error.name === "AbortError",
  );
  await pair.master.write(new Uint8Array([0x42]));
  assert.equal(await within(port.read(buffer), "read after abort"), 1);
  assert.equal(buffer[0], 0x42);
});

Deno.test("a read with an already aborted signal rejects with the signal's reason", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const reason = new Error("stopping");
  await assert.rejects(
    port.read(new Uint8Array(4), AbortSignal.abort(reason)),
    (e) => e === reason,
  );
});

Deno.test("close() during a pending read resolves the read with null", async () => {
  await using pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const pending = port.read(new Uint8Array(16));
  await sleep(20);
  await within(port.close(), "close with a pending read");
  assert.equal(await within(pending, "read pending at close"), null);
  assert.equal(port.closed, true);
  assert.equal(await port.read(new Uint8Array(4)), null, "reads after close return null");
  await assert.rejects(port.write(new Uint8Array([1])), isSerialError("CLOSED"));
  await port.close(); // idempotent
});

Deno.test("close() lets the same path be opened again right away", async () => {
  await using pair = openPtyPair();
  for (let i = 0; i < 5; i++) {
    const port = openSerialPort(pair.slavePath, { baudRate: 9600 });
    const pending = port.read(new Uint8Array(4));
    await port.close();
    assert.equal(await pending, null);
  }
});

Deno.test("a second concurrent read rejects with CONCURRENT and the first goes on", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const buffer = new Uint8Array(4);
  const first = port.read(buffer);
  await assert.rejects(port.read(new Uint8Array(4)), isSerialError("CONCURRENT"));
  await assert.rejects(port.waitSilence(1000), isSerialError("CONCURRENT"));
  await pair.master.write(new Uint8Array([9]));
  assert.equal(await within(first, "first read"), 1);
});

Deno.test("modem lines and RS485 on a pty are reported unsupported, not thrown", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const unsupported = {
    ok: false,
    code: "ENOTTY",
    errno: 25,
    reason: "unsupported on this device (ENOTTY)",
  };
  assert.deepEqual(port.setLines({ rts: true, dtr: true }), unsupported);
  assert.deepEqual(port.setLines({ dtr: false }), unsupported);
  assert.deepEqual(port.setRs485({ enabled: true, delayAfterSendMs: 1 }), unsupported);
  assert.deepEqual(port.setLines({}), { ok: true }, "nothing asked, nothing done");
  await port.close();
  assert.deepEqual(port.setLines({ rts: true }), {
    ok: false,
    code: "CLOSED",
    errno: 0,
    reason: "port is closed",
  });
});

Deno.test("closing the master makes a waiting reader fail with LOST (unplug)", async () => {
  const pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  const pending = port.read(new Uint8Array(16));
  const outcome = assert.rejects( // handler attached before the rejection can happen
    within(pending, "read after unplug"),
    isSerialError("LOST", (error) => {
      assert.equal(error.path, pair.slavePath);
      assert.equal(
        error.message,
        `Cannot read serial port "${pair.slavePath}": device lost (hang-up)`,
      );
    }),
  );
  await sleep(20);
  await pair.close();
  await outcome;
  await assert.rejects(port.read(new Uint8Array(16)), isSerialError("LOST"), "and stays lost");
});

Deno.test("a write after the master closed fails with LOST and keeps the errno", async () => {
  const pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 115200 });
  await pair.close();
  await assert.rejects(
    port.write(new Uint8Array([1, 2, 3])),
    isSerialError("LOST", (error) => assert.equal(error.errno, 5)), // EIO
  );
});

Deno.test("opening a missing path fails with ENOENT naming the path", () => {
  assert.throws(
    () => openSerialPort("/dev/ttyUSB-a1mb-missing", { baudRate: 115200 }),
    isSerialError("ENOENT", (error) => {
      assert.equal(error.errno, 2);
      assert.equal(error.path, "/dev/ttyUSB-a1mb-missing");
      assert.equal(
        error.message,
        'Cannot open serial port "/dev/ttyUSB-a1mb-missing": no such device (ENOENT)',
      );
    }),
  );
});

Deno.test("opening a device that is not a terminal fails with ENOTTY", () => {
  assert.throws(
    () => openSerialPort("/dev/null", { baudRate: 9600 }),
    isSerialError("ENOTTY", (error) => {
      assert.equal(
        error.message,
        'Cannot open serial port "/dev/null": not a terminal device (ENOTTY)',
      );
    }),
  );
});

Deno.test("bad settings are refused with a RangeError before the device is touched", () => {
  const missing = "/dev/ttyUSB-a1mb-missing"; // would be ENOENT if it were opened
  const bad: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
    [{ baudRate: 14400 }, 'Unsupported baud rate: "14400"'],
    [{ baudRate: 9600, dataBits: 5 }, 'Unsupported data bits: "5"'],
    [{ baudRate: 9600, parity: "space" }, 'Unsupported parity: "space"'],
    [{ baudRate: 9600, stopBits: 3 }, 'Unsupported stop bits: "3"'],
  ];
  for (const [options, start] of bad) {
    assert.throws(
      () => openSerialPort(missing, options as unknown as Parameters<typeof openSerialPort>[1]),
      (error: unknown) => error instanceof RangeError && error.message.startsWith(start),
      start,
    );
  }
});

Deno.test("waitSilence resolves true when nothing arrives", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  assert.equal(await port.waitSilence(1750), true);
  assert.equal(await port.waitSilence(0), true);
});

Deno.test("waitSilence resolves false when a byte arrives during the wait", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const waiting = port.waitSilence(60_000_000); // a minute: only a byte can end it in time
  await sleep(10);
  await pair.master.write(new Uint8Array([0x01]));
  assert.equal(await within(waiting, "waitSilence interrupted by a byte"), false);
  assert.equal(await port.read(new Uint8Array(4)), 1, "the byte is still there to read");
});

Deno.test("waitSilence resolves false at once when bytes are already waiting", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  await pair.master.write(new Uint8Array([0x01, 0x03]));
  await untilAvailable(port, 2);
  assert.equal(await within(port.waitSilence(60_000_000), "waitSilence with bytes queued"), false);
});

Deno.test("waitSilence resolves false when the port is closed during the wait", async () => {
  await using pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  const waiting = port.waitSilence(60_000_000);
  await sleep(10);
  await port.close();
  assert.equal(await within(waiting, "waitSilence at close"), false);
  assert.equal(await port.waitSilence(1000), false);
});

Deno.test("waitSilence rejects a negative or non-finite duration", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  for (const us of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    await assert.rejects(port.waitSilence(us), RangeError);
  }
});

Deno.test("bytesAvailable counts queued bytes and flushInput discards them", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  assert.equal(port.bytesAvailable(), 0);
  await pair.master.write(pattern(10));
  await within(untilAvailable(port, 10), "10 bytes queued");
  assert.equal(port.bytesAvailable(), 10);
  port.flushInput();
  assert.equal(port.bytesAvailable(), 0);
  await pair.master.write(new Uint8Array([0x55]));
  const buffer = new Uint8Array(4);
  assert.equal(await port.read(buffer), 1);
  assert.equal(buffer[0], 0x55, "only bytes sent after the flush are read");
});

Deno.test("drain resolves once written bytes have left the port", async () => {
  await using pair = openPtyPair();
  await using port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  await port.write(pattern(32));
  await within(port.drain(), "drain");
  assert.deepEqual(await readExactly(pair.master, 32), pattern(32));
});
