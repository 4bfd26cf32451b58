/**
 * Pseudo-terminal pairs through the same FFI layer, for tests, the meter simulator and the demo:
 * the master side is a {@linkcode SerialPort}; the slave path is opened by the consumer like any
 * serial device.
 *
 * Why the pair keeps a slave fd open (found by testing on Linux 6.x, see
 * tests/drivers/serial/pty_test.ts):
 * - a fresh slave is in cooked mode (ECHO, ICRNL, ONLCR, ICANON): bytes written to the master
 *   before a consumer opens the slave would be echoed back and rewritten. Its termios can only
 *   be set through a slave fd, so the pair opens the slave at once and makes it raw;
 * - before the slave was ever opened the master shows no hang-up, but once a slave fd has been
 *   opened and all slave fds are closed, the master polls POLLHUP and reads fail with EIO (its
 *   writes are still queued). Closing the slave fd used for the raw setup would thus make the
 *   master look lost before the consumer opens it, and again whenever the consumer re-opens;
 * - so the pair keeps that slave fd open (never read) until `close()`: the master never sees a
 *   hang-up, termios persists across consumer re-opens, and closing the master still hangs up
 *   the consumer's side (the unplug simulation).
 *
 * @module
 */

import {
  EFD_CLOEXEC,
  EFD_NONBLOCK,
  O_CLOEXEC,
  O_NOCTTY,
  O_NONBLOCK,
  O_RDWR,
} from "../ffi/constants.ts";
import { cString, errno, fromCString, libc, strerror } from "../ffi/libc.ts";
import { FdPort } from "./_fd_port.ts";
import { TCGETS, TCSETS, TERMIOS_BUFFER_SIZE } from "./_linux.ts";
import { errnoError, type SerialPort } from "./serial_port.ts";
import { makeRaw } from "./termios.ts";

/** A pseudo-terminal pair: the master as a port, the slave as a path for the consumer. */
export interface PtyPair extends AsyncDisposable {
  /** The master side; closing it hangs up the slave side (like unplugging a device). */
  readonly master: SerialPort;
  /** Path of the slave side, e.g. `/dev/pts/3`, to open with `openSerialPort`. */
  readonly slavePath: string;
  /** Closes the master and the pair's own slave fd. Idempotent. */
  close(): Promise<void>;
}

const PTMX = "/dev/ptmx";

/**
 * Opens a pseudo-terminal pair with both sides in raw mode (8 bits, no echo, no CR/LF mapping,
 * VMIN=0/VTIME=0), so bytes written to the master before the consumer opens the slave arrive
 * unchanged.
 *
 * @example
 * ```ts
 * import { openPtyPair, openSerialPort } from "./mod.ts";
 *
 * await using pair = openPtyPair();
 * await using port = openSerialPort(pair.slavePath, { baudRate: 115200 });
 * await pair.master.write(new TextEncoder().encode("/ISK5\\2M550T-1012\r\n"));
 * ```
 *
 * @throws {SerialPortError} with the errno code when a step fails.
 */
export function openPtyPair(): PtyPair {
  const lib = libc();
  const flags = O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
  const fail = (action: string, path: string) => {
    const e = errno();
    return errnoError(action, path, e, strerror(e));
  };
  const master = lib.posix_openpt(flags);
  if (master < 0) throw fail("open", PTMX);
  let slave = -1;
  let wake = -1;
  try {
    if (lib.grantpt(master) !== 0 || lib.unlockpt(master) !== 0) throw fail("unlock", PTMX);
    const name = new Uint8Array(128);
    const rc = lib.ptsname_r(master, name, BigInt(name.length));
    // ptsname_r returns the error number itself rather than setting errno.
    if (rc !== 0) throw errnoError("name", PTMX, rc, strerror(rc));
    const slavePath = fromCString(name);
    slave = lib.open(cString(slavePath), flags, 0);
    if (slave < 0) throw fail("open", slavePath);
    setRaw(slave, slavePath);
    setRaw(master, PTMX);
    wake = lib.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake < 0) throw fail("open", PTMX);
    return new Pair(new FdPort(`${slavePath} (master)`, master, wake), slavePath, slave);
  } catch (error) {
    for (const fd of [wake, slave, master]) if (fd >= 0) lib.close(fd);
    throw error;
  }
}

function setRaw(fd: number, path: string): void {
  const lib = libc();
  const termios = new Uint8Array(TERMIOS_BUFFER_SIZE);
  if (lib.ioctlPtr(fd, TCGETS, termios) !== 0 || lib.ioctlPtr(fd, TCSETS, makeRaw(termios)) !== 0) {
    const e = errno();
    throw errnoError("configure", path, e, strerror(e));
  }
}

class Pair implements PtyPair {
  readonly master: FdPort;
  readonly slavePath: string;
  #slave: number;

  constructor(master: FdPort, slavePath: string, slave: number) {
    this.master = master;
    this.slavePath = slavePath;
    this.#slave = slave;
  }

  async close(): Promise<void> {
    await this.master.close();
    if (this.#slave >= 0) {
      libc().close(this.#slave);
      this.#slave = -1;
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
