/**
 * The I/O engine shared by the serial port and the pty master: a non-blocking tty file
 * descriptor driven through libc FFI. Internal; the public face is {@linkcode SerialPort}.
 *
 * How a read waits without blocking the event loop or the process's exit:
 * - the fd is O_NONBLOCK; a read first tries a synchronous `read` (data already there costs no
 *   thread hop);
 * - otherwise it awaits one `nonblocking: true` `poll` on [fd, wake eventfd] with a timeout of
 *   at most {@linkcode SLICE_MS}, then reads synchronously into the caller's buffer; no
 *   allocation, no timer;
 * - `close()` and an aborted signal write to the wake eventfd, so the poll returns at once;
 *   the slice bound is the backstop that lets the process exit even if a wake were missed (a
 *   pending FFI call keeps Deno alive);
 * - the fd itself is closed only once no poll is in flight on it: a poll holds a reference to
 *   the file, which would delay the tty's release (and a re-open of an exclusive port).
 *
 * @module
 */

import { EAGAIN, EINTR, EIO, ENODEV, ENXIO } from "../ffi/errno.ts";
import { errno, libc, strerror } from "../ffi/libc.ts";
import { POLLIN, POLLOUT, TIMESPEC_SIZE } from "../ffi/constants.ts";
import { HANGUP, LE, PollSet, singlePollFd } from "./_poll_set.ts";
import { FIONREAD, TCFLSH, TCIFLUSH } from "./_linux.ts";
import {
  closedError,
  errnoError,
  lostError,
  type SerialPort,
  SerialPortError,
} from "./serial_port.ts";

/** Longest single wait inside one FFI `poll`/`ppoll` call, in milliseconds. */
export const SLICE_MS = 200;
const SLICE_US = SLICE_MS * 1000;
/** Consecutive failed FFI polls tolerated (EINTR, ENOMEM) before a wait gives up. */
const MAX_POLL_FAILURES = 10;

/** True for the errno values a vanished device produces. */
export function isLostErrno(e: number): boolean {
  return e === EIO || e === ENXIO || e === ENODEV;
}

/** A non-blocking tty fd with poll-based waits; see the module doc. */
export class FdPort implements SerialPort {
  readonly path: string;
  readonly #fd: number;
  readonly #wake: number;
  readonly #lib = libc();
  readonly #input: PollSet;
  readonly #output: PollSet;
  readonly #timespec = new Uint8Array(TIMESPEC_SIZE);
  readonly #timespecView = new DataView(this.#timespec.buffer);
  readonly #one = new Uint8Array(new BigUint64Array([1n]).buffer);
  readonly #scratch = new Uint8Array(8);
  readonly #count = new Int32Array(1);
  readonly #countBytes = new Uint8Array(this.#count.buffer);
  #inputBusy = false;
  #outputBusy = false;
  #inFlight = 0;
  #closed = false;
  #closing: Promise<void> | undefined;
  #idle: (() => void) | undefined;

  /** Takes ownership of `fd` (an open O_NONBLOCK tty) and `wake` (an O_NONBLOCK eventfd). */
  constructor(path: string, fd: number, wake: number) {
    this.path = path;
    this.#fd = fd;
    this.#wake = wake;
    this.#input = new PollSet(fd, POLLIN, wake);
    this.#output = new PollSet(fd, POLLOUT, wake);
  }

