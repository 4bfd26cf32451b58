/**
 * `struct sockaddr_un` for a unix socket address as systemd writes it in `$NOTIFY_SOCKET`: an
 * absolute path (`/run/systemd/notify`) or an abstract name (`@name`).
 *
 * Layout (Linux, glibc, x86_64 and aarch64): `sa_family_t sun_family` (u16, native byte order,
 * `AF_UNIX` = 1), then `char sun_path[108]`. A path is NUL-terminated and the address length
 * counts that NUL; an abstract name starts with a NUL byte and its length excludes the padding
 * after the name (the kernel treats every byte within the length as part of the name).
 *
 * @module
 */

/** `offsetof(struct sockaddr_un, sun_path)`: the `sa_family_t` before the path. */
export const SUN_PATH_OFFSET = 2;
/** `sizeof(sun_path)` on Linux. */
export const SUN_PATH_SIZE = 108;
/** `sizeof(struct sockaddr_un)`. */
export const SOCKADDR_UN_SIZE = SUN_PATH_OFFSET + SUN_PATH_SIZE;

/** A unix socket address ready for `bind`/`sendto`. */
export interface UnixSocketAddress {
  /** The address as written: `/path` or `@name`. */
  readonly text: string;
  /** True for an abstract-namespace name (`@name`). */
  readonly abstract: boolean;
  /** The whole `struct sockaddr_un` (110 bytes, zero padded). */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The `socklen_t` to pass with it. */
  readonly length: number;
}

/** The result of {@linkcode unixSocketAddress}: the address, or why the text is not one. */
export type UnixSocketAddressResult =
  | { readonly ok: true; readonly address: UnixSocketAddress }
  /** `reason` follows the quoted text in a message: `"x" is not an absolute path…`. */
  | { readonly ok: false; readonly reason: string };

/** `AF_UNIX`. */
const AF_UNIX = 1;
const encoder = new TextEncoder();

/**
 * Builds the `sockaddr_un` of `/path` or `@abstract-name`.
 *
 * @example
 * ```ts
 * import { unixSocketAddress } from "./sockaddr.ts";
 *
 * const r = unixSocketAddress("@/org/freedesktop/systemd1/notify");
 * // r.ok && r.address.length === 2 + 1 + 32
 * ```
 */
export function unixSocketAddress(text: string): UnixSocketAddressResult {
  if (text.includes("\0")) return { ok: false, reason: "contains a NUL character" };
  const abstract = text.startsWith("@");
  if (!abstract && !text.startsWith("/")) {
    return { ok: false, reason: "is neither an absolute path nor an @abstract name" };
  }
  const name = encoder.encode(abstract ? text.slice(1) : text);
  if (abstract && name.length === 0) return { ok: false, reason: "has an empty abstract name" };
  // A path needs room for its NUL; an abstract name needs room for its leading NUL.
  if (name.length > SUN_PATH_SIZE - 1) {
    return {
      ok: false,
      reason: `is too long (${name.length} bytes, at most ${SUN_PATH_SIZE - 1})`,
    };
  }
  const bytes = new Uint8Array(SOCKADDR_UN_SIZE);
  new Uint16Array(bytes.buffer, 0, 1)[0] = AF_UNIX; // native byte order, as the kernel reads it
  bytes.set(name, SUN_PATH_OFFSET + (abstract ? 1 : 0));
  const length = SUN_PATH_OFFSET + 1 + name.length; // the trailing NUL, or the leading one
  return { ok: true, address: { text, abstract, bytes, length } };
}
