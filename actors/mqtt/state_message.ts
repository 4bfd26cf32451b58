/**
 * The JSON state message a1mb publishes on every accepted telegram (`<topic_prefix>/state`),
 * and the sensors it holds as Home Assistant should see them. One table ({@linkcode
 * STATE_SENSORS}) gives each field's key, its value from the telegram, and its device class,
 * state class and unit, so the message and the discovery cannot disagree.
 *
 * Values are the telegram's, in W, V, A, kWh and m³: net power is import − export (export
 * negative), per phase likewise; a total energy the telegram lacks (1.8.0, 2.8.0) is the sum of
 * its two tariffs. A field the telegram does not carry is left out, never 0.
 *
 * @module
 */
import { netPower, totalEnergy } from "../../protocol/dsmr/derived_values.ts";
import { mbusReading, type Measurements } from "../../protocol/dsmr/measurements.ts";
import { formatInstant, type MeterReading } from "../../protocol/dsmr/reading.ts";

/** A value of the state message. */
export type StateValue = number | string;

/** One field of the state message and the Home Assistant sensor that shows it. */
export interface SensorDef {
  /** JSON key, and the sensor's object id. */
  readonly key: string;
  /** The entity's name in Home Assistant (after the device's name). */
  readonly name: string;
  readonly unit?: string;
  /** Home Assistant `device_class`. */
  readonly deviceClass?: string;
  /** Home Assistant `state_class`: `measurement`, or `total_increasing` for meter readings. */
  readonly stateClass?: "measurement" | "total_increasing";
  /** Shown among the device's diagnostic entities. */
  readonly diagnostic?: boolean;
  /** Suggested display precision (decimals). */
  readonly precision?: number;
  /** In the JSON only, not announced as a sensor (it changes with every telegram). */
  readonly unannounced?: boolean;
}

/** A state field: its sensor and how its value comes from the telegram. */
interface StateField extends SensorDef {
  readonly value: (m: Measurements, r: MeterReading) => StateValue | undefined;
}

/** The capture time of a timed object (the month's peak), ISO 8601 with the meter's offset. */
function capturedAt(r: MeterReading, code: string): string | undefined {
  const v = r.objects.get(code);
  return v?.kind === "timedNumber" && v.timestamp !== null ? formatInstant(v.timestamp) : undefined;
}

/** The time of an M-Bus device's reading, ISO 8601 with the meter's offset. */
function mbusTime(r: MeterReading, deviceType: number): string | undefined {
  const at = mbusReading(r, deviceType)?.capturedAt;
  return at === null || at === undefined ? undefined : formatInstant(at);
}

const POWER = { unit: "W", deviceClass: "power", stateClass: "measurement", precision: 0 } as const;
const VOLTAGE = {
  unit: "V",
  deviceClass: "voltage",
  stateClass: "measurement",
  precision: 1,
} as const;
const CURRENT = {
  unit: "A",
  deviceClass: "current",
  stateClass: "measurement",
  precision: 2,
} as const;
const ENERGY = {
  unit: "kWh",
  deviceClass: "energy",
  stateClass: "total_increasing",
  precision: 3,
} as const;
const TIMESTAMP = { deviceClass: "timestamp" } as const;

