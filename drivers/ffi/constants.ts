/**
 * File and poll constants for libc calls, from shared/reference/linux-serial.md and the kernel's
 * generic `fcntl.h` (identical on x86_64 and aarch64).
 *
 * @module
 */

/** `open` access mode: read only. */
export const O_RDONLY = 0x0;
/** `open` access mode: write only. */
export const O_WRONLY = 0x1;
/** `open` access mode: read and write. */
export const O_RDWR = 0x2;
/** `open` flag: do not make the terminal the process's controlling terminal. */
export const O_NOCTTY = 0x100;
/** `open` flag: truncate a regular file to length 0 (ignored by sysfs attributes). */
export const O_TRUNC = 0x200;
/** `open` flag: non-blocking I/O (a read with nothing to read fails with EAGAIN). */
export const O_NONBLOCK = 0x800;
/** `open` flag: close on exec, so child processes do not inherit the port. */
export const O_CLOEXEC = 0x80000;

/** `eventfd` flag: close on exec (defined by the kernel as `O_CLOEXEC`). */
export const EFD_CLOEXEC = O_CLOEXEC;
/** `eventfd` flag: non-blocking (defined by the kernel as `O_NONBLOCK`). */
export const EFD_NONBLOCK = O_NONBLOCK;

/** `poll` event: data to read. */
export const POLLIN = 0x1;
/** `poll` event: writing will not block. */
export const POLLOUT = 0x4;
/** `poll` revent: error condition. */
export const POLLERR = 0x8;
/** `poll` revent: hang-up (the other side is gone). */
export const POLLHUP = 0x10;
/** `poll` revent: the fd is not open. */
export const POLLNVAL = 0x20;

/** Size in bytes of `struct pollfd` (`int fd; short events; short revents`). */
export const POLLFD_SIZE = 8;
/** Size in bytes of `struct timespec` on 64-bit Linux (`time_t tv_sec; long tv_nsec`). */
export const TIMESPEC_SIZE = 16;
