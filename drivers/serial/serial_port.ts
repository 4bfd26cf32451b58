/**
 * The serial port contract the actors program against, its error class and result types.
 *
 * Both the real port (`openSerialPort`) and a pseudo-terminal master (`openPtyPair`) implement
 * {@linkcode SerialPort}; tests drive actors with fakes of the same interfaces.
 *
 * @module
 */

import { errnoDescription, ErrnoError, type ErrnoErrorInit, errnoName } from "../ffi/errno.ts";

/**
 * A byte stream to a serial line, read and written without blocking the event loop.
 *
 * One read (or `waitSilence`) and one write may be pending at a time; a second concurrent call
 * of the same kind is a programming error and rejects with code `"CONCURRENT"`.
 */
export interface SerialPort {
  /** The device path, e.g. `/dev/ttyUSB0` (used in error messages). */
  readonly path: string;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /**
   * Reads the bytes available into `buffer`, waiting until at least one arrives.
   *
   * @returns the number of bytes read (at least 1; 0 only for an empty `buffer`), or `null`
   * once the port was closed with `close()`.
   * @throws {SerialPortError} code `"LOST"` when the device vanished (unplugged, other side of
   * the pty closed); rejects with `signal.reason` when `signal` aborts.
   */
  read(buffer: Uint8Array, signal?: AbortSignal): Promise<number | null>;
  /**
   * Writes all of `data`, waiting for room when the output queue is full.
   *
   * @throws {SerialPortError} code `"LOST"` when the device vanished, `"CLOSED"` after `close()`.
   */
  write(data: Uint8Array): Promise<void>;
  /** Waits until all written bytes have left the port (`tcdrain`). */
  drain(): Promise<void>;
  /**
   * Waits until the line has been silent for `microseconds` (sub-millisecond precision).
   *
   * @returns `true` if no byte arrived for that long, `false` as soon as bytes are available
   * (including bytes that were already waiting) or the line hung up or the port was closed.
   */
  waitSilence(microseconds: number): Promise<boolean>;
  /** Discards bytes received but not read yet (`tcflush(TCIFLUSH)`). */
  flushInput(): void;
  /** The number of bytes received and not read yet (`FIONREAD`). */
  bytesAvailable(): number;
  /**
   * Closes the port; a pending read resolves `null` promptly. Idempotent.
   *
   * The returned promise resolves once the file descriptor is really closed (so the device can
   * be opened again).
   */
  close(): Promise<void>;
}

/** Desired state of the modem control lines; an absent field leaves that line as it is. */
export interface ModemLineState {
  /** Request To Send: true asserts the line. */
  rts?: boolean;
  /** Data Terminal Ready: true asserts the line. */
  dtr?: boolean;
}

/** Outcome of a line-control call: failures are values, so a caller can report once and go on. */
export type LineResult =
  | { ok: true }
  | {
    ok: false;
    /** Symbolic errno name, e.g. `"ENOTTY"`, or `"CLOSED"`. */
    code: string;
    /** The errno number, 0 when none applies. */
    errno: number;
    /** Human text, e.g. `"unsupported on this device (ENOTTY)"`. */
    reason: string;
  };

/** Control of the RTS/DTR modem lines (real UARTs; pseudo-terminals have none). */
export interface ModemLines {
  /** Asserts (`true`) or clears (`false`) the given lines. */
  setLines(lines: ModemLineState): LineResult;
}

/** Kernel RS485 mode of a UART (`TIOCSRS485`). */
export interface Rs485Options {
  /** Turns RS485 mode on or off. */
  enabled: boolean;
  /**
   * Level of RTS while sending: true = RTS high (the usual driver-enable wiring).
   * @default {true}
   */
  rtsOnSend?: boolean;
  /**
   * Level of RTS after sending.
   * @default {false}
   */
  rtsAfterSend?: boolean;
  /**
   * Keep receiving while sending (hears its own echo on a 2-wire bus).
   * @default {false}
   */
  rxDuringTx?: boolean;
  /**
   * Delay between raising RTS and the first bit, in milliseconds (integer, 0…1000).
   * @default {0}
   */
  delayBeforeSendMs?: number;
  /**
   * Delay between the last bit and dropping RTS, in milliseconds (integer, 0…1000).
   * @default {0}
   */
  delayAfterSendMs?: number;
}

/** Control of a UART's kernel RS485 mode. */
export interface Rs485Control {
  /** Applies an RS485 configuration; `{ ok: false }` where the device has no RS485 mode. */
  setRs485(options: Rs485Options): LineResult;
}

/**
 * Construction fields of a {@linkcode SerialPortError}: a code (an errno name, `"LOST"`,
 * `"CLOSED"`, `"CONCURRENT"`), the errno number (0 when none), the device path, the cause.
 */
export type SerialPortErrorInit = ErrnoErrorInit;

/** A failure of a serial port operation, with the errno code a caller can switch on. */
export class SerialPortError extends ErrnoError {
  override name = "SerialPortError";
}

/**
 * The error for a failed system call: code = errno name.
 *
 * @example
 * ```ts
 * import { errnoError } from "./serial_port.ts";
 *
 * errnoError("open", "/dev/ttyUSB0", 2).message;
 * // 'Cannot open serial port "/dev/ttyUSB0": no such device (ENOENT)'
 * ```
 */
export function errnoError(
  action: string,
  path: string,
  errno: number,
  fallbackText?: string,
): SerialPortError {
  const name = errnoName(errno);
  const text = errnoDescription(errno, fallbackText);
  return new SerialPortError(`Cannot ${action} serial port "${path}": ${text} (${name})`, {
    code: name,
    errno,
    path,
  });
}

/**
 * The error for a vanished device: code `"LOST"`, keeping the errno (0 for a plain hang-up).
 *
 * @example
 * ```ts
 * import { lostError } from "./serial_port.ts";
 *
 * lostError("read", "/dev/ttyUSB0", 5).message;
 * // 'Cannot read serial port "/dev/ttyUSB0": device lost (EIO)'
 * ```
 */
export function lostError(action: string, path: string, errno: number): SerialPortError {
  const detail = errno === 0 ? "hang-up" : errnoName(errno);
  return new SerialPortError(`Cannot ${action} serial port "${path}": device lost (${detail})`, {
    code: "LOST",
    errno,
    path,
  });
}

/** The error for an operation on a port that was closed with `close()`: code `"CLOSED"`. */
export function closedError(action: string, path: string): SerialPortError {
  return new SerialPortError(`Cannot ${action} serial port "${path}": port is closed`, {
    code: "CLOSED",
    errno: 0,
    path,
  });
}
