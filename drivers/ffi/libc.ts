/**
 * The libc symbols the drivers call, through Deno FFI, opened lazily on first use.
 *
 * Conventions:
 * - `read`/`write` return `i32` rather than `isize`: counts never reach 2^31, the low 32 bits of
 *   a `ssize_t` -1 are still -1, and an `i32` result is a plain number (no BigInt per call).
 * - `ioctl` is variadic: one symbol per argument shape, and the request is an `unsigned long`
 *   (`u64`) on both x86_64 and aarch64.
 * - `open` is variadic too; it is declared with its optional `mode` argument, always passed 0.
 * - Symbols suffixed `Async` are `nonblocking: true`: they run on a worker thread and return a
 *   Promise. `errno` is thread-local, so it cannot be read after those; callers that need it
 *   repeat a cheap synchronous call (see `errno`).
 *
 * @module
 */

const SYMBOLS = {
  open: { name: "open", parameters: ["buffer", "i32", "u32"], result: "i32" },
  close: { name: "close", parameters: ["i32"], result: "i32" },
  /** `close` off the event loop: closing a UART waits in the kernel for queued output. */
  closeAsync: { name: "close", parameters: ["i32"], result: "i32", nonblocking: true },
  read: { name: "read", parameters: ["i32", "buffer", "usize"], result: "i32" },
  write: { name: "write", parameters: ["i32", "buffer", "usize"], result: "i32" },
  poll: { name: "poll", parameters: ["buffer", "u64", "i32"], result: "i32" },
  pollAsync: {
    name: "poll",
    parameters: ["buffer", "u64", "i32"],
    result: "i32",
    nonblocking: true,
  },
  /** `ppoll` on the calling thread: a blocking wait with µs precision, for a worker thread. */
  ppoll: { name: "ppoll", parameters: ["buffer", "u64", "buffer", "pointer"], result: "i32" },
  ppollAsync: {
    name: "ppoll",
    parameters: ["buffer", "u64", "buffer", "pointer"],
    result: "i32",
    nonblocking: true,
  },
  /** `ioctl(fd, request, void *arg)`. */
  ioctlPtr: { name: "ioctl", parameters: ["i32", "u64", "buffer"], result: "i32" },
  /** `ioctl(fd, request, unsigned long arg)`, also for requests that take no argument. */
  ioctlInt: { name: "ioctl", parameters: ["i32", "u64", "u64"], result: "i32" },
  tcdrainAsync: { name: "tcdrain", parameters: ["i32"], result: "i32", nonblocking: true },
  eventfd: { name: "eventfd", parameters: ["u32", "i32"], result: "i32" },
  posix_openpt: { name: "posix_openpt", parameters: ["i32"], result: "i32" },
  grantpt: { name: "grantpt", parameters: ["i32"], result: "i32" },
  unlockpt: { name: "unlockpt", parameters: ["i32"], result: "i32" },
  ptsname_r: { name: "ptsname_r", parameters: ["i32", "buffer", "usize"], result: "i32" },
  strerror: { name: "strerror", parameters: ["i32"], result: "pointer" },
  __errno_location: { name: "__errno_location", parameters: [], result: "pointer" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The typed libc symbols (see the module doc for naming conventions). */
export type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

/** The shared object opened: glibc's stable soname on Debian (x86_64 and aarch64). */
export const LIBC_PATH = "libc.so.6";

let symbols: Libc | undefined;
let errnoView: Deno.UnsafePointerView | undefined;

/**
 * The libc symbols, opening the library on first use.
 *
 * @throws {Error} when libc cannot be loaded (no `--allow-ffi`, or not a glibc system).
 */
export function libc(): Libc {
  symbols ??= openLibc(SYMBOLS);
  return symbols;
}

/**
 * Opens libc with a set of symbols (each driver declares the calls it needs).
 *
 * @throws {Error} when libc cannot be loaded (no `--allow-ffi`, or not a glibc system).
 */
export function openLibc<S extends Deno.ForeignLibraryInterface>(
  symbolSet: S,
): Deno.StaticForeignLibraryInterface<S> {
  try {
    return Deno.dlopen(LIBC_PATH, symbolSet).symbols;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Cannot load "${LIBC_PATH}" through FFI: ${detail}`, { cause });
  }
}

/**
 * The calling thread's `errno`, read right after a failed synchronous libc call.
 *
 * Only meaningful after a synchronous symbol: `Async` symbols run on another thread.
 */
export function errno(): number {
  if (errnoView === undefined) {
    const pointer = libc().__errno_location();
    if (pointer === null) return 0;
    errnoView = new Deno.UnsafePointerView(pointer);
  }
  return errnoView.getInt32();
}

/** libc's `strerror` text for an errno number, e.g. `"No such file or directory"`. */
export function strerror(errnum: number): string {
  const pointer = libc().strerror(errnum);
  return pointer === null ? "" : Deno.UnsafePointerView.getCString(pointer);
}

const encoder = new TextEncoder();

/** A NUL-terminated copy of `text`, for `const char *` arguments. */
export function cString(text: string): Uint8Array<ArrayBuffer> {
  const bytes = encoder.encode(text);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/** The text before the first NUL of a C string buffer. */
export function fromCString(buffer: Uint8Array): string {
  const end = buffer.indexOf(0);
  return new TextDecoder().decode(end < 0 ? buffer : buffer.subarray(0, end));
}
