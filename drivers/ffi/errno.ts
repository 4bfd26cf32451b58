/**
 * Linux errno numbers the drivers care about, their symbolic names and short descriptions.
 *
 * The numbers are the generic Linux ones, identical on x86_64 and aarch64 (see
 * shared/reference/linux-serial.md).
 *
 * @module
 */

/** Operation not permitted. */
export const EPERM = 1;
/** No such file or directory. */
export const ENOENT = 2;
/** Interrupted system call. */
export const EINTR = 4;
/** Input/output error. */
export const EIO = 5;
/** No such device or address. */
export const ENXIO = 6;
/** Bad file descriptor. */
export const EBADF = 9;
/** Resource temporarily unavailable (same number as EWOULDBLOCK). */
export const EAGAIN = 11;
/** Permission denied. */
export const EACCES = 13;
/** Device or resource busy. */
export const EBUSY = 16;
/** No such device. */
export const ENODEV = 19;
/** Is a directory. */
export const EISDIR = 21;
/** Invalid argument. */
export const EINVAL = 22;
/** Inappropriate ioctl for device. */
export const ENOTTY = 25;
/** File too large. */
export const EFBIG = 27;
/** Read-only file system. */
export const EROFS = 30;

/** Construction fields of an {@linkcode ErrnoError}. */
export interface ErrnoErrorInit {
  /** An errno name (`"ENOENT"`, `"EBUSY"`…) or the caller's own symbolic code (`"LOST"`). */
  code: string;
  /** The errno number behind the error, 0 when none. */
  errno: number;
  /** The file or device path. */
  path: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * A failure of an operation on a path, with the code a caller can switch on: the base of the
 * drivers' own error classes (`SerialPortError`, `SysfsFileError`), which callers catch by name.
 *
 * @example
 * ```ts
 * import { ErrnoError } from "./errno.ts";
 *
 * class DoorError extends ErrnoError {
 *   override name = "DoorError";
 * }
 * const error = new DoorError('Cannot open "/dev/door": no such device (ENOENT)', {
 *   code: "ENOENT",
 *   errno: 2,
 *   path: "/dev/door",
 * });
 * error instanceof ErrnoError; // true
 * error.code; // "ENOENT"
 * ```
 */
export class ErrnoError extends Error {
  /** An errno name (`"ENOENT"`, `"EBUSY"`…) or the caller's own symbolic code. */
  readonly code: string;
  /** The errno number behind the error, 0 when none. */
  readonly errno: number;
  /** The file or device path. */
  readonly path: string;

  /** Builds an error from a full message and its fields. */
  constructor(message: string, init: ErrnoErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.errno = init.errno;
    this.path = init.path;
  }
}

const NAMES: ReadonlyMap<number, readonly [name: string, description: string]> = new Map([
  [EPERM, ["EPERM", "operation not permitted"]],
  [ENOENT, ["ENOENT", "no such device"]],
  [EINTR, ["EINTR", "interrupted"]],
  [EIO, ["EIO", "input/output error"]],
  [ENXIO, ["ENXIO", "no such device or address"]],
  [EBADF, ["EBADF", "bad file descriptor"]],
  [EAGAIN, ["EAGAIN", "resource temporarily unavailable"]],
  [EACCES, ["EACCES", "permission denied"]],
  [EBUSY, ["EBUSY", "device is busy (opened by another process?)"]],
  [ENODEV, ["ENODEV", "no such device"]],
  [EISDIR, ["EISDIR", "is a directory"]],
  [EINVAL, ["EINVAL", "invalid argument"]],
  [ENOTTY, ["ENOTTY", "not a terminal device"]],
  [EFBIG, ["EFBIG", "file too large"]],
  [EROFS, ["EROFS", "read-only file system"]],
]);

/**
 * The symbolic name of an errno number, e.g. `"ENOENT"`; `"E<n>"` for numbers not in the table.
 *
 * @example
 * ```ts
 * import { errnoName } from "./errno.ts";
 *
 * errnoName(2); // "ENOENT"
 * ```
 */
export function errnoName(errno: number): string {
  return NAMES.get(errno)?.[0] ?? `E${errno}`;
}

/**
 * A short lower-case description of an errno number, e.g. `"permission denied"`.
 *
 * Falls back to `fallback` (typically libc's `strerror`), then to `"error <n>"`.
 */
export function errnoDescription(errno: number, fallback?: string): string {
  const known = NAMES.get(errno)?.[1];
  if (known !== undefined) return known;
  if (fallback !== undefined && fallback !== "") {
    return fallback.charAt(0).toLowerCase() + fallback.slice(1);
  }
  return `error ${errno}`;
}
