/**
 * The real serial port: a Linux tty opened and configured through libc FFI.
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
import { ENOTTY, errnoDescription, errnoName } from "../ffi/errno.ts";
import { cString, errno, libc, strerror } from "../ffi/libc.ts";
import { FdPort } from "./_fd_port.ts";
import {
  TCGETS,
  TCSETS,
  TERMIOS_BUFFER_SIZE,
  TIOCEXCL,
  TIOCM_DTR,
  TIOCM_RTS,
  TIOCMBIC,
  TIOCMBIS,
  TIOCNXCL,
  TIOCSRS485,
} from "./_linux.ts";
import { encodeRs485 } from "./rs485.ts";
import {
  errnoError,
  type LineResult,
  type ModemLines,
  type ModemLineState,
  type Rs485Control,
  type Rs485Options,
  type SerialPort,
  SerialPortError,
} from "./serial_port.ts";
import {
  applySerialSettings,
  decodeSerialSettings,
  resolveSerialSettings,
  type SerialSettings,
  type SerialSettingsInput,
} from "./termios.ts";

/** Options of {@linkcode openSerialPort}: line settings plus access mode. */
export interface SerialPortOptions extends SerialSettingsInput {
  /**
   * Take exclusive access (`TIOCEXCL`): a later open by another process fails with EBUSY.
   * Processes with CAP_SYS_ADMIN (root) are exempt, as the kernel decides.
   * @default {true}
   */
  exclusive?: boolean;
}

/** A serial port on a Linux tty, with modem lines and RS485 control. */
export interface PosixSerialPort extends SerialPort, ModemLines, Rs485Control, AsyncDisposable {
  /** The settings applied at open. */
  readonly settings: SerialSettings;
  /** A copy of the kernel termios bytes as the device holds them now (diagnostics, tests). */
  termios(): Uint8Array;
  /**
   * Blocks the calling thread in `ppoll(2)` for at most `timeoutUs` µs until input is there,
   * then reads what is there into `buffer`: the number of bytes read, 0 when the time passed
   * with no input, null on a closed port. Throws the port's `SerialPortError` (code `"LOST"`
   * on a hang-up). The kernel wakes this very thread: no hand-off from FFI's thread pool to an
   * event loop. Only for a thread that does nothing else (the RTU worker): it blocks the event
   * loop.
   */
  readSync(buffer: Uint8Array, timeoutUs: number): number | null;
  /**
   * Blocks the calling thread until the line has been quiet for `microseconds` (true), or
   * input arrives or the port is closed (false): {@linkcode SerialPort.waitSilence} without
   * the thread hop, for the same threads as {@linkcode readSync}.
   */
  waitSilenceSync(microseconds: number): boolean;
}

/**
 * Opens and configures a serial port: O_RDWR|O_NOCTTY|O_NONBLOCK|O_CLOEXEC, exclusive access,
 * raw mode, the given baud/data bits/parity/stop bits, no flow control, CLOCAL|CREAD,
 * VMIN=0/VTIME=0. Bytes already queued on the device are kept.
 *
 * The open itself is a synchronous system call (a few milliseconds at most for a USB adapter).
 *
 * @example
 * ```ts
 * import { openSerialPort } from "./posix_serial_port.ts";
 * import { openPtyPair } from "./pty.ts";
 *
 * // A pseudo-terminal stands in for /dev/ttyUSB0; its master side plays the meter.
 * await using pair = openPtyPair();
 * const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
 * await pair.master.write(new TextEncoder().encode("/ISK5"));
 * const buffer = new Uint8Array(1024);
 * const n = await port.read(buffer); // 5 (or fewer: a read returns what has arrived)
 * if (n === null || n < 1 || buffer[0] !== 0x2f) throw new Error("unexpected");
 * await port.close();
 * ```
 *
 * @throws {RangeError} for an unsupported setting, before touching the device.
 * @throws {SerialPortError} with the errno code (`"ENOENT"`, `"EACCES"`, `"EBUSY"`, `"ENOTTY"`…)
 * when the device cannot be opened or configured.
 */
