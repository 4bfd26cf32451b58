import assert from "node:assert/strict";
import { type ConfigView, settingsService } from "../../cli/settings_service.ts";
import { type Config, loadConfigText } from "../../config/mod.ts";
import { sdm630 } from "../../variants/sdm630/mod.ts";
import { configManager } from "../../actors/config_manager.ts";
import { CONFIG_MANAGER } from "../../actors/messages.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { systemClock } from "../../drivers/clock.ts";

const FILE = `[modbus.rtu]
address = 2 # the charger
[control]
socket = ""
token = "0123456789abcdef-zqxw"
`;

function load(text: string): Config {
  const loaded = loadConfigText(text, "config.toml");
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.problems.join("\n"));
  return loaded.config;
}

async function withService(
  fn: (t: {
    path: string;
    sup: Supervisor;
    service: ReturnType<typeof settingsService>;
  }) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/config.toml`;
  await Deno.writeTextFile(path, FILE);
  const bus = new Bus(systemClock);
  const sup = new Supervisor(
    bus,
    () => Promise.resolve([childSpec(CONFIG_MANAGER, configManager, { path, build: sdm630 })]),
  );
  await sup.start();
  const active = load(FILE);
  const service = settingsService({
    bus,
    configPath: path,
    active: () => active,
    build: sdm630,
  });
  try {
    await fn({ path, sup, service });
  } finally {
    await sup.stop("done");
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("settings view: active values, the file's pending ones, sources, and the token hidden", async () => {
  await withService(async ({ path, service }) => {
    await Deno.writeTextFile(path, FILE.replace("address = 2", "address = 9"));
    const { status, body } = await service.view();
    assert.equal(status, 200);
    const view = body as ConfigView;
    assert.deepEqual(view.pending, { "modbus.rtu.address": 9 });
    const address = view.keys.find((k) => k.key === "modbus.rtu.address");
    assert.equal(address?.value, 2);
    assert.equal(address?.pending, 9);
    assert.equal(address?.source, `${path}:2`);
    assert.equal(address?.form, true);
    const token = view.keys.find((k) => k.key === "control.token");
    assert.equal(token?.value, "(hidden)");
    assert.equal(token?.http_writable, false);
    assert.doesNotMatch(JSON.stringify(view), /zqxw/);
    assert.equal(view.form_keys[0], "modbus.rtu.address");
  });
});

Deno.test("settings written over HTTP go through the ConfigManager; pending until a reboot", async () => {
  await withService(async ({ path, service }) => {
    const saved = await service.write({ "modbus.rtu.address": 7, "a1.stale": "hold" }, "http");
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual((saved.body as { pending: unknown }).pending, {
      "a1.stale": "hold",
      "modbus.rtu.address": 7,
    });
    assert.match(await Deno.readTextFile(path), /^address = 7 # the charger$/m);
  });
});

Deno.test("a refused write over HTTP is 400 with each key's message, and nothing is written", async () => {
  await withService(async ({ path, service }) => {
    const refused = await service.write({ "modbus.rtu.address": 0, "a1.stale": "hold" }, "http");
    assert.equal(refused.status, 400);
    const body = refused.body as { error: string; problems: { key: string; message: string }[] };
    assert.equal(body.error, "Nothing was saved: 1 problem(s)");
    assert.deepEqual(body.problems.map((p) => p.message), [
      "key modbus.rtu.address = 0: 0 is out of range 1…247",
    ]);
    // The console's own access, the files a1mb writes and the MQTT connection (credentials,
    // files a1mb reads and sends) are not for HTTP.
    const barred = await service.write(
      {
        "control.token": "x".repeat(20),
        "log.file": "/x",
        "mqtt.url": "mqtt://evil.example",
        "mqtt.password_file": "/etc/a1mb/config.toml",
      },
      "http",
    );
    assert.equal(barred.status, 400);
    assert.deepEqual(
      (barred.body as { problems: { key: string }[] }).problems.map((p) => p.key),
      ["control.token", "log.file", "mqtt.url", "mqtt.password_file"],
    );
    assert.equal(await Deno.readTextFile(path), FILE);
    // The same from the command line (the socket, guarded by its file mode) is allowed.
    const local = await service.write({ "control.token": "y".repeat(20) }, "socket");
    assert.equal(local.status, 200);
  });
});

Deno.test("a reboot is 202, and 409 with the problems while the file would not load", async () => {
  await withService(async ({ path, sup, service }) => {
    await Deno.writeTextFile(path, FILE.replace("address = 2", "address = 999"));
    const refused = await service.reboot("http");
    assert.equal(refused.status, 409);
    assert.match(JSON.stringify(refused.body), /999 is out of range 1…247/);
    await Deno.writeTextFile(path, FILE);
    const accepted = await service.reboot("http");
    assert.equal(accepted.status, 202);
    for (let i = 0; i < 100 && sup.reboots === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(sup.reboots, 1);
  });
});
