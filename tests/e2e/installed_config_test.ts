/**
 * End to end on the configuration `deploy/install.sh` installs (the repository's config.toml,
 * only its device paths and control socket changed), with mbpoll as the master on a linked pty
 * pair: a box that runs for years under a master polling every second or so must not write a
 * journal line per request, and the 485 LED follows the README's table.
 *
 * @module
 */
import assert from "node:assert/strict";
import { requestControl } from "../../drivers/control/mod.ts";
import { openPtyPair } from "../../drivers/serial/mod.ts";
import type { StatusSnapshot } from "../../cli/status/snapshot.ts";
import { mbpoll, type MbpollResult, requireMbpoll } from "../interop/_masters.ts";
import { type A1mbProcess, FLUVIUS_TELEGRAM, socatPair, startA1mb } from "./_a1mb_process.ts";

const INSTALLED = await Deno.readTextFile(new URL("../../config.toml", import.meta.url));

/** Replaces the one line `from` of config.toml by `to` (fails if it is not there exactly once). */
function replaceLine(text: string, from: string, to: string): string {
  const lines = text.split("\n");
  const at = lines.flatMap((line, i) => (line === from ? [i] : []));
  assert.equal(at.length, 1, `config.toml has the line ${JSON.stringify(from)} once`);
  lines[at[0]!] = to;
  return lines.join("\n");
}

/** What a test gets: the process, a master asking one address, and the LED states. */
interface Installed {
  readonly a1mb: A1mbProcess;
  /** mbpoll reads two input registers from `address` (0.3 s time-out). */
  poll(address: number): Promise<MbpollResult>;
  /** The 485 LED as `a1mb status` shows it. */
  led485(): Promise<string>;
}

/** Runs a1mb on the installed config.toml, fed a telegram every second, until `body` is done. */
async function withInstalledConfig(body: (t: Installed) => Promise<void>): Promise<void> {
  await requireMbpoll();
  const dir = await Deno.makeTempDir({ prefix: "a1mb-installed-" });
  const meter = openPtyPair(); // the P1 cable: the test writes telegrams on the master side
  const line = await socatPair(dir); // the RS485 line: a1mb on `a`, mbpoll on `b`
  const socket = `${dir}/control.sock`;
  let config = replaceLine(INSTALLED, 'device = "/dev/ttyUSB0"', `device = "${meter.slavePath}"`);
  config = replaceLine(config, 'device = "/dev/ttyUSB1"', `device = "${line.a}"`);
  config = replaceLine(config, 'socket = "/run/a1mb/control.sock"', `socket = "${socket}"`);
  const a1mb = await startA1mb(config);
  const telegram = await Deno.readFile(FLUVIUS_TELEGRAM);
  const feeding = setInterval(() => void meter.master.write(telegram).catch(() => {}), 1000);
  try {
    await a1mb.waitForLog(/Modbus RTU: serving address 2 /);
    await a1mb.waitForLog(/first valid telegram/);
    await a1mb.waitForLog(/Ready: /);
    await body({
      a1mb,
      poll: (address) =>
        mbpoll(
          ["-m", "rtu", "-a", String(address), "-b", "9600", "-P", "none", "-o", "0.3"].concat(
            ["-t", "3", "-r", "0", "-c", "2"],
          ),
          line.b,
        ),
      async led485() {
        const reply = await requestControl(socket, "status", 5000);
        assert.ok(reply.ok, reply.ok ? "" : reply.error);
        const leds = (JSON.parse(reply.body) as StatusSnapshot).leds;
        assert.ok(leds !== null, "the LedController answered");
        return leds.rs485;
      },
    });
  } finally {
    clearInterval(feeding);
    await a1mb.stop();
    await line.close();
    await meter.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("e2e: with the installed config.toml, a master polling Modbus RTU writes no log line per request", async () => {
  await withInstalledConfig(async ({ a1mb, poll }) => {
    const before = a1mb.lines.length;
    // Six polls 1.2 s apart: each one turns the 485 LED on, and it goes off a second later.
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const got = await poll(2);
      assert.equal(got.code, 0, got.error);
      assert.equal(got.values.length, 2, got.error);
      await pause(Math.max(0, 1200 - (performance.now() - started)));
    }
    assert.deepEqual(a1mb.lines.slice(before), [], "no log line while the master polls");
  });
});

Deno.test("e2e: the 485 LED lights for a request to us and stays off for another address", async () => {
  await withInstalledConfig(async ({ poll, led485 }) => {
    const ours = await poll(2);
    assert.equal(ours.code, 0, ours.error);
    assert.equal(await led485(), "on", "a valid request for us within the last second");
    await pause(1200);
    assert.equal(await led485(), "off", "a quiet bus for a second");
    // A well-formed request to slave 5 on a shared bus: not ours, not noise.
    const other = await poll(5);
    assert.notEqual(other.code, 0, "nobody answers address 5");
    assert.equal(await led485(), "off", "a request to another address leaves the LED off");
  });
});
