import assert from "node:assert/strict";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../../../protocol/dsmr/measurements.ts";
import {
  homeWizardData,
  homeWizardDevice,
  yymmddhhmmss,
} from "../../../protocol/homewizard/v1_data.ts";
import { fixture } from "../dsmr/_fixtures.ts";
import { EXPECTED_DATA } from "./_expected.ts";

function dataOf(file: string) {
  const result = decodeTelegram(fixture(file), { crc: "optional" });
  if (!result.ok) throw new Error(`${file}: ${result.reason}`);
  return homeWizardData(result.reading, measurementsFromReading(result.reading));
}

for (const c of EXPECTED_DATA) {
  Deno.test(`homewizard v1 data of ${c.file} (${c.about}) is exactly the telegram's values`, () => {
    // deepEqual on the JSON text's parse: key for key, value for value, nothing extra.
    assert.deepEqual(JSON.parse(JSON.stringify(dataOf(c.file))), c.data);
  });
}

Deno.test("homewizard v1 data leaves out what the telegram lacks instead of serving 0", () => {
  const data = dataOf("influx-recorder_BE_1ph_50216_nogas.txt");
  for (
    const absent of [
      "active_power_l2_w",
      "active_voltage_l2_v",
      "active_current_l3_a",
      "total_gas_m3",
      "gas_timestamp",
      "active_power_average_w",
      "montly_power_peak_w",
      "external",
      "voltage_sag_l1_count",
    ]
  ) {
    assert.equal(absent in data, false, absent);
  }
});

Deno.test("homewizard v1 data keeps the telegram's 0 for a gas reading sent without a unit", () => {
  // 0-1:24.2.1(632525252525S)(00000.000): a placeholder time, no unit, value 0.
  const data = dataOf("edge_gas-invalid-timestamp_V5.txt");
  assert.equal(data.total_gas_m3, 0);
  assert.equal("gas_timestamp" in data, false);
  assert.equal("external" in data, false);
});

Deno.test("homewizard v1 data names the month peak as HomeWizard spells it (montly)", () => {
  const data = dataOf("dsmr_parser_FLUVIUS_V171.txt");
  assert.equal(data.montly_power_peak_w, 2589);
  assert.equal("monthly_power_peak_w" in data, false);
});

Deno.test("homewizard timestamps are the meter's local time as yymmddhhmmss", () => {
  // (200512134558S): 13:45:58 local summer time is 11:45:58 UTC.
  assert.equal(
    yymmddhhmmss({ epochMs: Date.UTC(2020, 4, 12, 11, 45, 58), offsetMinutes: 120 }),
    200512134558,
  );
  // (240101000000W): midnight local winter time is 23:00 UTC the day before.
  assert.equal(
    yymmddhhmmss({ epochMs: Date.UTC(2023, 11, 31, 23, 0, 0), offsetMinutes: 60 }),
    240101000000,
  );
});

Deno.test("homewizard /api says HWE-P1, API v1, with the serial and version given", () => {
  assert.deepEqual(homeWizardDevice("3c39e7aabbcc", "0.1.0"), {
    product_type: "HWE-P1",
    product_name: "P1 meter (a1mb)",
    serial: "3c39e7aabbcc",
    firmware_version: "0.1.0",
    api_version: "v1",
  });
});
