import assert from "node:assert/strict";
import { observe, type Observer, publishWithMosquittoPub } from "../_mosquitto.ts";
import { BE_13_MONTHS_STATE } from "../actors/mqtt/_fixtures.ts";
import { freePort, startA1mb } from "./_a1mb_process.ts";
import { config, on, PREFIX, SERIAL, status, withBroker } from "./_mqtt.ts";

Deno.test("mqtt: Home Assistant discovers the meter and the state holds the telegram's values (real mosquitto)", async () => {
  await withBroker(async (broker) => {
    const watch = await observe(broker, ["homeassistant/#", "a1mb/#"]);
    const httpPort = freePort();
    // QoS 2: the broker takes only 20 unacknowledged QoS 2 messages from a client and drops the
    // rest, so this also proves the discovery burst goes out a window at a time.
    const a1mb = await startA1mb(
      config(`url = "mqtt://127.0.0.1:${broker.port}"\nqos = 2`, httpPort, freePort()),
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
async function offlineAfter(watch: Observer, since: number) {
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
