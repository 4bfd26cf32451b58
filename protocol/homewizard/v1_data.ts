/**
 * The HomeWizard P1 meter's local API v1 (`GET /api/v1/data`) as a pure function of one decoded
 * telegram: the field names HomeWizard documents (including its own spelling
 * `montly_power_peak_w`), values as the telegram gives them, and a field the telegram lacks left
 * out, never 0.
 *
 * - Energies in kWh, powers in W (import minus export, so export is negative), voltages in V,
 *   currents in A as the meter sends them (magnitudes).
 * - `unique_id`, `gas_unique_id` and `external[].unique_id`: the equipment id as the telegram
 *   sends it (`0-0:96.1.1`, else `96.1.0`): the hex of its ASCII, as HomeWizard passes it on
 *   (clients decode it back).
 * - Timestamps (`gas_timestamp`, `montly_power_peak_timestamp`, `external[].timestamp`): the
 *   meter's local time as the number `yymmddhhmmss`.
 * - `smr_version`: `1-3:0.2.8` (DSMR: 42, 50); on a Belgian e-MUCS meter the DSMR version its
 *   `0-0:96.1.4` names (`50217` = DSMR P1 5.0.2, e-MUCS 1.7 → 50).
 * - `meter_model`: the telegram's identification line (the text after `/`).
 *
 * @module
 */
import { netPower, totalEnergy } from "../dsmr/derived_values.ts";
import { mbusReading, type Measurements } from "../dsmr/measurements.ts";
import { type CosemValue, type Instant, localFields, type MeterReading } from "../dsmr/reading.ts";

/** One externally connected M-Bus meter (gas, water, heat) of `/api/v1/data`'s `external`. */
export interface HomeWizardExternal {
  readonly unique_id: string;
  readonly type: string;
  readonly timestamp: number;
  readonly value: number;
  readonly unit: string;
}

/** The body of `GET /api/v1/data`: every field is optional, as in HomeWizard's API. */
export type HomeWizardData = Readonly<
  Record<string, number | string | readonly HomeWizardExternal[]>
>;

/** The M-Bus device type of a gas meter (`0-n:24.1.0`). */
const GAS_DEVICE_TYPE = 3;

/** HomeWizard's `external[].type` for each M-Bus device type code (`0-n:24.1.0`). */
const EXTERNAL_TYPES: Readonly<Record<number, string>> = {
  3: "gas_meter",
  4: "heat_meter",
  6: "warm_water_meter",
  7: "water_meter",
  12: "inlet_heat_meter",
};

/** Counters the telegram carries as plain numbers, by HomeWizard name. */
const COUNTERS: readonly (readonly [string, string])[] = [
  ["voltage_sag_l1_count", "1-0:32.32.0"],
  ["voltage_sag_l2_count", "1-0:52.32.0"],
  ["voltage_sag_l3_count", "1-0:72.32.0"],
  ["voltage_swell_l1_count", "1-0:32.36.0"],
  ["voltage_swell_l2_count", "1-0:52.36.0"],
  ["voltage_swell_l3_count", "1-0:72.36.0"],
  ["any_power_fail_count", "0-0:96.7.21"],
  ["long_power_fail_count", "0-0:96.7.9"],
];

/**
 * The `GET /api/v1/data` body of one telegram.
 *
 * @param reading The decoded telegram.
 * @param m Its measurements ({@linkcode measurementsFromReading}).
 * @returns The fields the telegram has values for, in HomeWizard's order.
 *
 * @example
 * ```ts
 * import { decodeTelegram } from "../dsmr/decode_telegram.ts";
 * import { measurementsFromReading } from "../dsmr/measurements.ts";
 * import { homeWizardData } from "./v1_data.ts";
 *
 * const text = "/ISk5\\2MT382-1000\r\n\r\n1-0:1.7.0(00.244*kW)\r\n1-0:2.7.0(00.000*kW)\r\n!";
 * const result = decodeTelegram(new TextEncoder().encode(text), { crc: "optional" });
 * if (!result.ok) throw new Error(result.reason);
 * const data = homeWizardData(result.reading, measurementsFromReading(result.reading));
 * // data.active_power_w === 244; data.total_gas_m3 === undefined (no gas meter in the telegram)
 * ```
 */
