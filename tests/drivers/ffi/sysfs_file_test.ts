import assert from "node:assert/strict";
import {
  readSysfsFile,
  SYSFS_FILE_MAX_BYTES,
  SysfsFileError,
  writeSysfsFile,
} from "../../../drivers/ffi/sysfs_file.ts";
import { EACCES, EFBIG, EISDIR, ENOENT, EROFS } from "../../../drivers/ffi/errno.ts";
import { runWithArtefactPermissions } from "../../_artefact_script.ts";

/** A file every Linux system has under /sys: the loopback interface's (all-zero) address. */
const SYS_FILE = "/sys/class/net/lo/address";

const SYSFS_FILE_URL = new URL("../../../drivers/ffi/sysfs_file.ts", import.meta.url).href;

async function withTempDir(body: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-sysfs-file-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs `act` and returns the {@linkcode SysfsFileError} it throws. */
function failure(act: () => unknown): SysfsFileError {
  try {
    act();
  } catch (error) {
    assert.ok(error instanceof SysfsFileError, `not a SysfsFileError: ${error}`);
    return error;
  }
  assert.fail("no error thrown");
}

Deno.test("sysfs file: a written text reads back, a shorter one replaces it whole", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/brightness`;
    Deno.writeTextFileSync(path, "255\n");
    writeSysfsFile(path, "0");
    assert.equal(readSysfsFile(path), "0");
    writeSysfsFile(path, "timer");
    assert.equal(Deno.readTextFileSync(path), "timer");
    writeSysfsFile(path, "");
    assert.equal(readSysfsFile(path), "");
  });
});

Deno.test("sysfs file: text is written and read as UTF-8", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/label`;
    Deno.writeTextFileSync(path, "");
    writeSysfsFile(path, "Zählerstand ⚡");
    assert.equal(readSysfsFile(path), "Zählerstand ⚡");
  });
});

Deno.test("sysfs file: writing a missing file fails with ENOENT naming the path, and creates nothing", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/delay_on`;
    const error = failure(() => writeSysfsFile(path, "250"));
    assert.equal(error.code, "ENOENT");
    assert.equal(error.errno, ENOENT);
    assert.equal(error.path, path);
    assert.equal(error.message, `Cannot write "${path}": no such file or directory (ENOENT)`);
    assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);
  });
});

Deno.test("sysfs file: reading a missing file fails with ENOENT naming the path", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/max_brightness`;
    const error = failure(() => readSysfsFile(path));
    assert.equal(error.code, "ENOENT");
    assert.equal(error.message, `Cannot read "${path}": no such file or directory (ENOENT)`);
  });
});

Deno.test("sysfs file: a read-only sysfs attribute refuses a write with EACCES (EROFS on a read-only /sys), even to root", () => {
  // sysfs refuses to open an attribute without a store method for writing, whoever asks (root's
  // CAP_DAC_OVERRIDE does not help); a /sys mounted read-only (containers) refuses it with EROFS.
  const sysMount = Deno.readTextFileSync("/proc/self/mounts").split("\n")
    .map((line) => line.split(" "))
    .find(([, mountPoint, type]) => mountPoint === "/sys" && type === "sysfs");
  assert.ok(sysMount !== undefined, "sysfs is not mounted on /sys");
  const readOnly = (sysMount[3] ?? "").split(",").includes("ro");
  const error = failure(() => writeSysfsFile(SYS_FILE, "02:00:00:00:00:01"));
  assert.equal(error.errno, readOnly ? EROFS : EACCES);
  assert.equal(error.code, readOnly ? "EROFS" : "EACCES");
  assert.match(
    error.message,
    /^Cannot write "\/sys\/class\/net\/lo\/address": .+ \(E(ACCES|ROFS)\)$/,
  );
  assert.equal(readSysfsFile(SYS_FILE).trim(), "00:00:00:00:00:00", "the address is unchanged");
});

Deno.test("sysfs file: reading a directory fails with EISDIR", async () => {
  await withTempDir((dir) => {
    const error = failure(() => readSysfsFile(dir));
    assert.equal(error.errno, EISDIR);
    assert.equal(error.message, `Cannot read "${dir}": is a directory (EISDIR)`);
  });
});

Deno.test("sysfs file: a file longer than the limit is refused with EFBIG, one that fits reads whole", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/long`;
    Deno.writeTextFileSync(path, "x".repeat(SYSFS_FILE_MAX_BYTES));
    assert.equal(readSysfsFile(path).length, SYSFS_FILE_MAX_BYTES);
    Deno.writeTextFileSync(path, "x".repeat(SYSFS_FILE_MAX_BYTES + 1));
    const error = failure(() => readSysfsFile(path));
    assert.equal(error.errno, EFBIG);
    assert.equal(
      error.message,
      `Cannot read "${path}": file too large (more than ${SYSFS_FILE_MAX_BYTES} bytes)`,
    );
  });
});

Deno.test("sysfs file: reads a real /sys file, as root or not", () => {
  assert.equal(readSysfsFile(SYS_FILE), "00:00:00:00:00:00\n");
});

/** Reads `Deno.args[0]` with Deno's file API, then with the helper; prints both outcomes. */
const READ_BOTH = `
import { readSysfsFile } from ${JSON.stringify(SYSFS_FILE_URL)};
const path = Deno.args[0];
function attempt(read) {
  try {
    return { text: read(path) };
  } catch (error) {
    return { error: error.name, message: error.message };
  }
}
console.log(JSON.stringify({ deno: attempt(Deno.readTextFileSync), helper: attempt(readSysfsFile) }));
`;

Deno.test("sysfs file: with the artefacts' permissions the helper reads /sys, where Deno's file API is refused", async () => {
  const result = await runWithArtefactPermissions(READ_BOTH, [SYS_FILE]);
  assert.equal(result.code, 0, result.stderr);
  const outcome = JSON.parse(result.stdout);
  assert.equal(outcome.deno.error, "NotCapable", `Deno read ${SYS_FILE}: ${result.stdout}`);
  assert.match(outcome.deno.message, /--allow-all/);
  assert.deepEqual(outcome.helper, { text: "00:00:00:00:00:00\n" });
});
