import assert from "node:assert/strict";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import {
  mbusReading,
  MEASUREMENT_KEYS,
  type Measurements,
  measurementsFromReading,
} from "../../../protocol/dsmr/measurements.ts";
import { fixture, frameAll } from "./_fixtures.ts";

function fromSample(file: string, crc: "required" | "optional" = "required"): Measurements {
  const result = decodeTelegram(frameAll(fixture(file)).frames[0]!, { crc });
  assert.ok(result.ok);
  return measurementsFromReading(result.reading);
}

function fromLines(lines: string[]): Measurements {
  const result = decodeTelegram(encodeTelegram("TST5", lines), { crc: "required" });
  assert.ok(result.ok);
  return measurementsFromReading(result.reading);
}

Deno.test("measurements of a full Belgian 3-phase telegram, in W, V, A, kWh", () => {
  assert.deepStrictEqual(fromSample("arduino-dsmr-fork_test_full_be_3x230V_13months.txt"), {
    equipmentId: "1SAG3100138726",
    meterTimeMs: Date.UTC(2024, 6, 8, 18, 7, 56), // 240708200756S = 20:07:56 UTC+2
    tariff: 1,
    powerImportW: 153,
    powerExportW: 0,
    powerImportL1W: 0,
    powerImportL2W: 0,
    powerImportL3W: 208,
    powerExportL1W: 55,
    powerExportL2W: 0,
    powerExportL3W: 0,
    voltageL1V: 233,
    voltageL2V: 0,
    voltageL3V: 233.9,
    currentL1A: 0.63,
    currentL2A: 0.75,
    currentL3A: 1.03,
    energyImportT1kWh: 9087.306,
    energyImportT2kWh: 9329.888,
    energyExportT1kWh: 5635.639,
    energyExportT2kWh: 2258.165,
    demandAverageW: 118,
    demandMaxMonthW: 1811,
    gasM3: 8538.167,
    breakerState: 1,
    limiterKW: 999.9,
  });
});

Deno.test("measurements leave out what the telegram does not carry (never 0 for absent)", () => {
  // A hand-trimmed Belgian telegram: version, month peak, history, a gas value without device type.
  assert.deepStrictEqual(fromSample("geduxas-arduino-dsmr_test_be_partial.txt"), {
    demandMaxMonthW: 1811,
  });
});

Deno.test("measurements take the multiplier from the unit: Wh and W integers (Austria)", () => {
  assert.deepStrictEqual(fromSample("dsmr_parser_SAGEMCOM_T210_D_R.txt"), {
    meterTimeMs: Date.UTC(2022, 9, 6, 13, 50, 14),
    energyImportTotalkWh: 6545.766,
    energyImportT1kWh: 5017.12,
    energyImportT2kWh: 1528.646,
    powerImportW: 286,
    energyExportTotalkWh: 0.058,
    energyExportT1kWh: 0,
    energyExportT2kWh: 0.058,
    powerExportW: 0,
  });
});

Deno.test("measurements of an EasyMeter telegram with *255 codes and power in W", () => {
  assert.deepStrictEqual(fromSample("dsmr_parser_ESY5Q3DB1024_V304.txt", "optional"), {
    energyImportTotalkWh: 52185.7825309,
    energyExportTotalkWh: 19949.3221493,
    powerImportL1W: 747.85,
    powerImportL2W: 737.28,
    powerImportL3W: 639.73,
    powerImportW: 2124.86,
  });
});

Deno.test("measurements of E.ON Hungary: totals, frequency, id from 0-0:96.1.0", () => {
  const m = fromSample("dsmr_parser_V5_EON_HU.txt");
  assert.equal(m.equipmentId, "890082200002160");
  assert.equal(m.frequencyHz, 50);
  assert.equal(m.energyImportTotalkWh, 173.64);
  assert.equal(m.energyExportTotalkWh, 627.177);
  assert.equal(m.powerExportW, 2601);
  assert.equal(m.limiterKW, 90);
  assert.equal(m.demandMaxMonthW, undefined);
});

