/**
 * `struct pollfd` arrays for the serial I/O engine, built once per port and reused by every wait
 * (the FFI worker thread reads and writes them in place). Internal.
 *
 * @module
 */

import { POLLERR, POLLFD_SIZE, POLLHUP, POLLIN, POLLNVAL } from "../ffi/constants.ts";

/** True on little-endian hosts (x86_64 and aarch64 Linux): structs are in native byte order. */
export const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** revents bits meaning the line is gone. */
export const HANGUP = POLLHUP | POLLERR | POLLNVAL;

/** Two `struct pollfd`: [0] the port's fd with the given events, [1] the wake eventfd (POLLIN). */
export class PollSet {
  /** The bytes to pass to `poll`/`ppoll` (nfds = 2). */
  readonly bytes: Uint8Array<ArrayBuffer> = new Uint8Array(2 * POLLFD_SIZE);
  readonly #view = new DataView(this.bytes.buffer);

  /** Fills both entries; only the revents change afterwards. */
  constructor(fd: number, events: number, wake: number) {
    this.#view.setInt32(0, fd, LE);
    this.#view.setInt16(4, events, LE);
    this.#view.setInt32(POLLFD_SIZE, wake, LE);
    this.#view.setInt16(POLLFD_SIZE + 4, POLLIN, LE);
  }

  /** revents of the port's fd after the last poll. */
  get fdRevents(): number {
    return this.#view.getInt16(6, LE);
  }

  /** revents of the wake eventfd after the last poll. */
  get wakeRevents(): number {
    return this.#view.getInt16(POLLFD_SIZE + 6, LE);
  }

  /** Zeroes both revents before a poll. */
  clear(): void {
    this.#view.setInt16(6, 0, LE);
    this.#view.setInt16(POLLFD_SIZE + 6, 0, LE);
  }
}

/** A single `struct pollfd` for one-off synchronous polls. */
export function singlePollFd(fd: number, events: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(POLLFD_SIZE);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, fd, LE);
  view.setInt16(4, events, LE);
  return { bytes, view };
}