/** Every field of the state message, in the order it is written. */
const FIELDS: readonly StateField[] = [
  {
    key: "time",
    name: "Meter time",
    ...TIMESTAMP,
    unannounced: true,
    value: (_, r) => {
      const v = r.objects.get("0-0:1.0.0");
      return v?.kind === "timestamp" && v.value !== null ? formatInstant(v.value) : undefined;
    },
  },
  { key: "tariff", name: "Tariff", value: (m) => m.tariff },
  {
    key: "power_w",
    name: "Power",
    ...POWER,
    value: (m) => netPower(m.powerImportW, m.powerExportW),
  },
  {
    key: "power_l1_w",
    name: "Power L1",
    ...POWER,
    value: (m) => netPower(m.powerImportL1W, m.powerExportL1W),
  },
  {
    key: "power_l2_w",
    name: "Power L2",
    ...POWER,
    value: (m) => netPower(m.powerImportL2W, m.powerExportL2W),
  },
  {
    key: "power_l3_w",
    name: "Power L3",
    ...POWER,
    value: (m) => netPower(m.powerImportL3W, m.powerExportL3W),
  },
  { key: "power_import_w", name: "Power import", ...POWER, value: (m) => m.powerImportW },
  { key: "power_export_w", name: "Power export", ...POWER, value: (m) => m.powerExportW },
  { key: "voltage_l1_v", name: "Voltage L1", ...VOLTAGE, value: (m) => m.voltageL1V },
  { key: "voltage_l2_v", name: "Voltage L2", ...VOLTAGE, value: (m) => m.voltageL2V },
  { key: "voltage_l3_v", name: "Voltage L3", ...VOLTAGE, value: (m) => m.voltageL3V },
  { key: "current_l1_a", name: "Current L1", ...CURRENT, value: (m) => m.currentL1A },
  { key: "current_l2_a", name: "Current L2", ...CURRENT, value: (m) => m.currentL2A },
  { key: "current_l3_a", name: "Current L3", ...CURRENT, value: (m) => m.currentL3A },
  {
    key: "energy_import_t1_kwh",
    name: "Energy import tariff 1",
    ...ENERGY,
    value: (m) => m.energyImportT1kWh,
  },
  {
    key: "energy_import_t2_kwh",
    name: "Energy import tariff 2",
    ...ENERGY,
    value: (m) => m.energyImportT2kWh,
  },
  {
    key: "energy_import_kwh",
    name: "Energy import",
    ...ENERGY,
    value: (m) => totalEnergy(m.energyImportTotalkWh, m.energyImportT1kWh, m.energyImportT2kWh),
  },
  {
    key: "energy_export_t1_kwh",
    name: "Energy export tariff 1",
    ...ENERGY,
    value: (m) => m.energyExportT1kWh,
  },
  {
    key: "energy_export_t2_kwh",
    name: "Energy export tariff 2",
    ...ENERGY,
    value: (m) => m.energyExportT2kWh,
  },
  {
    key: "energy_export_kwh",
    name: "Energy export",
    ...ENERGY,
    value: (m) => totalEnergy(m.energyExportTotalkWh, m.energyExportT1kWh, m.energyExportT2kWh),
  },
  {
    key: "demand_average_w",
    name: "Demand, quarter-hour average",
    ...POWER,
    value: (m) => m.demandAverageW,
  },
  {
    key: "demand_max_month_w",
    name: "Demand, peak of the month",
    ...POWER,
    value: (m) => m.demandMaxMonthW,
  },
  {
    key: "demand_max_month_time",
    name: "Demand, time of the month's peak",
    ...TIMESTAMP,
    value: (_, r) => capturedAt(r, "1-0:1.6.0"),
  },
  {
    key: "gas_m3",
    name: "Gas",
    unit: "m³",
    deviceClass: "gas",
    stateClass: "total_increasing",
    precision: 3,
    value: (m) => m.gasM3,
  },
  { key: "gas_time", name: "Gas reading time", ...TIMESTAMP, value: (_, r) => mbusTime(r, 3) },
  {
    key: "water_m3",
    name: "Water",
    unit: "m³",
    deviceClass: "water",
    stateClass: "total_increasing",
    precision: 3,
    value: (m) => m.waterM3,
  },
  {
    key: "water_time",
    name: "Water reading time",
    ...TIMESTAMP,
    value: (_, r) => mbusTime(r, 7),
  },
];

/** The sensors of the state message, in order (their keys are the JSON keys). */
export const STATE_SENSORS: readonly SensorDef[] = FIELDS.map(({ value: _, ...def }) => def);

/**
 * The state message of one telegram: every field it carries, in {@linkcode STATE_SENSORS} order.
 *
 * @example
 * ```ts
 * import { decodeTelegram } from "../../protocol/dsmr/decode_telegram.ts";
 * import { measurementsFromReading } from "../../protocol/dsmr/measurements.ts";
 * import { stateMessage } from "./state_message.ts";
 * const text = "/TST5\r\n\r\n1-0:1.7.0(01.193*kW)\r\n1-0:2.7.0(00.000*kW)\r\n!";
 * const decoded = decodeTelegram(new TextEncoder().encode(text), { crc: "optional" });
 * if (decoded.ok) {
 *   stateMessage(measurementsFromReading(decoded.reading), decoded.reading);
 *   // { power_w: 1193, power_import_w: 1193, power_export_w: 0 }
 * }
 * ```
 */
export function stateMessage(m: Measurements, r: MeterReading): Record<string, StateValue> {
  const out: Record<string, StateValue> = {};
  for (const field of FIELDS) {
    const value = field.value(m, r);
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}
