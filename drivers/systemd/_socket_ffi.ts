/**
 * The libc socket calls behind the notify socket, through Deno FFI (a separate, small library
 * handle beside `drivers/ffi/libc.ts`, which holds the file and tty calls). Internal.
 *
 * Unix datagram sockets in Deno itself need `--unstable-net`; these calls need only
 * `--allow-ffi`. Constants are Linux's generic ones, identical on x86_64 and aarch64.
 *
 * @module
 */
import { errnoName } from "../ffi/errno.ts";
import { openLibc, strerror } from "../ffi/libc.ts";

const SYMBOLS = {
  socket: { name: "socket", parameters: ["i32", "i32", "i32"], result: "i32" },
  bind: { name: "bind", parameters: ["i32", "buffer", "u32"], result: "i32" },
  /** `sendto(fd, buf, len, flags, addr, addrlen)`; the `ssize_t` result fits an `i32`. */
  sendto: {
    name: "sendto",
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"],
    result: "i32",
  },
  recv: { name: "recv", parameters: ["i32", "buffer", "usize", "i32"], result: "i32" },
  close: { name: "close", parameters: ["i32"], result: "i32" },
  /** `poll` on a worker thread, so a wait for a datagram does not block the event loop. */
  pollAsync: {
    name: "poll",
    parameters: ["buffer", "u64", "i32"],
    result: "i32",
    nonblocking: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** The typed socket symbols. */
export type SocketLibc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

/** Address family of unix sockets (`AF_UNIX` = `AF_LOCAL`). */
export const AF_UNIX = 1;
/** Datagram socket type. */
export const SOCK_DGRAM = 2;
/** `socket` type flag: close on exec. */
export const SOCK_CLOEXEC = 0x80000;
/** `socket` type flag: non-blocking. */
export const SOCK_NONBLOCK = 0x800;
/** `send` flag: never block (EAGAIN instead). */
export const MSG_DONTWAIT = 0x40;
/** `send` flag: no SIGPIPE. */
export const MSG_NOSIGNAL = 0x4000;

let symbols: SocketLibc | undefined;

/**
 * The socket symbols, opening libc on first use.
 *
 * @throws {Error} when libc cannot be loaded (no `--allow-ffi`, or not a glibc system).
 */
export function socketLibc(): SocketLibc {
  symbols ??= openLibc(SYMBOLS);
  return symbols;
}

/** Socket errno names the generic table in `drivers/ffi/errno.ts` does not hold. */
const SOCKET_ERRNO_NAMES: ReadonlyMap<number, string> = new Map([
  [88, "ENOTSOCK"],
  [90, "EMSGSIZE"],
  [91, "EPROTOTYPE"],
  [98, "EADDRINUSE"],
  [105, "ENOBUFS"],
  [111, "ECONNREFUSED"],
]);

/** The symbolic name of a socket errno, or `undefined` when the generic table has it. */
export function socketErrnoName(errnum: number): string | undefined {
  return SOCKET_ERRNO_NAMES.get(errnum);
}

/**
 * A lower-case description of a socket errno with its name, e.g.
 * `"no such file or directory (ENOENT)"`.
 */
export function describeSocketErrno(errnum: number): string {
  const name = socketErrnoName(errnum) ?? errnoName(errnum);
  return `${errnoDescriptionFromLibc(errnum)} (${name})`;
}

function errnoDescriptionFromLibc(errnum: number): string {
  let text = "";
  try {
    text = strerror(errnum);
  } catch { /* libc unavailable: fall back to the number */ }
  if (text === "") return `error ${errnum}`;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
