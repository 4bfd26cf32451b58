/**
 * Deno FFI access to libc for the drivers: the lazily opened symbols, `errno`, the file, poll
 * and errno constants (Linux, identical on x86_64 and aarch64), and short text files written and
 * read through libc (sysfs attributes, which Deno's file API refuses without `--allow-all`).
 *
 * Needs `--allow-ffi`. Nothing here is serial-specific: see `drivers/serial/` for that.
 *
 * @module
 */

export { cString, errno, fromCString, libc, LIBC_PATH, strerror } from "./libc.ts";
export type { Libc } from "./libc.ts";
export {
  readSysfsFile,
  SYSFS_FILE_MAX_BYTES,
  SysfsFileError,
  sysfsFileError,
  writeSysfsFile,
} from "./sysfs_file.ts";
export type { SysfsFileErrorInit } from "./sysfs_file.ts";
export {
  EFD_CLOEXEC,
  EFD_NONBLOCK,
  O_CLOEXEC,
  O_NOCTTY,
  O_NONBLOCK,
  O_RDONLY,
  O_RDWR,
  O_TRUNC,
  O_WRONLY,
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
  EFBIG,
  EINTR,
  EINVAL,
  EIO,
  EISDIR,
  ENODEV,
  ENOENT,
  ENOTTY,
  ENXIO,
  EPERM,
  EROFS,
  errnoDescription,
  ErrnoError,
  type ErrnoErrorInit,
  errnoName,
} from "./errno.ts";
