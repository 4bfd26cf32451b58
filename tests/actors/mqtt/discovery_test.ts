import assert from "node:assert/strict";
import { type DiscoveryContext, discoveryMessages } from "../../../actors/mqtt/discovery.ts";

const CTX: DiscoveryContext = {
  discoveryPrefix: "homeassistant",
  topicPrefix: "a1mb/1SAG3100138726",
  serial: "1SAG3100138726",
  variantId: "sdm630",
  variantModel: "Eastron SDM630-Modbus V2",
  swVersion: "0.1.0",
  expireAfterS: 25,
};

const configs = (keys: string[]) =>
  new Map(
    discoveryMessages(CTX, new Set(keys)).map((m) => {
      assert.equal(m.retain, true, m.topic);
      return [m.topic, JSON.parse(m.payload)];
    }),
  );

Deno.test("discovery announces the sensors the meter sends and the diagnostics, one device", () => {
  const all = configs(["time", "power_w", "energy_import_kwh", "gas_m3"]);
  assert.deepEqual([...all.keys()], [
    // The meter's clock is in the JSON only: it changes every second.
    "homeassistant/sensor/a1mb_1SAG3100138726/power_w/config",
    "homeassistant/sensor/a1mb_1SAG3100138726/energy_import_kwh/config",
    "homeassistant/sensor/a1mb_1SAG3100138726/gas_m3/config",
    "homeassistant/sensor/a1mb_1SAG3100138726/last_telegram_age_s/config",
    "homeassistant/sensor/a1mb_1SAG3100138726/telegrams_accepted/config",
    "homeassistant/sensor/a1mb_1SAG3100138726/telegrams_rejected/config",
    "homeassistant/sensor/a1mb_1SAG3100138726/modbus_requests/config",
  ]);
  const power = all.get("homeassistant/sensor/a1mb_1SAG3100138726/power_w/config");
  assert.deepEqual(power, {
    name: "Power",
    unique_id: "a1mb_1SAG3100138726_power_w",
    state_topic: "a1mb/1SAG3100138726/state",
    value_template: "{{ value_json.power_w }}",
    unit_of_measurement: "W",
    device_class: "power",
    state_class: "measurement",
    suggested_display_precision: 0,
    expire_after: 25,
    availability_topic: "a1mb/1SAG3100138726/availability",
    payload_available: "online",
    payload_not_available: "offline",
    device: {
      identifiers: ["a1mb_1SAG3100138726"],
      name: "P1 meter 1SAG3100138726",
      manufacturer: "a1mb",
      model: "a1mb-sdm630 (P1 to Modbus, as Eastron SDM630-Modbus V2)",
      model_id: "sdm630",
      sw_version: "0.1.0",
      serial_number: "1SAG3100138726",
    },
    origin: { name: "a1mb", sw_version: "0.1.0" },
  });
  const gas = all.get("homeassistant/sensor/a1mb_1SAG3100138726/gas_m3/config");
  assert.deepEqual([gas.device_class, gas.state_class, gas.unit_of_measurement], [
    "gas",
    "total_increasing",
    "m³",
  ]);
  const energy = all.get("homeassistant/sensor/a1mb_1SAG3100138726/energy_import_kwh/config");
  assert.deepEqual([energy.device_class, energy.state_class, energy.unit_of_measurement], [
    "energy",
    "total_increasing",
    "kWh",
  ]);
});

Deno.test("discovery puts the diagnostics on their own topic, without expiry", () => {
  const age = configs([]).get(
    "homeassistant/sensor/a1mb_1SAG3100138726/last_telegram_age_s/config",
  );
  assert.equal(age.state_topic, "a1mb/1SAG3100138726/diagnostics");
  assert.equal(age.entity_category, "diagnostic");
  assert.equal(age.device_class, "duration");
  assert.equal(age.unit_of_measurement, "s");
  assert.equal(age.expire_after, undefined);
  const requests = configs([]).get(
    "homeassistant/sensor/a1mb_1SAG3100138726/modbus_requests/config",
  );
  assert.equal(requests.state_class, "total_increasing");
});
