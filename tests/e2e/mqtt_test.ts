import assert from "node:assert/strict";
import {
  makeTestCa,
  type Mosquitto,
  observe,
  type Observed,
  publishWithMosquittoPub,
  startMosquitto,
} from "../_mosquitto.ts";
import { BE_13_MONTHS_FILE, BE_13_MONTHS_STATE } from "../actors/mqtt/_fixtures.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { type A1mbProcess, freePort, ROOT, startA1mb } from "./_a1mb_process.ts";

const SERIAL = "1SAG3100138726"; // 0-0:96.1.1 of the fixture, decoded
const PREFIX = `a1mb/${SERIAL}`;
const FIXTURE = new URL(`../fixtures/telegrams/${BE_13_MONTHS_FILE}`, import.meta.url).pathname;

/** a1mb replaying the full Belgian telegram, serving Modbus TCP and HTTP status, with `mqtt`. */
function config(mqtt: string, httpPort: number, tcpPort: number, source = "file"): string {
  return `
[a1]
source = "${source}"
file = "${FIXTURE}"
interval_ms = 500
simulator_interval_ms = 500
stale_after_s = 5
[leds]
driver = "none"
[control]
socket = ""
http = "127.0.0.1:${httpPort}"
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
[mqtt]
${mqtt}
`;
}

async function status(httpPort: number): Promise<{ mqtt: Record<string, unknown> }> {
  return await (await fetch(`http://127.0.0.1:${httpPort}/status`)).json();
}

const on = (topic: string, payload?: string) => (m: Observed) =>
  m.topic === topic && (payload === undefined || m.payload === payload);

/** Reads the total power over Modbus TCP with pymodbus: Modbus serves whatever MQTT does. */
async function modbusServes(tcpPort: number): Promise<void> {
  const [result] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port: tcpPort }, [
    { op: "read_input", address: 0x0034, count: 2 },
  ]);
  assert.ok(result !== undefined && "registers" in result, JSON.stringify(result));
}

async function withBroker(
  fn: (broker: Mosquitto) => Promise<void>,
  options: Parameters<typeof startMosquitto>[0] = {},
): Promise<void> {
  const broker = await startMosquitto(options);
  try {
    await fn(broker);
  } finally {
    await broker.close();
  }
}

