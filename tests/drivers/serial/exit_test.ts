/**
 * The process must be able to exit with serial reads pending once ports are closed: a pending
 * `nonblocking: true` FFI call keeps Deno alive, so the driver only ever waits in bounded poll
 * slices and wakes them on close.
 */

import assert from "node:assert/strict";
import { runScript, SERIAL_MOD_URL } from "./_child.ts";

const SCRIPT = `
import { openPtyPair, openSerialPort } from ${JSON.stringify(SERIAL_MOD_URL)};
const pair = openPtyPair();
const port = openSerialPort(pair.slavePath, { baudRate: 115200 });
const done = [];
done.push(port.read(new Uint8Array(64)).then((n) => console.log("port read", n)));
done.push(pair.master.waitSilence(60_000_000).then((quiet) => console.log("silence", quiet)));
const idle = openPtyPair(); // nobody reads its slave: a 1 MiB write stays pending
done.push(idle.master.write(new Uint8Array(1 << 20)).catch((e) => console.log("write", e.code)));
await new Promise((resolve) => setTimeout(resolve, 50));
port.close();
pair.close();
idle.close();
await Promise.all(done);
console.log("end of script");
`;

Deno.test("a process with pending reads exits once its ports are closed", async () => {
  const result = await runScript(SCRIPT, [], { deadlineMs: 20_000 });
  assert.equal(result.hung, false, "the child had to be killed: it did not exit");
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trim().split("\n");
  assert.equal(lines.at(-1), "end of script");
  assert.deepEqual(lines.slice(0, -1).sort(), ["port read null", "silence false", "write CLOSED"]);
});

const NOT_AWAITED = `
import { openPtyPair, openSerialPort } from ${JSON.stringify(SERIAL_MOD_URL)};
const pair = openPtyPair();
const port = openSerialPort(pair.slavePath, { baudRate: 9600 });
port.read(new Uint8Array(64));
port.close();
pair.close();
`;

Deno.test("a script that closes without awaiting anything still exits", async () => {
  const result = await runScript(NOT_AWAITED, [], { deadlineMs: 20_000 });
  assert.equal(result.hung, false, "the child had to be killed: it did not exit");
  assert.equal(result.code, 0, result.stderr);
});