  /** The file descriptor, for subclasses' ioctls. */
  protected get fd(): number {
    if (this.#closed) throw closedError("use", this.path);
    return this.#fd;
  }

  get closed(): boolean {
    return this.#closed;
  }

  read(buffer: Uint8Array, signal?: AbortSignal): Promise<number | null> {
    if (this.#closed) return Promise.resolve(null);
    if (this.#inputBusy) return Promise.reject(this.#concurrent("read"));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (buffer.length === 0) return Promise.resolve(0);
    const n = this.#lib.read(this.#fd, buffer, BigInt(buffer.length));
    if (n > 0) return Promise.resolve(n);
    if (n < 0) {
      const e = errno();
      if (e !== EAGAIN && e !== EINTR) return Promise.reject(this.#readFailure(e));
    }
    // n === 0 (raw tty, VMIN=0, nothing there) or EAGAIN: wait for input.
    return this.#readWaiting(buffer, signal);
  }

  async #readWaiting(buffer: Uint8Array, signal: AbortSignal | undefined): Promise<number | null> {
    this.#inputBusy = true;
    this.#inFlight++;
    signal?.addEventListener("abort", this.#kick);
    try {
      for (let failures = 0;;) {
        this.#input.clear();
        const ready = await this.#lib.pollAsync(this.#input.bytes, 2n, SLICE_MS);
        if (this.#closed) return null;
        if (signal?.aborted) throw signal.reason;
        if (ready === 0) continue;
        failures = ready < 0 ? failures + 1 : 0;
        const revents = ready < 0
          ? this.#afterFailedPoll(POLLIN, failures)
          : this.#takeWake(this.#input);
        if (revents === 0) continue;
        const n = this.#readReady(buffer, revents);
        if (n > 0) return n;
      }
    } finally {
      signal?.removeEventListener("abort", this.#kick);
      this.#inputBusy = false;
      this.#settle();
    }
  }

  write(data: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(closedError("write", this.path));
    if (this.#outputBusy) return Promise.reject(this.#concurrent("write"));
    const n = data.length === 0 ? 0 : this.#lib.write(this.#fd, data, BigInt(data.length));
    if (n === data.length) return Promise.resolve();
    if (n < 0) {
      const e = errno();
      if (e !== EAGAIN && e !== EINTR) return Promise.reject(this.#writeFailure(e));
    }
    return this.#writeWaiting(data, n > 0 ? n : 0);
  }

  async #writeWaiting(data: Uint8Array, written: number): Promise<void> {
    this.#outputBusy = true;
    this.#inFlight++;
    try {
      let offset = written;
      let failures = 0;
      while (offset < data.length) {
        this.#output.clear();
        const ready = await this.#lib.pollAsync(this.#output.bytes, 2n, SLICE_MS);
        if (this.#closed) throw closedError("write", this.path);
        if (ready === 0) continue;
        failures = ready < 0 ? failures + 1 : 0;
        const revents = ready < 0
          ? this.#afterFailedPoll(POLLOUT, failures)
          : this.#takeWake(this.#output);
        if (revents === 0) continue;
        const rest = data.subarray(offset);
        const n = this.#lib.write(this.#fd, rest, BigInt(rest.length));
        if (n > 0) {
          offset += n;
          continue;
        }
        const e = n < 0 ? errno() : 0;
        if (n < 0 && e !== EAGAIN && e !== EINTR) throw this.#writeFailure(e);
        if ((revents & HANGUP) !== 0) throw lostError("write", this.path, 0);
      }
    } finally {
      this.#outputBusy = false;
      this.#settle();
    }
  }

  async drain(): Promise<void> {
    if (this.#closed) throw closedError("drain", this.path);
    // tcdrain cannot be woken; it is bounded on a UART without flow control (which we disable)
    // and immediate on a pty. close() waits for it, so the fd cannot be reused under it.
    this.#inFlight++;
    let result: number;
    try {
      result = await this.#lib.tcdrainAsync(this.#fd);
    } finally {
      this.#settle();
    }
    if (result === 0 || this.#closed) return;
    // errno is thread-local to the FFI worker: classify with a synchronous look instead.
    if ((this.#pollNow(POLLOUT) & HANGUP) !== 0) throw lostError("drain", this.path, 0);
    throw errnoError("drain", this.path, EIO);
  }

  waitSilence(microseconds: number): Promise<boolean> {
    if (!Number.isFinite(microseconds) || microseconds < 0) {
      return Promise.reject(
        new RangeError(
          `Invalid silence duration: "${microseconds}" (expected a finite number of microseconds >= 0)`,
        ),
      );
    }
    if (this.#closed) return Promise.resolve(false);
    if (this.#inputBusy) return Promise.reject(this.#concurrent("wait on"));
    return this.#silence(microseconds);
  }

  async #silence(microseconds: number): Promise<boolean> {
    this.#inputBusy = true;
    this.#inFlight++;
    try {
      const start = performance.now();
      let remaining = microseconds;
      for (let failures = 0;;) {
        const slice = Math.min(remaining, SLICE_US);
        this.#setTimespec(slice);
        this.#input.clear();
        const ready = await this.#lib.ppollAsync(this.#input.bytes, 2n, this.#timespec, null);
        if (this.#closed) return false;
        if (ready > 0 && this.#takeWake(this.#input) !== 0) return false;
        failures = ready < 0 ? failures + 1 : 0;
        if (ready < 0 && this.#afterFailedPoll(POLLIN, failures) !== 0) return false;
        if (ready === 0 && slice === remaining) return true;
        remaining = microseconds - (performance.now() - start) * 1000;
        if (remaining <= 0) return true;
      }
    } finally {
      this.#inputBusy = false;
      this.#settle();
    }
  }

  /** See `PosixSerialPort.readSync`: a blocking wait for input and a read, for a worker thread. */
  readSync(buffer: Uint8Array, timeoutUs: number): number | null {
    if (this.#closed) return null;
    if (this.#inputBusy) throw this.#concurrent("read");
    const n = this.#readOnce(buffer);
    if (n > 0) return n;
    const revents = this.#pollSync(timeoutUs);
    if (this.#closed) return null;
    return revents === 0 ? 0 : this.#readReady(buffer, revents);
  }

  /** One `read(2)`: its count (0 at end of file), or -1 for EAGAIN/EINTR; other errors throw. */
  #readOnce(buffer: Uint8Array): number {
    const n = this.#lib.read(this.#fd, buffer, BigInt(buffer.length));
    if (n >= 0) return n;
    const e = errno();
    if (e !== EAGAIN && e !== EINTR) throw this.#readFailure(e);
    return -1;
  }

  /**
   * Reads once a poll said the fd is ready (`revents`): the bytes read, or 0 to wait again. A
   * hang-up is the device lost; so is a 0-byte read (end of file on a hung-up tty) that a second
   * synchronous look confirms, so a caller that waits again can never spin.
   */
  #readReady(buffer: Uint8Array, revents: number): number {
    const n = this.#readOnce(buffer);
    if (n > 0) return n;
    if ((revents & HANGUP) !== 0) throw lostError("read", this.path, 0);
    if (n === 0) {
      // Readable, yet a 0-byte read: a hang-up, or input flushed since the poll.
      const again = this.#pollNow(POLLIN);
      if ((again & HANGUP) !== 0) throw lostError("read", this.path, 0);
      if ((again & POLLIN) !== 0) {
        const m = this.#readOnce(buffer);
        if (m > 0) return m;
        if (m === 0) throw lostError("read", this.path, 0);
      }
    }
    return 0;
  }

  /** See `PosixSerialPort.waitSilenceSync`. */
  waitSilenceSync(microseconds: number): boolean {
    if (!Number.isFinite(microseconds) || microseconds < 0) {
      throw new RangeError(
        `Invalid silence duration: "${microseconds}" (expected a finite number of microseconds >= 0)`,
      );
    }
    if (this.#closed) return false;
    if (this.#inputBusy) throw this.#concurrent("wait on");
    return this.#pollSync(microseconds) === 0 && !this.#closed;
  }

  /**
   * Blocks this thread in `ppoll` on [fd, wake] until the fd is readable or hung up (its
   * revents), the wake eventfd fires or `microseconds` passed (0). A signal's EINTR waits again
   * for the rest; never returns before the time is up unless something happened.
   */
  #pollSync(microseconds: number): number {
    const start = performance.now();
    for (let failures = 0;;) {
      const remaining = Math.max(0, microseconds - (performance.now() - start) * 1000);
      this.#setTimespec(remaining);
      this.#input.clear();
      const ready = this.#lib.ppoll(this.#input.bytes, 2n, this.#timespec, null);
      if (ready === 0) return 0;
      if (ready > 0) {
        // A wake without a close (a stale kick) is drained by #takeWake: wait on.
        const revents = this.#takeWake(this.#input);
        if (revents !== 0 || this.#closed) return revents;
        continue;
      }
      const e = errno();
      if (e !== EINTR) failures++;
      if (failures > MAX_POLL_FAILURES) throw errnoError("poll", this.path, e, strerror(e));
    }
  }

  #setTimespec(microseconds: number): void {
    const seconds = Math.floor(microseconds / 1e6);
    this.#timespecView.setUint32(0, seconds, LE);
    this.#timespecView.setUint32(4, 0, LE);
    this.#timespecView.setUint32(8, Math.round((microseconds - seconds * 1e6) * 1000), LE);
    this.#timespecView.setUint32(12, 0, LE);
  }

  flushInput(): void {
    if (this.#lib.ioctlInt(this.fd, TCFLSH, TCIFLUSH) !== 0) {
      throw errnoError("flush", this.path, errno());
    }
  }

  bytesAvailable(): number {
    if (this.#lib.ioctlPtr(this.fd, FIONREAD, this.#countBytes) !== 0) {
      throw errnoError("query", this.path, errno());
    }
    return this.#count[0] ?? 0;
  }

  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closed = true;
    this.#kick();
    const idle = this.#inFlight === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => (this.#idle = resolve));
    this.#closing = idle.then(() => this.#release());
    return this.#closing;
  }

  /** Closes the port when an `await using` block ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Hook run just before the fd is closed (the fd is still valid). */
  protected beforeRelease(_fd: number): void {}

  /**
   * Closes both fds. The tty's close runs off the event loop: on a UART the kernel first waits
   * (up to its closing_wait, 30 s by default) for queued output to leave.
   */
  async #release(): Promise<void> {
    try {
      this.beforeRelease(this.#fd);
    } finally {
      this.#lib.close(this.#wake);
      await this.#lib.closeAsync(this.#fd);
    }
  }

  #settle(): void {
    this.#inFlight--;
    if (this.#inFlight === 0 && this.#idle !== undefined) {
      const idle = this.#idle;
      this.#idle = undefined;
      idle();
    }
  }

  /** Wakes any pending poll (close or abort); the eventfd counter is drained by the waiter. */
  readonly #kick = (): void => {
    this.#lib.write(this.#wake, this.#one, 8n);
  };

  /** The fd's revents; drains the wake eventfd if it fired (the port is not closed here). */
  #takeWake(set: PollSet): number {
    if (set.wakeRevents !== 0) this.#lib.read(this.#wake, this.#scratch, 8n);
    return set.fdRevents;
  }

  /** A synchronous zero-timeout poll of the fd alone (errno is readable on this thread). */
  #pollNow(events: number): number {
    const { bytes, view } = singlePollFd(this.#fd, events);
    const ready = this.#lib.poll(bytes, 1n, 0);
    if (ready < 0) {
      const e = errno();
      if (e === EINTR) return 0;
      throw errnoError("poll", this.path, e, strerror(e));
    }
    return view.getInt16(6, LE);
  }

  /**
   * After an FFI poll failed (its errno is lost on the worker thread): the fd's revents from a
   * synchronous poll, which throws the real errno if polling itself is broken; a run of
   * failures that the synchronous poll cannot explain ends the wait rather than spin.
   */
  #afterFailedPoll(events: number, failures: number): number {
    const revents = this.#pollNow(events);
    if (revents === 0 && failures > MAX_POLL_FAILURES) {
      throw new SerialPortError(
        `Cannot poll serial port "${this.path}": poll failed ${failures} times in a row`,
        { code: "EIO", errno: 0, path: this.path },
      );
    }
    return revents;
  }

  #readFailure(e: number): SerialPortError {
    return isLostErrno(e) ? lostError("read", this.path, e) : errnoError("read", this.path, e);
  }

  #writeFailure(e: number): SerialPortError {
    return isLostErrno(e) ? lostError("write", this.path, e) : errnoError("write", this.path, e);
  }

  #concurrent(action: string): SerialPortError {
    const other = action === "write" ? "write" : "read or silence wait";
    return new SerialPortError(
      `Cannot ${action} serial port "${this.path}": another ${other} is pending`,
      { code: "CONCURRENT", errno: 0, path: this.path },
    );
  }
}
