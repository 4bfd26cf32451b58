/**
 * Exclusive access (TIOCEXCL). What is true on Linux, checked here: a second open of a port held
 * exclusively fails with EBUSY, except for a process with CAP_SYS_ADMIN (root), which the
 * kernel lets through. The second open therefore runs in a child process without
 * CAP_SYS_ADMIN (setpriv drops it when the tests run as root).
 */

import assert from "node:assert/strict";
import { openPtyPair, openSerialPort } from "../../../drivers/serial/mod.ts";
import { hasCapSysAdmin, runScript, SERIAL_MOD_URL } from "./_child.ts";

const OPEN_AND_REPORT = `
import { openSerialPort } from ${JSON.stringify(SERIAL_MOD_URL)};
try {
  const port = openSerialPort(Deno.args[0], { baudRate: 9600 });
  await port.close();
  console.log("opened");
} catch (error) {
  console.log(error.code ?? "no code");
  console.error(String(error));
}
`;

/**
 * Opens `path` in a child without CAP_SYS_ADMIN; asserts its outcome ("opened" or a code).
 *
 * Seen on this machine (Linux 6.18, two devpts instances stacked on /dev/pts), about once in a
 * hundred runs and only for the first child of a test process: the child's open fails with
 * ENOENT although the slave path exists and this process still holds the pty (checked: its fds
 * intact, stat fine, a second child gets the expected answer). That is path lookup in the
 * environment, not exclusive access, so an ENOENT for a path that still exists is retried.
 */
async function assertOpenElsewhere(path: string, expected: string): Promise<void> {
  for (let attempt = 1;; attempt++) {
    const result = await runScript(OPEN_AND_REPORT, [path], { dropSysAdmin: true });
    assert.equal(result.code, 0, result.stderr);
    const outcome = result.stdout.trim();
    if (outcome === "ENOENT" && expected !== "ENOENT" && attempt < 3 && Deno.statSync(path)) {
      continue;
    }
    assert.equal(outcome, expected, `${path}: ${result.stderr}`);
    return;
  }
}

Deno.test("a second open of an exclusively held port fails with EBUSY without CAP_SYS_ADMIN", async () => {
  await using pair = openPtyPair();
  await using _port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  await assertOpenElsewhere(pair.slavePath, "EBUSY");
});

Deno.test("closing an exclusive port releases it for the next process", async () => {
  await using pair = openPtyPair();
  const port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  await port.close();
  await assertOpenElsewhere(pair.slavePath, "opened");
});

Deno.test("a port opened with exclusive false can be opened again", async () => {
  await using pair = openPtyPair();
  await using _port = openSerialPort(pair.slavePath, { baudRate: 9600, exclusive: false });
  await assertOpenElsewhere(pair.slavePath, "opened");
});

Deno.test("in this process a second open succeeds only with CAP_SYS_ADMIN (root bypasses TIOCEXCL)", async () => {
  await using pair = openPtyPair();
  await using _port = openSerialPort(pair.slavePath, { baudRate: 9600 });
  if (hasCapSysAdmin()) {
    const second = openSerialPort(pair.slavePath, { baudRate: 9600 });
    await second.close();
  } else {
    assert.throws(
      () => openSerialPort(pair.slavePath, { baudRate: 9600 }),
      (error: unknown) => (error as { code?: string }).code === "EBUSY",
    );
  }
});