Deno.test("mqtt: Home Assistant discovers the meter and the state holds the telegram's values (real mosquitto)", async () => {
  await withBroker(async (broker) => {
    const watch = await observe(broker, ["homeassistant/#", "a1mb/#"]);
    const httpPort = freePort();
    const a1mb = await startA1mb(
      config(`url = "mqtt://127.0.0.1:${broker.port}"`, httpPort, freePort()),
    );
    try {
      const state = await watch.waitFor(on(`${PREFIX}/state`), "a state message");
      assert.equal(state.retained, false);
      assert.deepStrictEqual(JSON.parse(state.payload), BE_13_MONTHS_STATE);

      // One discovery config per value the telegram carries (the meter clock is JSON only),
      // and four diagnostics; all retained on the broker, all about one device.
      const config = async (key: string) =>
        JSON.parse(
          (await watch.waitFor(
            on(`homeassistant/sensor/a1mb_${SERIAL}/${key}/config`),
            `discovery of ${key}`,
          )).payload,
        );
      const power = await config("power_w");
      assert.deepEqual(
        [power.device_class, power.state_class, power.unit_of_measurement, power.state_topic],
        ["power", "measurement", "W", `${PREFIX}/state`],
      );
      assert.equal(power.value_template, "{{ value_json.power_w }}");
      assert.equal(power.availability_topic, `${PREFIX}/availability`);
      assert.deepEqual(power.device.identifiers, [`a1mb_${SERIAL}`]);
      assert.equal(power.device.manufacturer, "a1mb");
      assert.equal(power.device.model_id, "sdm630");
      assert.match(power.device.model, /^a1mb-sdm630 /);
      assert.match(power.device.sw_version, /^\d+\.\d+\.\d+/);
      for (
        const [key, deviceClass, stateClass, unit] of [
          ["power_l1_w", "power", "measurement", "W"],
          ["voltage_l3_v", "voltage", "measurement", "V"],
          ["current_l2_a", "current", "measurement", "A"],
          ["energy_import_kwh", "energy", "total_increasing", "kWh"],
          ["energy_export_t2_kwh", "energy", "total_increasing", "kWh"],
          ["gas_m3", "gas", "total_increasing", "m³"],
          ["demand_max_month_w", "power", "measurement", "W"],
        ] as const
      ) {
        const c = await config(key);
        assert.deepEqual([c.device_class, c.state_class, c.unit_of_measurement], [
          deviceClass,
          stateClass,
          unit,
        ], key);
      }
      for (const key of ["last_telegram_age_s", "telegrams_rejected", "modbus_requests"]) {
        const c = await config(key);
        assert.equal(c.entity_category, "diagnostic", key);
        assert.equal(c.state_topic, `${PREFIX}/diagnostics`, key);
      }
      const announced = Object.keys(BE_13_MONTHS_STATE).length - 1 + 4;
      const configs = () =>
        watch.messages.filter((m) => m.topic.startsWith(`homeassistant/sensor/a1mb_${SERIAL}/`));
      assert.equal(configs().length, announced);

      const diagnostics = JSON.parse(
        (await watch.waitFor(on(`${PREFIX}/diagnostics`), "diagnostics")).payload,
      );
      assert.equal(diagnostics.telegrams_rejected, 0);
      assert.ok(diagnostics.telegrams_accepted >= 1, JSON.stringify(diagnostics));
      assert.equal(typeof diagnostics.modbus_requests, "number");

      // A subscriber that comes later gets "online" from the broker's retained store.
      const late = await observe(broker, [`${PREFIX}/availability`]);
      assert.equal(
        (await late.waitFor(on(`${PREFIX}/availability`), "availability")).retained,
        true,
      );
      assert.equal(late.messages[0]?.payload, "online");
      await late.stop();

      // Home Assistant restarts: it says "online" and a1mb announces everything again.
      await publishWithMosquittoPub(broker, "homeassistant/status", "online");
      await a1mb.waitForLog(/MQTT: Home Assistant is online again: announcing the sensors/);
      await watch.waitFor(
        () => configs().length === 2 * announced,
        "the second announcement",
      );

      const s = (await status(httpPort)).mqtt;
      assert.equal(s.connected, true);
      assert.equal(s.client_id, `a1mb-${SERIAL}`);
      assert.equal(s.topic_prefix, PREFIX);
      assert.ok(Number(s.published) >= 1);
      assert.equal(s.last_error, null);
      const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
      assert.match(metrics, /^a1mb_mqtt_connected 1$/m);
      assert.match(metrics, /^a1mb_mqtt_published_total [1-9]\d*$/m);
      assert.match(metrics, /^a1mb_mqtt_dropped_total 0$/m);
    } finally {
      // SIGTERM: a1mb says "offline" itself, then disconnects cleanly (the broker drops the will).
      assert.equal(await a1mb.stop(), 0);
    }
    const offline = await watch.waitFor(on(`${PREFIX}/availability`, "offline"), "offline");
    assert.equal(offline.payload, "offline");
    const id = `a1mb-${SERIAL}`;
    // "offline" (7 bytes) came from a1mb itself, then a clean DISCONNECT.
    await broker.waitForLog(
      new RegExp(`Received PUBLISH from ${id} .*'${PREFIX}/availability', \\.\\.\\. \\(7 bytes\\)`),
    );
    await broker.waitForLog(new RegExp(`Received DISCONNECT from ${id}`));
    await watch.stop();
  });
});

