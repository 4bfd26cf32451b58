import assert from "node:assert/strict";
import {
  EACCES,
  EBUSY,
  EFBIG,
  EIO,
  ENODEV,
  ENOENT,
  ENOTTY,
  ENXIO,
  EROFS,
  errnoDescription,
  errnoName,
} from "../../../drivers/ffi/mod.ts";

/** [errno, name]: the Linux numbers the serial and sysfs file drivers report. */
const NAMES: ReadonlyArray<readonly [number, string]> = [
  [2, "ENOENT"], // missing device path
  [5, "EIO"], // device gone mid-read
  [6, "ENXIO"], // USB serial unplugged
  [13, "EACCES"], // user not in the dialout group
  [16, "EBUSY"], // exclusive access held by another process
  [19, "ENODEV"], // device removed
  [25, "ENOTTY"], // not a terminal, or ioctl unsupported (pty modem lines)
  [27, "EFBIG"], // a sysfs file longer than the helper reads
  [30, "EROFS"], // sysfs mounted read-only (containers)
];

Deno.test("errno constants match the Linux numbers", () => {
  assert.deepEqual(
    [ENOENT, EIO, ENXIO, EACCES, EBUSY, ENODEV, ENOTTY, EFBIG, EROFS],
    NAMES.map(([n]) => n),
  );
});

Deno.test("errnoName maps known numbers to their symbols and others to E<n>", () => {
  for (const [number, name] of NAMES) assert.equal(errnoName(number), name);
  assert.equal(errnoName(999), "E999");
});

Deno.test("errnoDescription prefers the table, then the lower-cased fallback", () => {
  assert.equal(errnoDescription(ENOENT), "no such device");
  assert.equal(errnoDescription(999, "Weird failure"), "weird failure");
  assert.equal(errnoDescription(999), "error 999");
});
