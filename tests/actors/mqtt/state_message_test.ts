import assert from "node:assert/strict";
import { STATE_SENSORS, stateMessage } from "../../../actors/mqtt/state_message.ts";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import { measurementsFromReading } from "../../../protocol/dsmr/measurements.ts";
import type { MeterReading } from "../../../protocol/dsmr/reading.ts";
import { fixture, frameAll } from "../../protocol/dsmr/_fixtures.ts";
import { BE_13_MONTHS_FILE, BE_13_MONTHS_STATE } from "./_fixtures.ts";

function reading(bytes: Uint8Array): MeterReading {
  const result = decodeTelegram(bytes, { crc: "required" });
  assert.ok(result.ok);
  return result.reading;
}

const state = (r: MeterReading) => stateMessage(measurementsFromReading(r), r);

Deno.test("state message of a full Belgian telegram holds the telegram's values", () => {
  const frame = frameAll(fixture(BE_13_MONTHS_FILE)).frames[0]!;
  assert.deepStrictEqual(state(reading(frame)), BE_13_MONTHS_STATE);
});

Deno.test("state message leaves out what the telegram lacks, never 0", () => {
  const r = reading(encodeTelegram("TST5", ["1-0:2.7.0(01.250*kW)", "1-0:1.8.1(000001.000*kWh)"]));
  // Export only: net power is −1250 W. One tariff (a single-tariff meter): the total is that
  // tariff, as the registers count it. No export energy sent: no export total, never 0.
  assert.deepStrictEqual(state(r), {
    power_w: -1250,
    power_export_w: 1250,
    energy_import_kwh: 1,
    energy_import_t1_kwh: 1,
  });
});

Deno.test("state message prefers the total energy the telegram sends over the sum", () => {
  const r = reading(encodeTelegram("TST5", [
    "1-0:1.8.0(000010.000*kWh)",
    "1-0:1.8.1(000001.000*kWh)",
    "1-0:1.8.2(000002.000*kWh)",
  ]));
  assert.equal(state(r).energy_import_kwh, 10);
});

Deno.test("state sensors: power, voltage, current are measurements; energy and gas total_increasing", () => {
  for (const s of STATE_SENSORS) {
    const expected = s.unit === "W" || s.unit === "V" || s.unit === "A"
      ? "measurement"
      : s.unit === "kWh" || s.unit === "m³"
      ? "total_increasing"
      : undefined;
    assert.equal(s.stateClass, expected, s.key);
    if (s.unit === "W") assert.equal(s.deviceClass, "power", s.key);
    if (s.unit === "kWh") assert.equal(s.deviceClass, "energy", s.key);
    if (s.key.endsWith("_time") || s.key === "time") assert.equal(s.deviceClass, "timestamp");
  }
  const keys = STATE_SENSORS.map((s) => s.key);
  assert.equal(new Set(keys).size, keys.length, "unique keys");
});