/** Waits for `offline` after `since` on the availability topic; returns the seconds it took. */
async function offlineAfter(watch: Awaited<ReturnType<typeof observe>>, since: number) {
  const m = await watch.waitFor(
    (m) => m.topic === `${PREFIX}/availability` && m.payload === "offline" && m.at > since,
    "offline from the broker",
    15_000,
  );
  return (m.at - since) / 1000;
}

Deno.test("mqtt: the broker says offline for a1mb frozen (after its keep-alive) or killed with SIGKILL", async () => {
  await withBroker(async (broker) => {
    const watch = await observe(broker, [`${PREFIX}/availability`]);
    const keepalive = 2;
    const a1mb = await startA1mb(config(
      `url = "mqtt://127.0.0.1:${broker.port}"\nkeepalive_s = ${keepalive}`,
      freePort(),
      freePort(),
    ));
    try {
      await watch.waitFor(on(`${PREFIX}/availability`, "online"), "online");
      // Frozen (SIGSTOP): its socket stays open, only the missing keep-alive tells.
      const frozenAt = performance.now();
      a1mb.signal("SIGSTOP");
      const frozenFor = await offlineAfter(watch, frozenAt);
      a1mb.signal("SIGCONT");
      // Mosquitto 2.0 declares a client dead once 1.5 × keep-alive passed (whole seconds since
      // its last packet), checking every 6 s: so between 2 and 3 + 6 s here.
      assert.ok(frozenFor <= keepalive * 1.5 + 6 + 1, `offline after ${frozenFor} s`);
      assert.ok(
        frozenFor >= keepalive,
        `offline after ${frozenFor} s, before the keep-alive ran out`,
      );
      // Thawed, it finds its connection gone and comes back.
      await a1mb.waitForLog(/MQTT: connection to .* lost: /);
      await watch.waitFor(
        (m) => m.payload === "online" && m.at > frozenAt + frozenFor * 1000,
        "online again",
      );
      await a1mb.waitForLog(/MQTT: connected again to /);
      // Killed: the kernel closes its socket; the broker publishes the last will.
      const killedAt = performance.now();
      a1mb.signal("SIGKILL");
      const killedFor = await offlineAfter(watch, killedAt);
      assert.ok(killedFor <= keepalive * 1.5, `offline after ${killedFor} s`);
      const last = watch.messages.at(-1)!;
      assert.deepEqual([last.payload, last.retained], ["offline", false]);
    } finally {
      await a1mb.stop();
    }
    // The will is retained: a later subscriber learns a1mb is gone.
    const late = await observe(broker, [`${PREFIX}/availability`]);
    const retained = await late.waitFor(on(`${PREFIX}/availability`), "retained availability");
    assert.deepEqual([retained.payload, retained.retained], ["offline", true]);
    await late.stop();
    await watch.stop();
  });
});

Deno.test("mqtt: after a broker restart a1mb reconnects and announces again; Modbus serves throughout", async () => {
  await requirePymodbus();
  await withBroker(async (broker) => {
    const httpPort = freePort();
    const tcpPort = freePort();
    const a1mb = await startA1mb(
      config(`url = "mqtt://127.0.0.1:${broker.port}"`, httpPort, tcpPort),
    );
    try {
      await a1mb.waitForLog(/MQTT: connected to /);
      await broker.stop();
      await a1mb.waitForLog(/MQTT: connection to mqtt:\/\/127\.0\.0\.1:\d+ as a1mb-\S+ lost: /);
      await modbusServes(tcpPort);
      await a1mb.waitForLog(/MQTT: cannot connect to .*ECONNREFUSED.*; trying again with back-off/);
      await modbusServes(tcpPort);
      // The restarted broker remembers nothing: a1mb must say online and announce again.
      await broker.restart();
      const watch = await observe(broker, ["homeassistant/#", "a1mb/#"]);
      await a1mb.waitForLog(/MQTT: connected again to /, 35_000);
      const online = await watch.waitFor(on(`${PREFIX}/availability`, "online"), "online");
      assert.equal(online.payload, "online");
      await watch.waitFor(on(`homeassistant/sensor/a1mb_${SERIAL}/power_w/config`), "discovery");
      await watch.waitFor(on(`${PREFIX}/state`), "a state");
      const s = (await status(httpPort)).mqtt;
      assert.equal(s.reconnects, 1);
      assert.equal(s.connected, true);
      await watch.stop();
    } finally {
      assert.equal(await a1mb.stop(), 0);
    }
  });
});

