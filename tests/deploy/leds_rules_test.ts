/**
 * deploy/99-a1mb-leds.rules gives the service's group write access to exactly the LED files the
 * sysfs driver writes: the files are found by driving a fake LED folder, not listed by hand.
 */
import assert from "node:assert/strict";
import { SysfsLeds } from "../../drivers/leds/sysfs_leds.ts";

const RULES = new URL("../../deploy/99-a1mb-leds.rules", import.meta.url);
const ATTRIBUTES = ["brightness", "max_brightness", "trigger", "delay_on", "delay_off"];

/** The attribute files the driver changes while showing on, off and blink. */
async function filesTheDriverWrites(): Promise<string[]> {
  const base = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${base}/led`);
    for (const file of ATTRIBUTES) await Deno.writeTextFile(`${base}/led/${file}`, "untouched");
    const leds = new SysfsLeds({ base, names: { pwr: "led", a1: "led", rs485: "led" } });
    for (const state of ["on", "off", "blink", "off"] as const) leds.set("pwr", state);
    const written: string[] = [];
    for (const file of ATTRIBUTES) {
      if (await Deno.readTextFile(`${base}/led/${file}`) !== "untouched") written.push(file);
    }
    return written.sort();
  } finally {
    await Deno.remove(base, { recursive: true });
  }
}

/** The files a rule line hands to `chgrp a1mb` and to `chmod g+w`. */
function granted(rules: string): { chgrp: Set<string>; chmod: Set<string> } {
  const chgrp = new Set<string>();
  const chmod = new Set<string>();
  for (const line of rules.split("\n").filter((l) => l.startsWith('SUBSYSTEM=="leds"'))) {
    for (const run of line.matchAll(/RUN\+="([^"]*)"/g)) {
      const words = (run[1] ?? "").split(" ");
      const files = words.filter((w) => w.startsWith("/sys%p/")).map((w) => w.slice(7));
      if (words[0] === "/bin/chgrp" && words[1] === "a1mb") files.forEach((f) => chgrp.add(f));
      if (words[0] === "/bin/chmod" && words[1] === "g+w") files.forEach((f) => chmod.add(f));
    }
  }
  return { chgrp, chmod };
}

Deno.test("leds udev rules: group a1mb may write every file the sysfs driver writes", async () => {
  const written = await filesTheDriverWrites();
  assert.deepEqual(written, ["brightness", "delay_off", "delay_on", "trigger"]);
  const { chgrp, chmod } = granted(await Deno.readTextFile(RULES));
  assert.deepEqual([...chgrp].sort(), written);
  assert.deepEqual([...chmod].sort(), written);
});

Deno.test("leds udev rules: the blink-rate files are granted again when the timer trigger is set", async () => {
  // The kernel creates delay_on/delay_off with each "timer" trigger and announces the trigger
  // change as a "change" uevent with TRIGGER=timer.
  const rules = await Deno.readTextFile(RULES);
  const line = rules.split("\n").find((l) => l.includes("delay_on") && l.startsWith("SUBSYSTEM"));
  assert.ok(line !== undefined);
  assert.match(line, /ACTION=="change"/);
  assert.match(line, /ENV\{TRIGGER\}=="timer"/);
});
