import assert from "node:assert/strict";
import {
  cString,
  EBADF,
  ENOENT,
  errno,
  fromCString,
  libc,
  O_CLOEXEC,
  O_RDWR,
  strerror,
} from "../../../drivers/ffi/mod.ts";

Deno.test("libc open of a missing path fails and errno reads ENOENT", () => {
  const fd = libc().open(cString("/nonexistent/a1mb-test"), O_RDWR | O_CLOEXEC, 0);
  assert.equal(fd, -1);
  assert.equal(errno(), ENOENT);
});

Deno.test("libc close of an fd that is not open sets errno EBADF", () => {
  assert.equal(libc().close(-1), -1);
  assert.equal(errno(), EBADF);
});

Deno.test("strerror gives libc's text for an errno", () => {
  assert.equal(strerror(ENOENT), "No such file or directory");
});

Deno.test("cString appends one NUL and fromCString stops at the first NUL", () => {
  const bytes = cString("/dev/pts/3");
  assert.equal(bytes.length, "/dev/pts/3".length + 1);
  assert.equal(bytes[bytes.length - 1], 0);
  assert.equal(fromCString(new Uint8Array([0x61, 0x62, 0, 0x63])), "ab");
  assert.equal(fromCString(new Uint8Array([0x61, 0x62])), "ab");
});