Deno.test("mqtt: a bad password is reported as not authorized, retried with back-off, not in a storm", async () => {
  await requirePymodbus();
  await withBroker(async (broker) => {
    const httpPort = freePort();
    const tcpPort = freePort();
    const socketDir = await Deno.makeTempDir();
    const socket = `${socketDir}/control.sock`;
    let a1mb: A1mbProcess | null = null;
    try {
      a1mb = await startA1mb(
        config(
          `url = "mqtt://127.0.0.1:${broker.port}"\nusername = "a1mb"\npassword = "wrong"`,
          httpPort,
          tcpPort,
        ).replace('socket = ""', `socket = "${socket}"`),
      );
      const line = await a1mb.waitForLog(/MQTT: cannot connect to /);
      assert.match(
        line,
        /the broker refused the connection: not authorized \(check mqtt\.username and the password\); trying again with back-off \(1…30 s\)/,
      );
      const first = performance.now();
      await new Promise((r) => setTimeout(r, 8000));
      const window = (performance.now() - first) / 1000;
      // Back-off 1, 2, 4 s: attempts at about 0, 1, 3 and 7 s (a fixed 1 s retry would make 9).
      const attempts = broker.count(/New connection from 127\.0\.0\.1/);
      assert.ok(attempts >= 3 && attempts <= 5, `${attempts} attempts in ${window.toFixed(1)} s`);
      assert.equal(a1mb.count(/MQTT: cannot connect to /), 1, "the same reason is logged once");
      const s = (await status(httpPort)).mqtt;
      assert.equal(s.connected, false);
      assert.match(String(s.last_error), /not authorized/);
      assert.equal(s.connect_attempts, attempts);
      const text = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "main.ts", "status", "--socket", socket],
        cwd: ROOT,
        stdout: "piped",
      }).output();
      assert.match(
        new TextDecoder().decode(text.stdout),
        /^MQTT: mqtt:\/\/127\.0\.0\.1:\d+ not connected, next attempt in [\d.]+ s; 0 states published, \d+ dropped, 0 reconnects, \d connection attempts; last error: the broker refused the connection: not authorized/m,
      );
      await modbusServes(tcpPort);
    } finally {
      assert.equal(await a1mb?.stop(), 0);
      await Deno.remove(socketDir, { recursive: true });
    }
  }, { users: { a1mb: "right" } });
});

