import assert from "node:assert/strict";
import { decodeFloat32 } from "../../protocol/modbus/register_codec.ts";
import { Browser, type PageProblem } from "../_browser.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { freePort, startA1mb } from "./_a1mb_process.ts";

const TOKEN = "e2e-console-token-0123456789";

/** A cabinet's file: simulated meter (new values every 3 s), Modbus TCP, the console with a token. */
function cabinet(tcpPort: number, httpPort: number): string {
  return `# Cabinet 12: the charger reads unit 2 over TCP
[a1]
source = "simulator"
simulator_interval_ms = 3000

[modbus.rtu]
enabled = false
address = 2   # what the charger polls

[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"

[leds]
driver = "none"

[control]
socket = ""
http = "127.0.0.1:${httpPort}"
token = "${TOKEN}"
`;
}

/** Live values by id, as a master reads them, from one pymodbus session. */
async function masterValues(port: number): Promise<Record<string, number>> {
  const results = await pymodbus({ transport: "tcp", host: "127.0.0.1", port }, [
    { op: "read_input", address: 0x0000, count: 18 },
    { op: "read_input", address: 0x0034, count: 2 },
    { op: "read_input", address: 0x0048, count: 4 },
  ]);
  const words = results.map((r) => {
    assert.ok("registers" in r, JSON.stringify(r));
    return Uint16Array.from(r.registers);
  });
  const [phases = new Uint16Array(), total = new Uint16Array(), energy = new Uint16Array()] = words;
  const f = (w: Uint16Array, i: number) => decodeFloat32(w, i);
  return {
    voltage_l1_v: f(phases, 0),
    voltage_l2_v: f(phases, 2),
    voltage_l3_v: f(phases, 4),
    current_l1_a: f(phases, 6),
    current_l2_a: f(phases, 8),
    current_l3_a: f(phases, 10),
    power_l1_w: f(phases, 12),
    power_l2_w: f(phases, 14),
    power_l3_w: f(phases, 16),
    power_w: f(total, 0),
    import_kwh: f(energy, 0),
    export_kwh: f(energy, 2),
  };
}

/** The page's live values by id (the raw numbers behind the text). */
function pageValues(browser: Browser): Promise<Record<string, string>> {
  return browser.evaluate(
    `Object.fromEntries([...document.querySelectorAll("[data-live]")]
      .map((n) => [n.dataset.live, n.dataset.value]))`,
  );
}

/** Sets a settings field as a person typing would. */
function type(browser: Browser, key: string, value: string): Promise<unknown> {
  const id = `field-${key.replaceAll(".", "-")}`;
  return browser.evaluate(`(() => {
    const input = document.getElementById(${JSON.stringify(id)});
    input.value = ${JSON.stringify(value)};
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  })()`);
}

const click = (browser: Browser, id: string) =>
  browser.evaluate(`document.getElementById(${JSON.stringify(id)}).click(), true`);

const text = (browser: Browser, selector: string) =>
  browser.evaluate<string>(
    `document.querySelector(${JSON.stringify(selector)})?.textContent ?? ""`,
  );

async function meterCode(port: number, unit: number) {
  const [result] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port }, [
    { op: "read_holding", address: 0xfc02, count: 1, slave: unit },
  ]);
  return result;
}

/** Only the refusals the test provokes may show in the page's console: 400 and 401 on writes. */
function unexpected(problems: readonly PageProblem[]): PageProblem[] {
  return problems.filter((p) =>
    !(p.source === "network" && /\/api\/config$/.test(p.url) && /status of 40[01]/.test(p.text))
  );
}

