/**
 * `a1mb check-config FILE`: every problem with its line, checked for this build (its own options
 * and factory defaults), and on success the build's defaults the file leaves in force.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type BuildInfo, runCli } from "../../../cli/mod.ts";
import { BufferPrinter } from "../_buffer_printer.ts";
import type { Variant } from "../../../variants/api.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";

/** A build whose meter answers at address 11 and offers no build option. */
const ELEVEN: Variant = {
  ...sdm630,
  id: "eleven",
  config: { defaults: { "modbus.rtu.address": 11, "modbus.rtu.baud": 9600 }, options: [] },
};

async function check(build: Variant, text: string): Promise<[number, BufferPrinter]> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-check-config-" });
  try {
    const path = `${dir}/config.toml`;
    await Deno.writeTextFile(path, text);
    const p = new BufferPrinter();
    const info: BuildInfo = { variant: build, target: "x86_64-unknown-linux-gnu" };
    const code = await runCli(["check-config", path], info, p);
    return [code, p];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("check-config names the build's defaults the file leaves in force", async () => {
  const [code, p] = await check(ELEVEN, "[modbus.rtu]\nbaud = 19200\n");
  assert.equal(code, 0, p.stderr.join("\n"));
  assert.match(p.stdout[0] ?? "", /config\.toml: ok$/);
  assert.deepEqual(p.stdout.slice(1), ["  modbus.rtu.address = 11 (the eleven build's default)"]);
});

Deno.test("check-config refuses a build option this build does not offer, with its line", async () => {
  const [code, p] = await check(ELEVEN, '[registers]\nfc03 = "input"\n');
  assert.equal(code, 1);
  assert.match(
    p.stderr[0] ?? "",
    /config\.toml:2: key registers\.fc03: the eleven build does not offer this option \(it takes only "holding"\)$/,
  );
});

Deno.test('check-config accepts fc03 = "input" on an Eastron build', async () => {
  const [code, p] = await check(sdm630, '[registers]\nfc03 = "input"\n');
  assert.equal(code, 0, p.stderr.join("\n"));
  assert.deepEqual(p.stdout.slice(1), [
    "  modbus.rtu.address = 2 (the sdm630 build's default)",
    "  modbus.rtu.baud = 9600 (the sdm630 build's default)",
    '  modbus.rtu.parity = "none" (the sdm630 build\'s default)',
  ]);
});
