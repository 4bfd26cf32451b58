import assert from "node:assert/strict";
import {
  SOCKADDR_UN_SIZE,
  SUN_PATH_OFFSET,
  unixSocketAddress,
} from "../../../drivers/systemd/mod.ts";

/** The family field as the kernel reads it: AF_UNIX (1) in the host's byte order. */
function family(bytes: Uint8Array): number {
  return new Uint16Array(bytes.buffer, bytes.byteOffset, 1)[0] ?? -1;
}

/** Valid addresses: the bytes of sun_path within the length, and the length. */
const VALID: Record<string, { text: string; abstract: boolean; path: number[]; length: number }> = {
  // systemd's usual path: 19 bytes + the terminating NUL, which the length counts.
  "filesystem path": {
    text: "/run/systemd/notify",
    abstract: false,
    path: [...new TextEncoder().encode("/run/systemd/notify"), 0],
    length: 2 + 19 + 1,
  },
  // The abstract name: a leading NUL, the name, no trailing NUL and no padding in the length.
  "abstract name": {
    text: "@/org/freedesktop/systemd1/notify",
    abstract: true,
    path: [0, ...new TextEncoder().encode("/org/freedesktop/systemd1/notify")],
    length: 2 + 1 + 32,
  },
  // Non-ASCII characters are sent as UTF-8 bytes: "é" is 0xC3 0xA9.
  "UTF-8 path": {
    text: "/tmp/é",
    abstract: false,
    path: [47, 116, 109, 112, 47, 0xc3, 0xa9, 0],
    length: 10,
  },
  // The longest path: 107 bytes and its NUL fill sun_path[108].
  "107-byte path": {
    text: "/" + "a".repeat(106),
    abstract: false,
    path: [47, ...new Array(106).fill(97), 0],
    length: 110,
  },
  // The longest abstract name: the leading NUL and 107 bytes.
  "107-byte abstract name": {
    text: "@" + "b".repeat(107),
    abstract: true,
    path: [0, ...new Array(107).fill(98)],
    length: 110,
  },
};

for (const [name, c] of Object.entries(VALID)) {
  Deno.test(`sockaddr_un (${name}) has family AF_UNIX, the name and the right length`, () => {
    const r = unixSocketAddress(c.text);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.address.abstract, c.abstract);
    assert.equal(r.address.bytes.length, SOCKADDR_UN_SIZE);
    assert.equal(family(r.address.bytes), 1);
    assert.equal(r.address.length, c.length);
    assert.deepEqual([...r.address.bytes.subarray(SUN_PATH_OFFSET, c.length)], c.path);
    // Everything past the length is zero padding.
    assert.ok(r.address.bytes.subarray(c.length).every((b) => b === 0));
  });
}

/** Texts that are no notify socket address, with the reason given. */
const INVALID: Record<string, { text: string; reason: RegExp }> = {
  // A relative path: systemd only ever sets absolute ones.
  "relative path": { text: "run/notify", reason: /neither an absolute path nor an @abstract name/ },
  // systemd's vsock transport is not supported.
  "vsock address": { text: "vsock:2:1234", reason: /neither an absolute path/ },
  // "@" alone names nothing.
  "empty abstract name": { text: "@", reason: /empty abstract name/ },
  // A path one byte too long for sun_path with its NUL.
  "108-byte path": { text: "/" + "a".repeat(107), reason: /too long \(108 bytes, at most 107\)/ },
  // An embedded NUL would cut the path short.
  "embedded NUL": { text: "/run/a\0b", reason: /NUL/ },
};

for (const [name, c] of Object.entries(INVALID)) {
  Deno.test(`sockaddr_un refuses an invalid address (${name})`, () => {
    const r = unixSocketAddress(c.text);
    assert.ok(!r.ok);
    assert.match(r.reason, c.reason);
  });
}