Deno.test("console in chromium: live values match a Modbus master, the chart grows, settings and reboot work with the token only", async () => {
  await requirePymodbus();
  const tcpPort = freePort();
  const httpPort = freePort();
  const a1mb = await startA1mb(cabinet(tcpPort, httpPort));
  const browser = await Browser.launch(1400, 1000);
  try {
    await a1mb.waitForLog(/Ready: /);
    const original = await Deno.readTextFile(a1mb.configPath);
    const base = `http://127.0.0.1:${httpPort}`;
    await browser.navigate(`${base}/`);
    await browser.waitFor(`document.querySelector('[data-live="power_w"]').dataset.value !== ""`);
    await browser.waitFor(`document.querySelectorAll("#map tbody tr").length > 0`);
    await browser.waitFor(`document.querySelectorAll(".field").length > 0`);
    assert.deepEqual(browser.problems, [], "no console errors after loading");

    // What the page shows is what a master reads at that moment: read the registers before and
    // after reading the page, and compare when no telegram came in between.
    let matched = false;
    for (let attempt = 0; attempt < 15 && !matched; attempt++) {
      const before = await masterValues(tcpPort);
      const shown = await pageValues(browser);
      const after = await masterValues(tcpPort);
      if (JSON.stringify(before) !== JSON.stringify(after)) continue;
      // The page shows the telegram's value; the master reads it as a float32.
      matched = Object.entries(before).every(([id, read]) =>
        shown[id] !== "" && Math.fround(Number(shown[id])) === read
      );
      if (matched) {
        assert.notEqual(before.power_w, 0, "a real load, not an empty image");
        const direction = await text(browser, "#direction");
        assert.match(direction, (before.power_w ?? 0) > 0 ? /importing/ : /exporting/);
        const l1 = await text(browser, '[data-live="power_l1_w"]');
        assert.equal(
          l1,
          `${Math.round(Math.abs(before.power_l1_w ?? 0)).toLocaleString("en-US")} W${
            Math.round(before.power_l1_w ?? 0) > 0
              ? "import"
              : Math.round(before.power_l1_w ?? 0) < 0
              ? "export"
              : ""
          }`,
        );
      } else {
        await new Promise((r) => setTimeout(r, 700));
      }
    }
    assert.ok(matched, "the page showed what the master read");
    assert.match(await text(browser, '[data-live="gas_m3"]'), /^[\d,]+\.\d{3} m³$/);
    assert.match(await text(browser, "#a1-link"), /^open/);
    assert.match(await text(browser, '[data-transport="tcp"]'), /serving.*Requests\d/s);
    assert.equal(
      await browser.evaluate<string>(
        `document.querySelector('.led[data-led="pwr"]').dataset.state`,
      ),
      "on",
    );

    // The chart keeps the hour: it grows with each telegram.
    const points = () =>
      browser.evaluate<number>(`Number(document.getElementById("chart").dataset.points)`);
    const before = await points();
    await browser.waitFor(
      `Number(document.getElementById("chart").dataset.points) > ${before}`,
      10_000,
    );
    assert.ok(
      await browser.evaluate<number>(`document.querySelectorAll("#chart path.series").length`) >= 4,
    );

    // The register map, filtered.
    await browser.evaluate(`(() => {
      const f = document.getElementById("map-filter");
      f.value = "0x0034";
      f.dispatchEvent(new Event("input"));
      return true;
    })()`);
    assert.equal(
      await browser.evaluate<number>(
        `[...document.querySelectorAll("#map tbody tr")].filter((r) => !r.hidden).length`,
      ),
      1,
    );
    assert.match(await text(browser, "#map-count"), /^1 of \d+ registers$/);

    // Each setting states this build's default, and whether the file leaves the key to it.
    assert.match(
      await text(browser, '.field[data-key="modbus.rtu.parity"] .hint'),
      /This build's default: none \(the file leaves it to this default\)\.$/,
    );
    assert.match(
      await text(browser, '.field[data-key="modbus.rtu.address"] .hint'),
      /This build's default: 2\.$/,
    );

    // A write without the token is refused and changes nothing.
    const bare = await browser.evaluate<number>(`fetch("/api/config", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ "modbus.rtu.address": 5 }),
    }).then((r) => r.status)`);
    assert.equal(bare, 401);
    // A wrong token through the page: asked again, then given up: nothing changes.
    await type(browser, "modbus.rtu.address", "300");
    await click(browser, "save");
    await browser.waitFor(`document.getElementById("token-dialog").open`);
    await browser.evaluate(
      `document.getElementById("token-input").value = "not-the-token-0123456789", true`,
    );
    await click(browser, "token-ok");
    await browser.waitFor(`document.getElementById("token-error").textContent.includes("refused")`);
    await click(browser, "token-cancel");
    await browser.waitFor(
      `document.getElementById("outcome").textContent === "Not saved: no token given."`,
    );
    assert.equal(await Deno.readTextFile(a1mb.configPath), original);

    // The right token and an invalid value: the schema's message beside the field, nothing saved.
    await click(browser, "save");
    await browser.waitFor(`document.getElementById("token-dialog").open`);
    await browser.evaluate(
      `document.getElementById("token-input").value = ${JSON.stringify(TOKEN)}, true`,
    );
    await click(browser, "token-ok");
    await browser.waitFor(
      `document.querySelector('.field[data-key="modbus.rtu.address"] .error').textContent !== ""`,
    );
    assert.equal(
      await text(browser, '.field[data-key="modbus.rtu.address"] .error'),
      "key modbus.rtu.address = 300: 300 is out of range 1…247",
    );
    assert.equal(await Deno.readTextFile(a1mb.configPath), original);

    // A valid value: saved in place with the comments, shown as pending; the token is kept.
    await type(browser, "modbus.rtu.address", "7");
    await click(browser, "save");
    await browser.waitFor(`document.getElementById("outcome").textContent.startsWith("Saved")`);
    assert.equal(
      await browser.evaluate<boolean>(`document.getElementById("token-dialog").open`),
      false,
    );
    assert.equal(
      await Deno.readTextFile(a1mb.configPath),
      original.replace("address = 2   # what", "address = 7   # what"),
    );
    await browser.waitFor(
      `document.querySelector('.field[data-key="modbus.rtu.address"] .pending')`,
    );
    assert.match(
      await text(browser, '.field[data-key="modbus.rtu.address"] .now'),
      /^In force: 2 · saved: 7, after reboot$/,
    );
    assert.deepEqual(await meterCode(tcpPort, 2), { registers: [0x0070] });

    // Reboot from the page: the pending address is in force and answers.
    await click(browser, "reboot");
    await click(browser, "reboot-confirm");
    await browser.waitFor(
      `document.getElementById("outcome").textContent.startsWith("Rebooted")`,
      20_000,
    );
    await a1mb.waitForLog(/Modbus TCP: listening on .*, unit 7 /);
    assert.deepEqual(await meterCode(tcpPort, 7), { registers: [0x0070] });
    assert.deepEqual(await meterCode(tcpPort, 2), { exception: 0x0b });
    await browser.waitFor(
      `document.querySelector('.field[data-key="modbus.rtu.address"] .now').textContent === "In force: 7"`,
    );

    assert.deepEqual(unexpected(browser.problems), [], "no other console errors");
  } finally {
    await browser.close();
    await a1mb.stop();
  }
});