export function openSerialPort(path: string, options: SerialPortOptions): PosixSerialPort {
  const settings = resolveSerialSettings(options);
  const exclusive = options.exclusive ?? true;
  const lib = libc();
  const fd = lib.open(cString(path), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0) throw failure(path, errno());
  try {
    const current = new Uint8Array(TERMIOS_BUFFER_SIZE);
    if (lib.ioctlPtr(fd, TCGETS, current) !== 0) throw failure(path, errno());
    if (exclusive && lib.ioctlInt(fd, TIOCEXCL, 0n) !== 0) throw failure(path, errno());
    if (lib.ioctlPtr(fd, TCSETS, applySerialSettings(current, settings)) !== 0) {
      throw failure(path, errno());
    }
    checkApplied(fd, path, settings);
    const wake = lib.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake < 0) throw failure(path, errno());
    return new TtyPort(path, fd, wake, settings, exclusive);
  } catch (error) {
    if (exclusive) lib.ioctlInt(fd, TIOCNXCL, 0n);
    lib.close(fd);
    throw error;
  }
}

function failure(path: string, e: number): SerialPortError {
  return errnoError("open", path, e, strerror(e));
}

/**
 * TCSETS succeeds if any change was made, so read back the baud rate, the setting a UART driver
 * may substitute. Data bits and parity are not compared: the pty driver forces CS8 without
 * parity (its bytes have no framing), while UART drivers accept both.
 */
function checkApplied(fd: number, path: string, wanted: SerialSettings): void {
  const now = new Uint8Array(TERMIOS_BUFFER_SIZE);
  if (libc().ioctlPtr(fd, TCGETS, now) !== 0) throw failure(path, errno());
  const got = decodeSerialSettings(now).baudRate;
  if (got !== wanted.baudRate) {
    throw new SerialPortError(
      `Cannot configure serial port "${path}": device did not accept the baud rate (wanted ${wanted.baudRate}, got ${
        got ?? "a non-standard rate"
      })`,
      { code: "EINVAL", errno: 0, path },
    );
  }
}

class TtyPort extends FdPort implements PosixSerialPort {
  readonly settings: SerialSettings;
  readonly #exclusive: boolean;

  constructor(
    path: string,
    fd: number,
    wake: number,
    settings: SerialSettings,
    exclusive: boolean,
  ) {
    super(path, fd, wake);
    this.settings = settings;
    this.#exclusive = exclusive;
  }

  termios(): Uint8Array {
    const bytes = new Uint8Array(TERMIOS_BUFFER_SIZE);
    if (libc().ioctlPtr(this.fd, TCGETS, bytes) !== 0) {
      throw errnoError("query", this.path, errno());
    }
    return bytes;
  }

  setLines(lines: ModemLineState): LineResult {
    let set = 0;
    let clear = 0;
    if (lines.rts === true) set |= TIOCM_RTS;
    if (lines.rts === false) clear |= TIOCM_RTS;
    if (lines.dtr === true) set |= TIOCM_DTR;
    if (lines.dtr === false) clear |= TIOCM_DTR;
    if (set !== 0) {
      const result = this.#ioctl(TIOCMBIS, new Uint8Array(new Int32Array([set]).buffer));
      if (!result.ok) return result;
    }
    if (clear !== 0) return this.#ioctl(TIOCMBIC, new Uint8Array(new Int32Array([clear]).buffer));
    return { ok: true };
  }

  setRs485(options: Rs485Options): LineResult {
    return this.#ioctl(TIOCSRS485, encodeRs485(options));
  }

  /**
   * TTY_EXCLUSIVE lives on the tty, not the fd: it is only dropped when the tty is freed, which
   * does not happen while any other fd keeps it open (a pty pair's own slave fd does), so it is
   * cleared explicitly or the next process would get EBUSY.
   */
  protected override beforeRelease(fd: number): void {
    if (this.#exclusive) libc().ioctlInt(fd, TIOCNXCL, 0n);
  }

  #ioctl(request: bigint, arg: Uint8Array): LineResult {
    if (this.closed) return { ok: false, code: "CLOSED", errno: 0, reason: "port is closed" };
    if (libc().ioctlPtr(this.fd, request, arg) === 0) return { ok: true };
    const e = errno();
    const name = errnoName(e);
    const text = e === ENOTTY ? "unsupported on this device" : errnoDescription(e, strerror(e));
    return { ok: false, code: name, errno: e, reason: `${text} (${name})` };
  }
}
