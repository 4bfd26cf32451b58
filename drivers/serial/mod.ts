/**
 * Serial ports and pseudo-terminals on Linux, through Deno FFI to libc (`--allow-ffi`).
 *
 * - {@linkcode SerialPort}: the byte-stream contract actors use (fakes implement it in tests);
 *   {@linkcode ModemLines} and {@linkcode Rs485Control} for line control, with failures as
 *   {@linkcode LineResult} values.
 * - {@linkcode openSerialPort}: a real tty, raw, exclusive, configured from
 *   {@linkcode SerialSettingsInput} (baud 1200…230400, 7/8 data bits, parity, stop bits).
 * - {@linkcode openPtyPair}: a raw pseudo-terminal pair whose master is a `SerialPort`.
 * - {@linkcode SerialPortError}: open failures carry the errno code (`"ENOENT"`, `"EBUSY"`…);
 *   a vanished device is code `"LOST"`.
 *
 * Reads never block the event loop: they wait in `nonblocking: true` FFI polls of at most
 * {@linkcode SLICE_MS} that `close()` wakes at once, so a closed port never keeps the process
 * alive (beyond the kernel letting a UART's queued output leave, as any close does).
 *
 * @example
 * ```ts
 * import { openPtyPair, openSerialPort } from "./mod.ts";
 *
 * await using pair = openPtyPair();
 * await using port = openSerialPort(pair.slavePath, { baudRate: 9600, dataBits: 7, parity: "even" });
 * await pair.master.write(new Uint8Array([0x2f]));
 * const buffer = new Uint8Array(64);
 * const n = await port.read(buffer, AbortSignal.timeout(1000));
 * ```
 *
 * @module
 */

export { closedError, errnoError, lostError, SerialPortError } from "./serial_port.ts";
export type {
  LineResult,
  ModemLines,
  ModemLineState,
  Rs485Control,
  Rs485Options,
  SerialPort,
  SerialPortErrorInit,
} from "./serial_port.ts";
export {
  applySerialSettings,
  BAUD_RATES,
  baudCode,
  decodeSerialSettings,
  makeRaw,
  resolveSerialSettings,
} from "./termios.ts";
export type {
  DataBits,
  DecodedSettings,
  Parity,
  SerialSettings,
  SerialSettingsInput,
  StopBits,
} from "./termios.ts";
export { encodeRs485, MAX_RS485_DELAY_MS } from "./rs485.ts";
export { openSerialPort } from "./posix_serial_port.ts";
export type { PosixSerialPort, SerialPortOptions } from "./posix_serial_port.ts";
export { openPtyPair } from "./pty.ts";
export type { PtyPair } from "./pty.ts";
export { SLICE_MS } from "./_fd_port.ts";