export function homeWizardData(reading: MeterReading, m: Measurements): HomeWizardData {
  const o = reading.objects;
  const out: Record<string, number | string | readonly HomeWizardExternal[]> = {};
  const put = (name: string, value: number | string | undefined) => {
    if (value !== undefined) out[name] = value;
  };
  put("smr_version", smrVersion(o.get("1-3:0.2.8"), o.get("0-0:96.1.4")));
  if (reading.header !== "") put("meter_model", reading.header);
  put("unique_id", rawId(o.get("0-0:96.1.1")) ?? rawId(o.get("0-0:96.1.0")));
  put("active_tariff", m.tariff);
  put(
    "total_power_import_kwh",
    totalEnergy(m.energyImportTotalkWh, m.energyImportT1kWh, m.energyImportT2kWh),
  );
  put("total_power_import_t1_kwh", m.energyImportT1kWh);
  put("total_power_import_t2_kwh", m.energyImportT2kWh);
  put(
    "total_power_export_kwh",
    totalEnergy(m.energyExportTotalkWh, m.energyExportT1kWh, m.energyExportT2kWh),
  );
  put("total_power_export_t1_kwh", m.energyExportT1kWh);
  put("total_power_export_t2_kwh", m.energyExportT2kWh);
  put("active_power_w", netPower(m.powerImportW, m.powerExportW));
  put("active_power_l1_w", netPower(m.powerImportL1W, m.powerExportL1W));
  put("active_power_l2_w", netPower(m.powerImportL2W, m.powerExportL2W));
  put("active_power_l3_w", netPower(m.powerImportL3W, m.powerExportL3W));
  put("active_voltage_l1_v", m.voltageL1V);
  put("active_voltage_l2_v", m.voltageL2V);
  put("active_voltage_l3_v", m.voltageL3V);
  put("active_current_l1_a", m.currentL1A);
  put("active_current_l2_a", m.currentL2A);
  put("active_current_l3_a", m.currentL3A);
  put("active_frequency_hz", m.frequencyHz);
  for (const [name, code] of COUNTERS) put(name, plainNumber(o.get(code)));
  put("active_power_average_w", m.demandAverageW);
  put("montly_power_peak_w", m.demandMaxMonthW);
  const peak = o.get("1-0:1.6.0");
  if (m.demandMaxMonthW !== undefined && peak?.kind === "timedNumber" && peak.timestamp !== null) {
    out.montly_power_peak_timestamp = yymmddhhmmss(peak.timestamp);
  }
  const external = externalMeters(reading);
  put("total_gas_m3", m.gasM3);
  // The channel the gas value came from: the same choice measurementsFromReading made.
  const gas = mbusReading(reading, GAS_DEVICE_TYPE);
  if (gas !== undefined) {
    put("gas_timestamp", gas.capturedAt === null ? undefined : yymmddhhmmss(gas.capturedAt));
    put(
      "gas_unique_id",
      rawId(o.get(`0-${gas.channel}:96.1.1`)) ?? rawId(o.get(`0-${gas.channel}:96.1.0`)),
    );
  }
  const complete = external.filter((e) => e.device.unique_id !== "" && e.timestamp !== null);
  if (complete.length > 0) out.external = complete.map((e) => e.device);
  return out;
}

/** An M-Bus channel's reading, before the completeness check. */
interface ChannelReading {
  readonly device: HomeWizardExternal;
  readonly timestamp: Instant | null;
}

