/**
 * The contract between the A1Reader and where its bytes come from: an opener that makes a
 * connection, and the open source it yields. Real sources (serial, tcp, file) live next to this
 * file; the built-in simulator lives under `actors/a1/`; tests use fakes.
 *
 * @module
 */
import type { ModemLines } from "../serial/serial_port.ts";

/** An open stream of P1 bytes. */
export interface A1Source {
  /** What it reads, for logs: `serial /dev/ttyUSB0 115200 8N1`, `tcp 10.0.0.5:8088`. */
  readonly label: string;
  /** The port's modem lines (the data-request line), or null for a source without any. */
  readonly modemLines: ModemLines | null;
  /**
   * True when the end of the stream is the end of the input (a file replayed once): the reader
   * then stops instead of opening the source again.
   */
  readonly endIsFinal: boolean;
  /**
   * Waits for the next bytes and returns them (a fresh array the caller may keep).
   *
   * @returns at least one byte, or `null` at the end of the stream (peer closed, file ended).
   * @throws an `Error` whose message says what went wrong when the source is lost; rejects
   * with `signal.reason` when `signal` aborts.
   */
  read(signal: AbortSignal): Promise<Uint8Array | null>;
  /** Releases the source. Idempotent. */
  close(): Promise<void>;
}

/** Opens one kind of source; called again (after a back-off) each time the source is lost. */
export interface A1SourceOpener {
  /** What it opens, for logs (the same text as the open source's `label`). */
  readonly label: string;
  /**
   * Opens the source.
   * @throws an `Error` whose message says why it cannot be opened; rejects with
   * `signal.reason` when `signal` aborts.
   */
  open(signal: AbortSignal): Promise<A1Source>;
}
