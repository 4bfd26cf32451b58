/**
 * Makes the README's picture of the web console (docs/console.png) from a real run: a1mb on its
 * built-in meter simulator with Modbus TCP polled once a second, for `--minutes` so the chart
 * has history, a setting saved through the API (so "pending" shows), then a chromium screenshot.
 *
 * `deno run -A tests/e2e/_console_screenshot.ts --minutes 20 --out docs/console.png`
 *
 * The PNG comes out at some 450 KB; 128 colours lose nothing visible and keep it near 150 KB:
 * `pngquant --speed 1 --force --output docs/console.png 128 docs/console.png` and
 * `optipng -o5 docs/console.png` (Debian packages pngquant and optipng; a one-off step, not a
 * test peer).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Browser } from "../_browser.ts";
import { freePort, startA1mb } from "./_a1mb_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    minutes: { type: "string", default: "20" },
    out: { type: "string", default: "docs/console.png" },
  },
});
const minutes = Number(values.minutes);
const token = "screenshot-token-0123456789";
const tcpPort = freePort();
const httpPort = freePort();
const a1mb = await startA1mb(`[a1]
source = "simulator"
stale_after_s = 5
[modbus.rtu]
enabled = false
address = 2
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
[leds]
driver = "none"
[control]
socket = ""
http = "127.0.0.1:${httpPort}"
token = "${token}"
`);
await a1mb.waitForLog(/Ready: /);

// A master polling the total power and the phases once a second, as a charger does.
const conn = await Deno.connect({ hostname: "127.0.0.1", port: tcpPort });
let id = 0;
const poll = setInterval(async () => {
  id = (id + 1) & 0xffff;
  const request = Uint8Array.of(id >> 8, id & 0xff, 0, 0, 0, 6, 2, 4, 0, 0, 0, 0x36);
  await conn.write(request);
  await conn.read(new Uint8Array(256));
}, 1000);

const end = Date.now() + minutes * 60_000;
while (Date.now() < end) await new Promise((r) => setTimeout(r, 5000));

const base = `http://127.0.0.1:${httpPort}`;
await fetch(`${base}/api/config`, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  body: JSON.stringify({ "modbus.rtu.address": 7, "modbus.rtu.baud": 19200 }),
}).then((r) => r.body?.cancel());

const browser = await Browser.launch(1400, 1000);
try {
  await browser.navigate(`${base}/`);
  await browser.waitFor(`document.querySelector('[data-live="power_w"]').dataset.value !== ""`);
  await browser.waitFor(`Number(document.getElementById("chart").dataset.points) > 10`);
  await browser.waitFor(`document.querySelectorAll("#map tbody tr").length > 0`);
  await new Promise((r) => setTimeout(r, 1500));
  await Deno.writeFile(values.out, await browser.screenshot(true));
  if (browser.problems.length > 0) throw new Error(JSON.stringify(browser.problems));
  // deno-lint-ignore no-console
  console.log(`wrote ${values.out}`);
} finally {
  await browser.close();
  clearInterval(poll);
  conn.close();
  await a1mb.stop();
}
