/**
 * Short text files written and read through libc: kernel attribute files under `/sys` (LED
 * `brightness`, `trigger`…), which Deno's own file API refuses unless the process runs with
 * `--allow-all` (`NotCapable: Requires all access to "/sys/…"`). The artefacts run with
 * `--allow-ffi` instead, the grant the serial driver already uses for `/dev`.
 *
 * Writing opens the existing file (`O_WRONLY | O_TRUNC`, never creating one: a sysfs attribute
 * exists or not) and writes the text in one `write` call, as `echo text > file` does. Reading
 * takes the whole file, up to {@linkcode SYSFS_FILE_MAX_BYTES}. Failures throw a
 * {@linkcode SysfsFileError} naming the path and the errno, described with libc's text for it
 * (`no such file or directory`, where the serial driver's table says `no such device`).
 *
 * Needs `--allow-ffi`; no read or write permission is checked.
 *
 * @module
 */

import { cString, errno, libc, strerror } from "./libc.ts";
import { O_CLOEXEC, O_RDONLY, O_TRUNC, O_WRONLY } from "./constants.ts";
import { EFBIG, EINTR, ErrnoError, type ErrnoErrorInit, errnoName } from "./errno.ts";

/** The most bytes {@linkcode readSysfsFile} reads: a sysfs attribute is at most one page. */
export const SYSFS_FILE_MAX_BYTES = 65_536;

/** Construction fields of a {@linkcode SysfsFileError}: an errno name, its number, the path. */
export type SysfsFileErrorInit = Omit<ErrnoErrorInit, "cause">;

/** A failure to write or read a file through libc, with the errno code a caller can switch on. */
export class SysfsFileError extends ErrnoError {
  override name = "SysfsFileError";

  /** Builds an error from a full message and its fields. */
  constructor(message: string, init: SysfsFileErrorInit) {
    super(message, init);
  }
}

/**
 * The error for a failed file operation: code = errno name, text = libc's, lower-cased.
 *
 * @example
 * ```ts
 * import { sysfsFileError } from "./sysfs_file.ts";
 *
 * sysfsFileError("write", "/sys/class/leds/led0/trigger", 22).message;
 * // 'Cannot write "/sys/class/leds/led0/trigger": invalid argument (EINVAL)'
 * ```
 */
export function sysfsFileError(action: string, path: string, errnum: number): SysfsFileError {
  const code = errnoName(errnum);
  const text = strerror(errnum);
  const lower = text === "" ? `error ${errnum}` : text.charAt(0).toLowerCase() + text.slice(1);
  return new SysfsFileError(`Cannot ${action} "${path}": ${lower} (${code})`, {
    code,
    errno: errnum,
    path,
  });
}

/**
 * Writes `text` into the existing file at `path` (truncating a regular file first).
 *
 * @throws {SysfsFileError} when the file cannot be opened or written: `ENOENT` (no such file),
 * `EACCES` (not writable), `EINVAL` (the kernel refused the value)…
 *
 * @example
 * ```ts
 * import { readSysfsFile, writeSysfsFile } from "./sysfs_file.ts";
 *
 * const path = await Deno.makeTempFile();
 * writeSysfsFile(path, "255");
 * readSysfsFile(path); // "255"
 * await Deno.remove(path);
 * ```
 */
export function writeSysfsFile(path: string, text: string): void {
  const fd = openFile(path, O_WRONLY | O_TRUNC | O_CLOEXEC, "write");
  try {
    const bytes = new TextEncoder().encode(text);
    let done = 0;
    while (done < bytes.length) {
      const n = libc().write(fd, bytes.subarray(done), BigInt(bytes.length - done));
      if (n < 0) {
        const e = errno();
        if (e === EINTR) continue;
        throw sysfsFileError("write", path, e);
      }
      done += n;
    }
  } finally {
    libc().close(fd);
  }
}

/**
 * The whole text of the file at `path` (at most {@linkcode SYSFS_FILE_MAX_BYTES} bytes).
 *
 * @throws {SysfsFileError} when the file cannot be opened or read (`ENOENT`, `EACCES`…), or
 * `EFBIG` when it is longer than {@linkcode SYSFS_FILE_MAX_BYTES}.
 *
 * @example
 * ```ts
 * import { readSysfsFile } from "./sysfs_file.ts";
 *
 * // Every Linux system has a loopback interface.
 * readSysfsFile("/sys/class/net/lo/address"); // "00:00:00:00:00:00\n"
 * ```
 */
export function readSysfsFile(path: string): string {
  const fd = openFile(path, O_RDONLY | O_CLOEXEC, "read");
  try {
    // One byte more than allowed: reading it tells an over-long file from one that fits.
    const buffer = new Uint8Array(SYSFS_FILE_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = libc().read(fd, buffer.subarray(length), BigInt(buffer.length - length));
      if (n < 0) {
        const e = errno();
        if (e === EINTR) continue;
        throw sysfsFileError("read", path, e);
      }
      if (n === 0) break;
      length += n;
      if (length > SYSFS_FILE_MAX_BYTES) {
        throw new SysfsFileError(
          `Cannot read "${path}": file too large (more than ${SYSFS_FILE_MAX_BYTES} bytes)`,
          { code: "EFBIG", errno: EFBIG, path },
        );
      }
    }
    return new TextDecoder().decode(buffer.subarray(0, length));
  } finally {
    libc().close(fd);
  }
}

function openFile(path: string, flags: number, action: string): number {
  const name = cString(path);
  for (;;) {
    const fd = libc().open(name, flags, 0);
    if (fd >= 0) return fd;
    const e = errno();
    if (e !== EINTR) throw sysfsFileError(action, path, e);
  }
}
