/**
 * A blocking wait for input on a serial port, for the RTU worker thread only: `poll(2)` on the
 * port's file descriptor, called synchronously, so the kernel wakes this very thread when a
 * request arrives (no hand-off from FFI's blocking pool to an event loop, which costs tens of µs
 * and most of the tail on a busy 2-core machine).
 *
 * This belongs in `drivers/serial` as a method of the port (`waitReadableSync(timeoutMs)`): the
 * driver keeps its descriptor private, so until it offers one this reads the descriptor through
 * the port's protected accessor. Never call it on the main thread: it blocks the thread.
 *
 * @module
 */
import { libc, POLLFD_SIZE, POLLIN } from "../../drivers/ffi/mod.ts";
import type { SerialPort } from "../../drivers/serial/mod.ts";

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Makes a wait function for `port`: `wait(ms)` blocks until input (or a hang-up) is there
 * (true) or `ms` passed (false). A closed port reports true at once, so the caller's read sees
 * the closure.
 */
export function blockingWaitFor(port: SerialPort): (timeoutMs: number) => boolean {
  let fd: number;
  try {
    fd = (port as unknown as { readonly fd: number }).fd;
  } catch {
    return () => true;
  }
  if (typeof fd !== "number") {
    throw new TypeError(`Cannot wait on serial port "${port.path}": no file descriptor`);
  }
  const lib = libc();
  const pollfd = new Uint8Array(POLLFD_SIZE);
  const view = new DataView(pollfd.buffer);
  view.setInt32(0, fd, LE);
  view.setInt16(4, POLLIN, LE);
  return (timeoutMs) => {
    if (port.closed) return true;
    view.setInt16(6, 0, LE);
    const ready = lib.poll(pollfd, 1n, Math.max(0, Math.ceil(timeoutMs)));
    // ready < 0 (EINTR, …): let the caller's read find out what is going on.
    return ready !== 0;
  };
}
