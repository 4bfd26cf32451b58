import assert from "node:assert/strict";
import { SysfsLeds } from "../../../drivers/leds/sysfs_leds.ts";
import { runWithArtefactPermissions } from "../../_artefact_script.ts";

const NAMES = { pwr: "a1mb:pwr", a1: "a1mb:a1", rs485: "a1mb:485" } as const;

/**
 * LED folders as the kernel shows them. The driver never creates a file (a sysfs attribute exists
 * or not), so `delay_on`/`delay_off`, which the kernel adds once the timer trigger is set, exist
 * from the start.
 */
async function fakeSysfs(): Promise<string> {
  const base = await Deno.makeTempDir();
  for (const name of Object.values(NAMES)) {
    await Deno.mkdir(`${base}/${name}`);
    await Deno.writeTextFile(`${base}/${name}/max_brightness`, "255\n");
    await Deno.writeTextFile(`${base}/${name}/brightness`, "0\n");
    await Deno.writeTextFile(`${base}/${name}/trigger`, "[none] timer\n");
    await Deno.writeTextFile(`${base}/${name}/delay_on`, "500\n");
    await Deno.writeTextFile(`${base}/${name}/delay_off`, "500\n");
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
  assert.match(
    errors[0] ?? "",
    /^Cannot drive LED "a1mb:485", skipping it: Cannot write ".*\/a1mb:485\/trigger": no such file or directory \(ENOENT\)$/,
  );
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

Deno.test("sysfs leds: a LED whose file cannot be written is reported with the errno and skipped", async () => {
  const base = await fakeSysfs();
  // A directory where the trigger file should be: opening it for writing fails with EISDIR.
  await Deno.remove(`${base}/a1mb:a1/trigger`);
  await Deno.mkdir(`${base}/a1mb:a1/trigger`);
  const errors: string[] = [];
  const leds = new SysfsLeds({ base, names: NAMES, onError: (_led, m) => errors.push(m) });
  leds.set("a1", "on");
  leds.set("a1", "off");
  leds.close();
  assert.deepEqual(errors, [
    `Cannot drive LED "a1mb:a1", skipping it: Cannot write "${base}/a1mb:a1/trigger": is a directory (EISDIR)`,
  ]);
  assert.equal(read(base, "a1mb:a1", "brightness"), "0\n", "the skipped LED is left alone");
  assert.equal(read(base, "a1mb:pwr", "brightness"), "0", "close still turns the others off");
  await Deno.remove(base, { recursive: true });
});

Deno.test("sysfs leds: on uses brightness 1 when max_brightness is missing, zero or not a number", async () => {
  const base = await fakeSysfs();
  await Deno.remove(`${base}/a1mb:pwr/max_brightness`);
  await Deno.writeTextFile(`${base}/a1mb:a1/max_brightness`, "0\n");
  await Deno.writeTextFile(`${base}/a1mb:485/max_brightness`, "bright\n");
  const leds = new SysfsLeds({ base, names: NAMES });
  for (const led of ["pwr", "a1", "rs485"] as const) leds.set(led, "on");
  for (const name of Object.values(NAMES)) assert.equal(read(base, name, "brightness"), "1");
  await Deno.remove(base, { recursive: true });
});

Deno.test("sysfs leds: max_brightness is read once per LED", async () => {
  const base = await fakeSysfs();
  const leds = new SysfsLeds({ base, names: NAMES });
  leds.set("rs485", "on");
  await Deno.remove(`${base}/a1mb:485/max_brightness`);
  leds.set("rs485", "off");
  leds.set("rs485", "on");
  assert.equal(read(base, "a1mb:485", "brightness"), "255");
  await Deno.remove(base, { recursive: true });
});

Deno.test("sysfs leds: a blink rate that cannot be set is reported once, and the LED still blinks and turns off", async () => {
  const base = await fakeSysfs();
  // The kernel makes delay_on as root when the timer trigger is set: a service user may not
  // write it. A directory in its place makes the write fail the same way, as root too.
  await Deno.remove(`${base}/a1mb:a1/delay_on`);
  await Deno.mkdir(`${base}/a1mb:a1/delay_on`);
  const errors: string[] = [];
  const leds = new SysfsLeds({ base, names: NAMES, onError: (_led, m) => errors.push(m) });
  leds.set("a1", "blink");
  assert.equal(read(base, "a1mb:a1", "trigger"), "timer", "blinking with the kernel's rate");
  leds.set("a1", "off");
  leds.set("a1", "blink");
  assert.equal(read(base, "a1mb:a1", "trigger"), "timer");
  leds.set("a1", "on");
  assert.equal(read(base, "a1mb:a1", "brightness"), "255", "the LED is not skipped");
  assert.deepEqual(errors, [
    `Cannot set the blink rate of LED "a1mb:a1", it blinks at the kernel's default rate: Cannot write "${base}/a1mb:a1/delay_on": is a directory (EISDIR)`,
  ]);
  await Deno.remove(base, { recursive: true });
});

const SYSFS_LEDS_URL = new URL("../../../drivers/leds/sysfs_leds.ts", import.meta.url).href;

/** Drives "LEDs" named `lo` under /sys/class/net: no trigger file there, so the write fails. */
const DRIVE_SYS = `
import { SysfsLeds } from ${JSON.stringify(SYSFS_LEDS_URL)};
const names = { pwr: "lo", a1: "lo", rs485: "lo" };
const leds = new SysfsLeds({ base: "/sys/class/net", names, onError: (_led, m) => console.log(m) });
leds.set("pwr", "on");
`;

Deno.test("sysfs leds: with the artefacts' permissions the driver reaches /sys (the kernel answers, not Deno)", async () => {
  // Deno's file API would be refused ("NotCapable: Requires all access"); through libc the
  // kernel itself answers that /sys/class/net/lo has no trigger file. Nothing is written.
  const result = await runWithArtefactPermissions(DRIVE_SYS);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    'Cannot drive LED "lo", skipping it: Cannot write "/sys/class/net/lo/trigger": no such file or directory (ENOENT)\n',
  );
});