Deno.test("measurements of DSMR 3: limiter in A left out, hourly gas on channel 1", () => {
  const m = fromSample("dsmr_parser_V3.txt", "optional");
  assert.equal(m.limiterKW, undefined);
  assert.equal(m.powerImportW, 1190);
  assert.equal(m.tariff, 2);
  assert.equal(m.gasM3, 1.001);
  assert.equal(m.equipmentId, "K8EG004046395507");
});

Deno.test("measurements find gas and water by device type on any channel", () => {
  const m = fromLines([
    "0-1:24.1.0(007)", // water on channel 1
    "0-1:24.2.1(231102121532W)(00008.579*m3)",
    "0-2:24.1.0(003)", // gas on channel 2, Belgian 24.2.3
    "0-2:24.2.3(231102121002W)(00092.287*m3)",
    "0-3:24.1.0(003)", // a second gas meter is ignored
    "0-3:24.2.3(231102121002W)(00001.000*m3)",
  ]);
  assert.deepStrictEqual(m, { waterM3: 8.579, gasM3: 92.287 });
});

Deno.test("M-Bus readings give the chosen channel's value and capture time", () => {
  const result = decodeTelegram(
    encodeTelegram("TST5", [
      "0-1:24.1.0(007)", // water on channel 1
      "0-1:24.2.1(231102121532W)(00008.579*m3)",
      "0-2:24.1.0(003)", // gas on channel 2, Belgian 24.2.3, winter time (UTC+1)
      "0-2:24.2.3(231102121002W)(00092.287*m3)",
    ]),
    { crc: "required" },
  );
  assert.ok(result.ok);
  assert.deepStrictEqual(mbusReading(result.reading, 3), {
    channel: 2,
    value: 92.287,
    capturedAt: { epochMs: Date.UTC(2023, 10, 2, 11, 10, 2), offsetMinutes: 60 },
  });
  assert.equal(mbusReading(result.reading, 7)?.channel, 1);
  // No device of that type: nothing, never a 0.
  assert.equal(mbusReading(result.reading, 4), undefined);
});

Deno.test("measurements normalize by unit, case-insensitively, and leave unknown units out", () => {
  const cases: [line: string, expected: Measurements][] = [
    ["1-0:1.7.0(01.005*kW)", { powerImportW: 1005 }], // no binary error from ×1000
    ["1-0:1.7.0(00.001*kw)", { powerImportW: 1 }], // lower-case unit
    ["1-0:1.7.0(000441*W)", { powerImportW: 441 }], // W as is
    ["1-0:1.7.0(01.000*MW)", {}], // unknown unit
    ["1-0:1.7.0(01.000)", {}], // no unit, not zero: cannot tell
    ["1-0:1.7.0(00.000)", { powerImportW: 0 }], // no unit, zero is zero
    ["1-0:1.8.1(000441879*Wh)", { energyImportT1kWh: 441.879 }], // Wh → kWh
    ["1-0:1.8.1(000441.879*KWH)", { energyImportT1kWh: 441.879 }], // upper-case unit
    ["1-0:32.7.0(230.1*kV)", {}], // voltage in an unknown unit
    ["0-0:17.0.0(99.999*kW)", { limiterKW: 99.999 }], // e-MUCS 50221 deactivated value
    ["0-0:17.0.0(016*A)", {}], // DSMR 3 limiter in A
    ["1-0:94.32.1(400)", { gridConfiguration: 400 }], // 50221 grid type
    ["0-0:96.14.0(0002)", { tariff: 2 }], // tariff code
    ["1-0:14.7.0(50.00*Hz)", { frequencyHz: 50 }], // frequency
  ];
  for (const [line, expected] of cases) {
    assert.deepStrictEqual(fromLines([line]), expected, line);
  }
});

Deno.test("measurement keys list every field once", () => {
  assert.equal(new Set(MEASUREMENT_KEYS).size, MEASUREMENT_KEYS.length);
  const all = fromSample("arduino-dsmr-fork_test_full_be_3x230V_13months.txt");
  for (const key of Object.keys(all)) assert.ok(MEASUREMENT_KEYS.includes(key as never), key);
});
