/**
 * A password never leaves a1mb in a message: not a URL's (`mqtt://user:password@host`, masked as
 * `mqtt://user:***@host`), not `mqtt.password`'s (hidden), whichever way a value is quoted back:
 * `a1mb check-config`, `config set`, `config show`, `config get`, `reboot`, the HTTP API's
 * answers and the running process's log.
 */
import assert from "node:assert/strict";
import { freePort, FROM_FILE, MAIN_ENTRY, runCli, startA1mb } from "./_a1mb_process.ts";

const URL_PASSWORD = "Url-Pa55word-in-the-url";
const PASSWORD = "Key-Pa55word-in-mqtt.password";
const BAD_URL = `mqtt://a1mb:${URL_PASSWORD}@broker.lan:1883`;
const MASKED_URL = '"mqtt://a1mb:***@broker.lan:1883"';
const TOKEN = "e2e-secrets-token-0123456789";

/** Runs the command line; stdout and stderr together, for the "never shown" checks. */
async function cli(...args: string[]): Promise<{ code: number; output: string }> {
  const run = await runCli(MAIN_ENTRY, ...args);
  return { code: run.code, output: run.stdout + run.stderr };
}

/** Fails naming `where` when `text` holds either password. */
function assertNoSecret(text: string, where: string): void {
  for (const secret of [URL_PASSWORD, PASSWORD]) {
    assert.ok(!text.includes(secret), `${where} shows a password:\n${text}`);
  }
}

Deno.test("e2e secrets: a password in the MQTT URL or in mqtt.password is never shown back", async () => {
  const httpPort = freePort();
  const socketDir = await Deno.makeTempDir();
  const socket = `${socketDir}/control.sock`;
  const control = `socket = "${socket}"\nhttp = "127.0.0.1:${httpPort}"\ntoken = "${TOKEN}"`;
  const a1mb = await startA1mb(`${FROM_FILE.replace('socket = ""', control)}
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${freePort()}"
`);
  const base = `http://127.0.0.1:${httpPort}`;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  try {
    await a1mb.waitForLog(/Ready: /);
    const original = await Deno.readTextFile(a1mb.configPath);

    // `a1mb config set` with the running instance: refused, the URL quoted with its password
    // masked, and told where the password goes instead.
    const set = await cli("config", "set", `mqtt.url=${BAD_URL}`, "--config", a1mb.configPath);
    assert.equal(set.code, 1);
    assert.ok(set.output.includes(`key mqtt.url = ${MASKED_URL}: ${MASKED_URL} holds a password`));
    assert.match(set.output, /mqtt\.password or mqtt\.password_file/);
    assertNoSecret(set.output, "config set");
    assert.equal(await Deno.readTextFile(a1mb.configPath), original);

    // The console cannot change [mqtt] at all; its refusal does not quote the value either.
    const barred = await post("/api/config", { "mqtt.url": BAD_URL });
    assert.equal(barred.status, 400);
    assertNoSecret(await barred.text(), "POST /api/config of mqtt.url");

    // A hand edit puts both passwords into the file.
    await Deno.writeTextFile(
      a1mb.configPath,
      `${original}[mqtt]\nurl = "${BAD_URL}"\nusername = "a1mb"\npassword = "${PASSWORD}"\n`,
    );

    const check = await cli("check-config", a1mb.configPath);
    assert.equal(check.code, 1);
    assert.ok(check.output.includes(`key mqtt.url: ${MASKED_URL} holds a password`), check.output);
    assertNoSecret(check.output, "check-config");

    for (const args of [["show"], ["show", "--json"], ["get", "mqtt.url"]]) {
      const shown = await cli("config", ...args, "--config", a1mb.configPath);
      assert.notEqual(shown.code, 0, "the file does not load");
      assert.ok(shown.output.includes(MASKED_URL), shown.output);
      assertNoSecret(shown.output, `config ${args.join(" ")}`);
    }

    // Another setting saved from the console: the file as a whole is refused, naming the URL.
    const other = await post("/api/config", { "modbus.rtu.address": 7 });
    assert.equal(other.status, 400);
    const otherBody = await other.text();
    assert.ok(otherBody.includes("mqtt://a1mb:***@broker.lan:1883"), otherBody);
    assertNoSecret(otherBody, "POST /api/config of another key");
    assertNoSecret(await (await fetch(`${base}/api/config`)).text(), "GET /api/config");

    // A reboot is refused with the file's problems, from the console and the command line.
    const reboot = await post("/api/reboot", {});
    assert.notEqual(reboot.status, 202);
    assertNoSecret(await reboot.text(), "POST /api/reboot");
    const cliReboot = await cli("reboot", "--socket", socket);
    assert.equal(cliReboot.code, 1);
    assert.match(cliReboot.output, /Reboot refused: the configuration file would not load/);
    assert.ok(cliReboot.output.includes(MASKED_URL), cliReboot.output);
    assertNoSecret(cliReboot.output, "a1mb reboot");
    await a1mb.waitForLog(/mqtt:\/\/a1mb:\*\*\*@broker\.lan/);
  } finally {
    assert.equal(await a1mb.stop(), 0);
    await Deno.remove(socketDir, { recursive: true });
  }
  assertNoSecret(a1mb.lines.join("\n"), "the log");
});
