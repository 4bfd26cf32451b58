/**
 * A stand-in for systemd's notify socket, for tests: a unix datagram socket bound to a path or
 * an abstract name that hands back each datagram it receives.
 *
 * @module
 */
import { errno } from "../ffi/libc.ts";
import { POLLFD_SIZE, POLLIN } from "../ffi/constants.ts";
import { EAGAIN, EINTR } from "../ffi/errno.ts";
import {
  AF_UNIX,
  describeSocketErrno,
  MSG_DONTWAIT,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  socketLibc,
} from "./_socket_ffi.ts";
import { type UnixSocketAddress, unixSocketAddress } from "./sockaddr.ts";

/** Largest datagram {@linkcode FakeNotifySocket.receive} returns whole. */
const MAX_DATAGRAM = 4096;
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A bound unix datagram socket that receives notifications. */
export class FakeNotifySocket {
  /** The address as `$NOTIFY_SOCKET` would name it (`/path` or `@name`). */
  readonly address: string;
  readonly #target: UnixSocketAddress;
  #fd: number;
  readonly #buffer = new Uint8Array(MAX_DATAGRAM);
  readonly #poll = new Uint8Array(POLLFD_SIZE);

  private constructor(target: UnixSocketAddress, fd: number) {
    this.address = target.text;
    this.#target = target;
    this.#fd = fd;
    const view = new DataView(this.#poll.buffer);
    view.setInt32(0, fd, LE);
    view.setInt16(4, POLLIN, LE);
  }

  /**
   * Binds a socket to `/path` or `@name`.
   *
   * @throws {TypeError} for an address that is neither
   * @throws {Error} when the socket cannot be made or bound (e.g. the address is in use)
   */
  static bind(address: string): FakeNotifySocket {
    const parsed = unixSocketAddress(address);
    if (!parsed.ok) throw new TypeError(`Cannot bind "${address}": it ${parsed.reason}`);
    const lib = socketLibc();
    const fd = lib.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) throw new Error(`Cannot make a socket: ${describeSocketErrno(errno())}`);
    const target = parsed.address;
    if (lib.bind(fd, target.bytes, target.length) < 0) {
      const cause = describeSocketErrno(errno());
      lib.close(fd);
      throw new Error(`Cannot bind "${address}": ${cause}`);
    }
    return new FakeNotifySocket(target, fd);
  }

  /**
   * The next datagram as text, or null when none arrives within `timeoutMs`.
   *
   * @throws {Error} when the socket is closed or the receive fails
   */
  async receive(timeoutMs: number): Promise<string | null> {
    const lib = socketLibc();
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.#fd < 0) throw new Error(`Cannot receive on "${this.address}": socket closed`);
      const n = lib.recv(this.#fd, this.#buffer, BigInt(this.#buffer.length), MSG_DONTWAIT);
      if (n >= 0) return new TextDecoder().decode(this.#buffer.subarray(0, n));
      const e = errno();
      if (e !== EAGAIN && e !== EINTR) {
        throw new Error(`Cannot receive on "${this.address}": ${describeSocketErrno(e)}`);
      }
      const left = deadline - performance.now();
      if (left <= 0) return null;
      await lib.pollAsync(this.#poll, 1n, Math.min(Math.ceil(left), 200));
    }
  }

  /** Closes the socket and removes a path socket's file. */
  close(): void {
    if (this.#fd < 0) return;
    socketLibc().close(this.#fd);
    this.#fd = -1;
    if (!this.#target.abstract) {
      try {
        Deno.removeSync(this.#target.text);
      } catch { /* already gone */ }
    }
  }
}