Deno.test("mqtt: TLS with a CA file and a password file; a broker signed by an unknown CA is refused, clearly", async () => {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-tls-" });
  const ca = await makeTestCa(dir);
  const passwordFile = `${dir}/mqtt.password`;
  await Deno.writeTextFile(passwordFile, "s3cret\n");
  try {
    await withBroker(async (broker) => {
      const watch = await observe(broker, [`${PREFIX}/#`], {
        host: "localhost",
        user: "watcher",
        password: "watch",
        caFile: ca.caCert,
      });
      const url = `url = "mqtts://localhost:${broker.port}"\nusername = "a1mb"`;
      const httpPort = freePort();
      const trusted = await startA1mb(config(
        `${url}\nca_file = "${ca.caCert}"\npassword_file = "${passwordFile}"`,
        httpPort,
        freePort(),
      ));
      try {
        const state = await watch.waitFor(on(`${PREFIX}/state`), "a state over TLS");
        assert.deepStrictEqual(JSON.parse(state.payload), BE_13_MONTHS_STATE);
        assert.equal((await status(httpPort)).mqtt.connected, true);
      } finally {
        assert.equal(await trusted.stop(), 0);
      }
      // No ca_file: only the system's CAs are trusted, and the test CA is not one of them.
      const untrusted = await startA1mb(
        config(`${url}\npassword_file = "${passwordFile}"`, freePort(), freePort()),
      );
      try {
        assert.match(
          await untrusted.waitForLog(/MQTT: cannot connect to /),
          /mqtts:\/\/localhost:\d+ as a1mb-\S+: TLS: self-signed certificate in certificate chain \(SELF_SIGNED_CERT_IN_CHAIN\)/,
        );
      } finally {
        assert.equal(await untrusted.stop(), 0);
      }
      // A password file that cannot be read: said, with its path, and retried.
      const missing = await startA1mb(config(
        `${url}\nca_file = "${ca.caCert}"\npassword_file = "${dir}/nope"`,
        freePort(),
        freePort(),
      ));
      try {
        assert.match(
          await missing.waitForLog(/MQTT: cannot connect to /),
          new RegExp(`cannot read the password file "${dir}/nope": No such file or directory`),
        );
      } finally {
        assert.equal(await missing.stop(), 0);
      }
      await watch.stop();
    }, { tls: ca, users: { a1mb: "s3cret", watcher: "watch" } });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("mqtt: a frozen broker holds one state in flight and the newest waiting, drops the rest; Modbus serves", async () => {
  await requirePymodbus();
  await withBroker(async (broker) => {
    const httpPort = freePort();
    const tcpPort = freePort();
    const a1mb = await startA1mb(
      config(`url = "mqtt://127.0.0.1:${broker.port}"`, httpPort, tcpPort),
    );
    let stopped = false;
    try {
      await a1mb.waitForLog(/MQTT: connected to /);
      await new Promise((r) => setTimeout(r, 1000));
      // The broker stops answering (its socket stays open: no PUBACK ever comes).
      Deno.kill(broker.pid, "SIGSTOP");
      const before = (await status(httpPort)).mqtt;
      await new Promise((r) => setTimeout(r, 3000));
      await modbusServes(tcpPort);
      const frozen = (await status(httpPort)).mqtt;
      // Telegrams every 500 ms: about six while frozen, all but the newest dropped unsent.
      assert.equal(frozen.connected, true);
      assert.ok(Number(frozen.published) <= Number(before.published) + 1, JSON.stringify(frozen));
      assert.ok(Number(frozen.dropped) >= Number(before.dropped) + 3, JSON.stringify(frozen));
      Deno.kill(broker.pid, "SIGCONT");
      // The broker catches up: states are acknowledged again, nothing was lost but the dropped.
      const deadline = performance.now() + 5000;
      let thawed = frozen;
      while (Number(thawed.published) < Number(frozen.published) + 3) {
        assert.ok(performance.now() < deadline, JSON.stringify(thawed));
        await new Promise((r) => setTimeout(r, 200));
        thawed = (await status(httpPort)).mqtt;
      }
      assert.equal(thawed.reconnects, 0, "the connection held");
      assert.equal(a1mb.count(/\[ERR\]|\[FTL\]/), 0, a1mb.lines.join("\n"));
      // Stopping while the broker is frozen: "offline" is never acknowledged, the stop still
      // completes in time.
      Deno.kill(broker.pid, "SIGSTOP");
      const t0 = performance.now();
      stopped = true;
      assert.equal(await a1mb.stop(), 0);
      const stopS = (performance.now() - t0) / 1000;
      assert.ok(stopS < 2.5, `stopped in ${stopS} s`);
    } finally {
      Deno.kill(broker.pid, "SIGCONT");
      if (!stopped) await a1mb.stop();
    }
  });
});
