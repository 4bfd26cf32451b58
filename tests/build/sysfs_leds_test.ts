/**
 * The sdm630 bundle, run with exactly the artefacts' permissions and `[leds] driver = "sysfs"`,
 * drives LED class folders (a temp dir standing in for /sys/class/leds): PWR and A1 on once
 * telegrams arrive, 485 on after a Modbus RTU request from pymodbus and off again on a quiet bus,
 * 485 blinking through the timer trigger after a frame with a bad CRC, every LED off at stop.
 *
 * @module
 */
import assert from "node:assert/strict";
import { socatPair } from "../e2e/_a1mb_process.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { artefactRunArgs, bundle, ROOT, startBundle } from "./_bundle.ts";

const NAMES = { pwr: "board:green:pwr", a1: "board:yellow:a1", rs485: "board:red:485" } as const;

/** LED folders as the kernel shows them (`delay_on`/`delay_off` as once the timer was set). */
async function fakeLeds(base: string): Promise<void> {
  for (const name of Object.values(NAMES)) {
    await Deno.mkdir(`${base}/${name}`, { recursive: true });
    await Deno.writeTextFile(`${base}/${name}/max_brightness`, "255\n");
    await Deno.writeTextFile(`${base}/${name}/brightness`, "0\n");
    await Deno.writeTextFile(`${base}/${name}/trigger`, "none [mmc0] timer\n");
    await Deno.writeTextFile(`${base}/${name}/delay_on`, "500\n");
    await Deno.writeTextFile(`${base}/${name}/delay_off`, "500\n");
  }
}

function config(telegrams: string, rtuDevice: string, ledBase: string): string {
  return `[a1]
source = "file"
file = "${telegrams}"
interval_ms = 250
[modbus.rtu]
enabled = true
device = "${rtuDevice}"
address = 2
baud = 9600
[modbus.tcp]
enabled = false
[leds]
driver = "sysfs"
sysfs_base = "${ledBase}"
pwr = "${NAMES.pwr}"
a1 = "${NAMES.a1}"
rs485 = "${NAMES.rs485}"
[control]
socket = ""
`;
}

/** The LED's files that tell its state: `trigger/brightness` or `trigger/delay_on/delay_off`. */
function shown(base: string, name: string): string {
  const file = (f: string) => Deno.readTextFileSync(`${base}/${name}/${f}`);
  const trigger = file("trigger");
  return trigger === "timer"
    ? `timer/${file("delay_on")}/${file("delay_off")}`
    : `${trigger}/${file("brightness")}`;
}

/** Waits until `name` shows `expected`; fails after `timeoutMs` with what it showed and the log. */
async function waitShown(
  base: string,
  name: string,
  expected: string,
  timeoutMs: number,
  log: readonly string[],
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = shown(base, name);
    if (now === expected) return;
    if (performance.now() > deadline) {
      assert.fail(`LED ${name} shows "${now}", not "${expected}"\n${log.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("the sdm630 bundle with the artefacts' permissions drives sysfs LEDs from telegrams and Modbus RTU requests", async () => {
  await requirePymodbus();
  const dir = await Deno.makeTempDir({ prefix: "a1mb-bundle-leds-" });
  const pair = await socatPair(dir);
  try {
    await bundle("variants/sdm630/main.ts", `${dir}/a1mb-sdm630.js`);
    const leds = `${dir}/leds`;
    await fakeLeds(leds);
    const telegrams = new URL("tests/fixtures/telegrams/dsmr_parser_FLUVIUS_V171_ALT.txt", ROOT);
    await Deno.writeTextFile(
      `${dir}/config.toml`,
      config(telegrams.pathname, pair.a, leds),
    );
    const a1mb = startBundle(
      Deno.execPath(),
      ["run", "--no-config", "--no-prompt", ...artefactRunArgs("a1mb-sdm630.js", "config.toml")],
      dir,
    );
    try {
      await a1mb.waitForLog(/Modbus RTU: serving address 2 /, 15_000);
      await a1mb.waitForLog(/first valid telegram/, 15_000);
      await waitShown(leds, NAMES.pwr, "none/255", 2000, a1mb.lines);
      await waitShown(leds, NAMES.a1, "none/255", 2000, a1mb.lines);
      assert.equal(shown(leds, NAMES.rs485), "none/0", "no request yet: 485 off");

      // A request for us lights 485 for a second; the LED is watched while pymodbus asks.
      const read = [{ op: "read_input" as const, address: 0x0034, count: 2 }];
      const [replies] = await Promise.all([
        pymodbus({ transport: "rtu", device: pair.b, baud: 9600 }, read),
        waitShown(leds, NAMES.rs485, "none/255", 10_000, a1mb.lines),
      ]);
      assert.equal(replies.length, 1, JSON.stringify(replies));
      const reply = replies[0];
      assert.ok(reply !== undefined && "registers" in reply, JSON.stringify(replies));
      assert.equal(reply.registers.length, 2, JSON.stringify(replies));
      await waitShown(leds, NAMES.rs485, "none/0", 5000, a1mb.lines);

      // A frame for us with a bad CRC: bytes but no valid request, 485 blinks (kernel timer).
      const tty = await Deno.open(pair.b, { write: true });
      try {
        await tty.write(new Uint8Array([0x02, 0x04, 0x00, 0x34, 0x00, 0x02, 0x00, 0x00]));
      } finally {
        tty.close();
      }
      await waitShown(leds, NAMES.rs485, "timer/250/250", 5000, a1mb.lines);
    } finally {
      assert.equal(await a1mb.stop(), 0, a1mb.lines.join("\n"));
    }
    for (const name of Object.values(NAMES)) {
      assert.equal(shown(leds, name), "none/0", `${name} is off once a1mb stopped`);
    }
    assert.ok(
      !a1mb.lines.some((l) => /Requires|NotCapable|Cannot drive LED|\[ERR\]|\[FTL\]/.test(l)),
      a1mb.lines.join("\n"),
    );
  } finally {
    await pair.close();
    await Deno.remove(dir, { recursive: true });
  }
});