/** The M-Bus meters of the telegram (channels 1…9) with a known device type and a value. */
function externalMeters(reading: MeterReading): ChannelReading[] {
  const o = reading.objects;
  const found: ChannelReading[] = [];
  for (let n = 1; n <= 9; n++) {
    const type = EXTERNAL_TYPES[codeNumber(o.get(`0-${n}:24.1.0`)) ?? -1];
    if (type === undefined) continue;
    const value = o.get(`0-${n}:24.2.3`) ?? o.get(`0-${n}:24.2.1`) ?? o.get(`0-${n}:24.3.0`);
    if (value?.kind !== "timedNumber" || value.unit === null) continue;
    const id = rawId(o.get(`0-${n}:96.1.1`)) ?? rawId(o.get(`0-${n}:96.1.0`)) ?? "";
    found.push({
      device: {
        unique_id: id,
        type,
        timestamp: value.timestamp === null ? 0 : yymmddhhmmss(value.timestamp),
        value: value.value,
        unit: value.unit.toLowerCase() === "m3" ? "m3" : value.unit,
      },
      timestamp: value.timestamp,
    });
  }
  return found;
}

/**
 * A meter timestamp as HomeWizard writes it: the meter's local time, `yymmddhhmmss`, as a number.
 *
 * @example
 * ```ts
 * import { yymmddhhmmss } from "./v1_data.ts";
 *
 * // 2020-05-12 13:45:58 summer time (+02:00), as the telegram's (200512134558S)
 * yymmddhhmmss({ epochMs: Date.UTC(2020, 4, 12, 11, 45, 58), offsetMinutes: 120 }); // 200512134558
 * ```
 */
export function yymmddhhmmss(instant: Instant): number {
  const t = localFields(instant);
  return ((((t.year % 100) * 100 + t.month) * 100 + t.day) * 100 + t.hour) * 10_000 +
    t.minute * 100 + t.second;
}

/** The SMR (DSMR) version: `1-3:0.2.8` as a number, else the first two digits of e-MUCS' `96.1.4`. */
function smrVersion(
  dsmr: CosemValue | undefined,
  emucs: CosemValue | undefined,
): number | undefined {
  const version = codeNumber(dsmr);
  if (version !== undefined) return version;
  if (emucs?.kind !== "text" || !/^[0-9]{5}$/.test(emucs.raw)) return undefined;
  return Number(emucs.raw.slice(0, 2));
}

/** An id object's text as sent (the hex digits), or undefined when absent or empty. */
function rawId(v: CosemValue | undefined): string | undefined {
  return v?.kind === "text" && v.raw !== "" ? v.raw : undefined;
}

/** A short all-digit code (`0001`, `003`, `50`) as a number. */
function codeNumber(v: CosemValue | undefined): number | undefined {
  if (v?.kind !== "text" || !/^[0-9]{1,6}$/.test(v.raw)) return undefined;
  return Number(v.raw);
}

/** A number sent without a unit (event counters). */
function plainNumber(v: CosemValue | undefined): number | undefined {
  return v?.kind === "number" && v.unit === null ? v.value : undefined;
}

/** The body of `GET /api`: what a HomeWizard P1 meter says about itself. */
export interface HomeWizardDevice {
  readonly product_type: "HWE-P1";
  readonly product_name: string;
  readonly serial: string;
  readonly firmware_version: string;
  readonly api_version: "v1";
}

/** `product_name` of a1mb's `/api`: HomeWizard's name for the dongle, and what really answers. */
export const PRODUCT_NAME = "P1 meter (a1mb)";

/**
 * The `GET /api` body.
 *
 * @param serial 12 hex digits (a HomeWizard dongle's MAC address).
 * @param firmwareVersion The version of the software answering.
 *
 * @example
 * ```ts
 * import { homeWizardDevice } from "./v1_data.ts";
 *
 * homeWizardDevice("3c39e7aabbcc", "0.1.0").api_version; // "v1"
 * ```
 */
export function homeWizardDevice(serial: string, firmwareVersion: string): HomeWizardDevice {
  return {
    product_type: "HWE-P1",
    product_name: PRODUCT_NAME,
    serial,
    firmware_version: firmwareVersion,
    api_version: "v1",
  };
}
