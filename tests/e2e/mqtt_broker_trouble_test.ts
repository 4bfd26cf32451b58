import assert from "node:assert/strict";
import { makeTestCa, observe } from "../_mosquitto.ts";
import { BE_13_MONTHS_STATE } from "../actors/mqtt/_fixtures.ts";
import { requirePymodbus } from "../interop/_masters.ts";
import { type A1mbProcess, freePort, ROOT, startA1mb } from "./_a1mb_process.ts";
import { config, modbusServes, on, PREFIX, SERIAL, status, withBroker } from "./_mqtt.ts";

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
