/**
 * Deno FFI access to libc for the drivers: the lazily opened symbols, `errno`, and the file,
 * poll and errno constants (Linux, identical on x86_64 and aarch64).
 *
 * Needs `--allow-ffi`. Nothing here is serial-specific: see `drivers/serial/` for that.
 *
 * @module
 */

export { cString, errno, fromCString, libc, LIBC_PATH, strerror } from "./libc.ts";
export type { Libc } from "./libc.ts";
export {
  EFD_CLOEXEC,
  EFD_NONBLOCK,
  O_CLOEXEC,
  O_NOCTTY,
  O_NONBLOCK,
  O_RDWR,
  POLLERR,
  POLLFD_SIZE,
  POLLHUP,
  POLLIN,
  POLLNVAL,
  POLLOUT,
  TIMESPEC_SIZE,
} from "./constants.ts";
export {
  EACCES,
  EAGAIN,
  EBADF,
  EBUSY,
  EINTR,
  EINVAL,
  EIO,
  EISDIR,
  ENODEV,
  ENOENT,
  ENOTTY,
  ENXIO,
  EPERM,
  errnoDescription,
  errnoName,
} from "./errno.ts";
