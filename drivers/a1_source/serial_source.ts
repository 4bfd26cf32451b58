/**
 * The `serial` A1 source: the meter's P1 port on a local UART (a P1 USB cable), opened with the
 * serial driver. Its modem lines are handed to the reader for the data-request line.
 *
 * @module
 */
import { openSerialPort } from "../serial/posix_serial_port.ts";
import type { ModemLines, SerialPort } from "../serial/serial_port.ts";
import type { SerialSettingsInput } from "../serial/termios.ts";
import type { A1Source, A1SourceOpener } from "./a1_source.ts";

/** Options of {@linkcode serialSource}. */
export interface SerialSourceOptions {
  /** The device, e.g. `/dev/ttyUSB0`. */
  readonly device: string;
  /** Line settings: 115200 8N1 for DSMR 4/5 and e-MUCS, 9600 7E1 for DSMR 2.2/3. */
  readonly settings: SerialSettingsInput;
  /**
   * Opens the port (tests pass a fake).
   * @default {openSerialPort}
   */
  readonly openPort?: (path: string, settings: SerialSettingsInput) => SerialPort & ModemLines;
  /**
   * Size of the read buffer, in bytes.
   * @default {4096}
   */
  readonly bufferSize?: number;
}

/** Line settings as people write them: `115200 8N1`, `9600 7E1`. */
export function describeLine(settings: SerialSettingsInput): string {
  const parity = (settings.parity ?? "none")[0]!.toUpperCase();
  return `${settings.baudRate} ${settings.dataBits ?? 8}${parity}${settings.stopBits ?? 1}`;
}

/**
 * An opener for a serial P1 port.
 *
 * @example
 * ```ts
 * import { serialSource } from "./serial_source.ts";
 * import { openPtyPair } from "../serial/pty.ts";
 *
 * // A pseudo-terminal stands in for the P1 cable's /dev/ttyUSB0.
 * await using pair = openPtyPair();
 * const signal = new AbortController().signal;
 * const opener = serialSource({ device: pair.slavePath, settings: { baudRate: 115200 } });
 * const source = await opener.open(signal);
 * source.modemLines?.setLines({ rts: true }); // a pty has no modem lines: a failure value
 * await pair.master.write(new TextEncoder().encode("/ISK5\\2M550T-1012\r\n"));
 * const bytes = await source.read(signal);
 * if (bytes?.[0] !== 0x2f) throw new Error("unexpected");
 * await source.close();
 * ```
 */
export function serialSource(options: SerialSourceOptions): A1SourceOpener {
  const label = `serial ${options.device} ${describeLine(options.settings)}`;
  const openPort = options.openPort ?? openSerialPort;
  const size = options.bufferSize ?? 4096;
  return {
    label,
    open(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      try {
        const port = openPort(options.device, options.settings);
        return Promise.resolve(new SerialA1Source(label, port, size));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

class SerialA1Source implements A1Source {
  readonly label: string;
  readonly modemLines: ModemLines;
  readonly endIsFinal = false;
  readonly #port: SerialPort;
  readonly #buffer: Uint8Array;

  constructor(label: string, port: SerialPort & ModemLines, size: number) {
    this.label = label;
    this.#port = port;
    this.modemLines = port;
    this.#buffer = new Uint8Array(size);
  }

  async read(signal: AbortSignal): Promise<Uint8Array | null> {
    const n = await this.#port.read(this.#buffer, signal);
    return n === null ? null : this.#buffer.slice(0, n);
  }

  close(): Promise<void> {
    return this.#port.close();
  }
}
