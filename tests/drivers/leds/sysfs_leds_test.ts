import assert from "node:assert/strict";
import { SysfsLeds } from "../../../drivers/leds/sysfs_leds.ts";

const NAMES = { pwr: "a1mb:pwr", a1: "a1mb:a1", rs485: "a1mb:485" } as const;

async function fakeSysfs(): Promise<string> {
  const base = await Deno.makeTempDir();
  for (const name of Object.values(NAMES)) {
    await Deno.mkdir(`${base}/${name}`);
    await Deno.writeTextFile(`${base}/${name}/max_brightness`, "255\n");
    await Deno.writeTextFile(`${base}/${name}/brightness`, "0\n");
    await Deno.writeTextFile(`${base}/${name}/trigger`, "[none] timer\n");
  }
  return base;
}

const read = (base: string, name: string, file: string) =>
  Deno.readTextFileSync(`${base}/${name}/${file}`);

Deno.test("sysfs leds: on writes max brightness with trigger none, off writes 0", async () => {
  const base = await fakeSysfs();
  const leds = new SysfsLeds({ base, names: NAMES });
  leds.set("pwr", "on");
  assert.equal(read(base, "a1mb:pwr", "trigger"), "none");
  assert.equal(read(base, "a1mb:pwr", "brightness"), "255");
  leds.set("pwr", "off");
  assert.equal(read(base, "a1mb:pwr", "brightness"), "0");
  await Deno.remove(base, { recursive: true });
});

Deno.test("sysfs leds: blink uses the kernel timer trigger with 250 ms half periods", async () => {
  const base = await fakeSysfs();
  const leds = new SysfsLeds({ base, names: NAMES });
  leds.set("a1", "blink");
  assert.equal(read(base, "a1mb:a1", "trigger"), "timer");
  assert.equal(read(base, "a1mb:a1", "delay_on"), "250");
  assert.equal(read(base, "a1mb:a1", "delay_off"), "250");
  await Deno.remove(base, { recursive: true });
});

Deno.test("sysfs leds: a missing LED is reported once, naming it, and then skipped", async () => {
  const base = await fakeSysfs();
  await Deno.remove(`${base}/a1mb:485`, { recursive: true });
  const errors: string[] = [];
  const leds = new SysfsLeds({ base, names: NAMES, onError: (_led, m) => errors.push(m) });
  leds.set("rs485", "on");
  leds.set("rs485", "blink");
  leds.set("pwr", "on");
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? "", /^Cannot drive LED "a1mb:485" in .*a1mb:485: /);
  assert.equal(read(base, "a1mb:pwr", "brightness"), "255", "other LEDs keep working");
  await Deno.remove(base, { recursive: true });
});

Deno.test("sysfs leds: close turns every LED off", async () => {
  const base = await fakeSysfs();
  const leds = new SysfsLeds({ base, names: NAMES });
  leds.set("pwr", "on");
  leds.set("a1", "blink");
  leds.close();
  for (const name of Object.values(NAMES)) {
    assert.equal(read(base, name, "trigger"), "none");
    assert.equal(read(base, name, "brightness"), "0");
  }
  await Deno.remove(base, { recursive: true });
});
