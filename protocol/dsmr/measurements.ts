/**
 * The flat, unit-normalized view of a reading that the rest of a1mb builds on.
 *
 * Rules:
 * - Every field is optional: absent means the telegram did not carry it (never 0 for absent).
 * - The multiplier comes from the unit the meter sent, matched case-insensitively, not from
 *   the OBIS code: power kW → W (×1000) or W; energy kWh or Wh (÷1000); an unknown unit
 *   leaves the field out. A value sent without unit is taken only when it is 0 (some meters
 *   drop the unit of a zero value); 0 is 0 in any unit.
 * - `equipmentId` is the decoded `0-0:96.1.1`, else `0-0:96.1.0` (E.ON Hungary, Iskra IE).
 * - Gas and water come from the M-Bus channel whose `0-n:24.1.0` device type is 3 (gas) or
 *   7 (water), lowest channel first; the value from `24.2.3`, else `24.2.1`, else the DSMR
 *   2.2/3 `24.3.0`.
 *
 * @module
 */

import type { CosemValue, Instant, MeterReading } from "./reading.ts";

/** Every field of {@linkcode Measurements}, in a stable order. */
export const MEASUREMENT_KEYS = [
  "equipmentId",
  "meterTimeMs",
  "tariff",
  "gridConfiguration",
  "powerImportW",
  "powerExportW",
  "powerImportL1W",
  "powerImportL2W",
  "powerImportL3W",
  "powerExportL1W",
  "powerExportL2W",
  "powerExportL3W",
  "voltageL1V",
  "voltageL2V",
  "voltageL3V",
  "currentL1A",
  "currentL2A",
  "currentL3A",
  "energyImportT1kWh",
  "energyImportT2kWh",
  "energyImportTotalkWh",
  "energyExportT1kWh",
  "energyExportT2kWh",
  "energyExportTotalkWh",
  "demandAverageW",
  "demandMaxMonthW",
  "frequencyHz",
  "gasM3",
  "waterM3",
  "breakerState",
  "limiterKW",
] as const;

/** One key of {@linkcode Measurements}. */
export type MeasurementKey = typeof MEASUREMENT_KEYS[number];

/** Normalized values of one telegram; a missing field was not in the telegram. */
export interface Measurements {
  /** Decoded equipment id (`0-0:96.1.1`, else `0-0:96.1.0`). */
  equipmentId?: string;
  /** Meter clock `0-0:1.0.0`, epoch ms. */
  meterTimeMs?: number;
  /** Active tariff `0-0:96.14.0` (1 or 2). */
  tariff?: number;
  /** Grid configuration `1-0:94.32.1`: 230 (3×230 V) or 400 (3N×400 V). */
  gridConfiguration?: number;
  /** `1-0:1.7.0`, W. */
  powerImportW?: number;
  /** `1-0:2.7.0`, W. */
  powerExportW?: number;
  /** `1-0:21.7.0`, W. */
  powerImportL1W?: number;
  /** `1-0:41.7.0`, W. */
  powerImportL2W?: number;
  /** `1-0:61.7.0`, W. */
  powerImportL3W?: number;
  /** `1-0:22.7.0`, W. */
  powerExportL1W?: number;
  /** `1-0:42.7.0`, W. */
  powerExportL2W?: number;
  /** `1-0:62.7.0`, W. */
  powerExportL3W?: number;
  /** `1-0:32.7.0`, V. */
  voltageL1V?: number;
  /** `1-0:52.7.0`, V. */
  voltageL2V?: number;
  /** `1-0:72.7.0`, V. */
  voltageL3V?: number;
  /** `1-0:31.7.0`, A. */
  currentL1A?: number;
  /** `1-0:51.7.0`, A. */
  currentL2A?: number;
  /** `1-0:71.7.0`, A. */
  currentL3A?: number;
  /** `1-0:1.8.1`, kWh. */
  energyImportT1kWh?: number;
  /** `1-0:1.8.2`, kWh. */
  energyImportT2kWh?: number;
  /** `1-0:1.8.0` when sent, kWh. */
  energyImportTotalkWh?: number;
  /** `1-0:2.8.1`, kWh. */
  energyExportT1kWh?: number;
  /** `1-0:2.8.2`, kWh. */
  energyExportT2kWh?: number;
  /** `1-0:2.8.0` when sent, kWh. */
  energyExportTotalkWh?: number;
  /** Current average demand `1-0:1.4.0`, W. */
  demandAverageW?: number;
  /** Maximum demand of the month `1-0:1.6.0`, W. */
  demandMaxMonthW?: number;
  /** `1-0:14.7.0` when sent, Hz. */
  frequencyHz?: number;
  /** Gas meter reading, m³. */
  gasM3?: number;
  /** Water meter reading, m³. */
  waterM3?: number;
  /** Breaker state `0-0:96.3.10`: 0 disconnected, 1 connected, 2 ready for reconnection. */
  breakerState?: number;
  /** Limiter threshold `0-0:17.0.0` when sent in kW or W, kW (999.9 = deactivated). */
  limiterKW?: number;
}

/** Unit (lower case) → power of ten to scale by: 3 = ×1000, -3 = ÷1000. */
type Scale = Readonly<Record<string, number>>;

const POWER_W: Scale = { kw: 3, w: 0 };
const POWER_KW: Scale = { kw: 0, w: -3 };
const ENERGY_KWH: Scale = { kwh: 0, wh: -3 };
const VOLT: Scale = { v: 0 };
const AMPERE: Scale = { a: 0 };
const HERTZ: Scale = { hz: 0 };
const CUBIC_METRE: Scale = { m3: 0 };
const NO_UNIT: Scale = {};

/** Scales a value by its unit; `undefined` for an unknown unit. */
function normalize(value: number, unit: string | null, scale: Scale): number | undefined {
  if (unit === null) return scale === NO_UNIT || value === 0 ? value : undefined;
  if (scale === NO_UNIT) return undefined;
  const power = scale[unit] ?? scale[unit.toLowerCase()];
  if (power === undefined) return undefined;
  if (power === 0) return value;
  const factor = power > 0 ? 10 ** power : 10 ** -power;
  // Fast exact path: a value with few enough decimals scales to an exact integer mantissa.
  if (power > 0) {
    const m = Math.round(value * factor);
    if (m / factor === value) return m;
  } else if (Number.isInteger(value)) {
    return value / factor; // correctly rounded, like the decimal literal
  }
  // Otherwise round away the binary error (the text had at most 15 significant digits).
  return Number((power > 0 ? value * factor : value / factor).toPrecision(15));
}

function numberOf(v: CosemValue | undefined, scale: Scale): number | undefined {
  if (v === undefined) return undefined;
  if (v.kind === "number" || v.kind === "timedNumber") return normalize(v.value, v.unit, scale);
  return undefined;
}

function textOf(v: CosemValue | undefined): string | undefined {
  return v !== undefined && v.kind === "text" && v.value !== "" ? v.value : undefined;
}

function integerCode(v: CosemValue | undefined): number | undefined {
  if (v === undefined || v.kind !== "text") return undefined;
  const t = v.raw;
  if (t.length < 1 || t.length > 6) return undefined;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n;
}

const CHANNELS = Array.from({ length: 9 }, (_, k) => ({
  deviceType: `0-${k + 1}:24.1.0`,
  lastValue: `0-${k + 1}:24.2.3`,
  lastValueNl: `0-${k + 1}:24.2.1`,
  hourly: `0-${k + 1}:24.3.0`,
}));

/** The reading of an M-Bus device (gas, water …) as the telegram gives it. */
export interface MbusReading {
  /** The channel n of `0-n:24.…`, 1…9. */
  readonly channel: number;
  /** The meter reading, m³. */
  readonly value: number;
  /** When the device captured it, or null (a placeholder timestamp). */
  readonly capturedAt: Instant | null;
}

/**
 * The reading of the M-Bus device of `deviceType` (3 gas, 7 water): the lowest channel of that
 * type whose value is in m³, from `24.2.3`, else `24.2.1`, else the DSMR 2.2/3 `24.3.0`.
 * The same choice {@linkcode measurementsFromReading} makes for `gasM3` and `waterM3`.
 *
 * @example
 * ```ts
 * import { decodeTelegram } from "./decode_telegram.ts";
 * import { mbusReading } from "./measurements.ts";
 * const text = "/XMX5LGBBFG1012650850\r\n\r\n0-1:24.1.0(003)\r\n" +
 *   "0-1:24.2.1(170108160000W)(00671.790*m3)\r\n!";
 * const decoded = decodeTelegram(new TextEncoder().encode(text), { crc: "optional" });
 * if (decoded.ok) mbusReading(decoded.reading, 3)?.value; // 671.79
 * ```
 */
export function mbusReading(reading: MeterReading, deviceType: number): MbusReading | undefined {
  const o = reading.objects;
  for (const [i, channel] of CHANNELS.entries()) {
    if (integerCode(o.get(channel.deviceType)) !== deviceType) continue;
    for (const code of [channel.lastValue, channel.lastValueNl, channel.hourly]) {
      const v = o.get(code);
      const value = numberOf(v, CUBIC_METRE);
      if (value === undefined) continue;
      const capturedAt = v?.kind === "timedNumber" ? v.timestamp : null;
      return { channel: i + 1, value, capturedAt };
    }
  }
  return undefined;
}

/** Which object feeds which numeric field, and how its unit scales. */
const NUMERIC_FIELDS: readonly (readonly [MeasurementKey, string, Scale])[] = [
  ["gridConfiguration", "1-0:94.32.1", NO_UNIT],
  ["powerImportW", "1-0:1.7.0", POWER_W],
  ["powerExportW", "1-0:2.7.0", POWER_W],
  ["powerImportL1W", "1-0:21.7.0", POWER_W],
  ["powerImportL2W", "1-0:41.7.0", POWER_W],
  ["powerImportL3W", "1-0:61.7.0", POWER_W],
  ["powerExportL1W", "1-0:22.7.0", POWER_W],
  ["powerExportL2W", "1-0:42.7.0", POWER_W],
  ["powerExportL3W", "1-0:62.7.0", POWER_W],
  ["voltageL1V", "1-0:32.7.0", VOLT],
  ["voltageL2V", "1-0:52.7.0", VOLT],
  ["voltageL3V", "1-0:72.7.0", VOLT],
  ["currentL1A", "1-0:31.7.0", AMPERE],
  ["currentL2A", "1-0:51.7.0", AMPERE],
  ["currentL3A", "1-0:71.7.0", AMPERE],
  ["energyImportT1kWh", "1-0:1.8.1", ENERGY_KWH],
  ["energyImportT2kWh", "1-0:1.8.2", ENERGY_KWH],
  ["energyImportTotalkWh", "1-0:1.8.0", ENERGY_KWH],
  ["energyExportT1kWh", "1-0:2.8.1", ENERGY_KWH],
  ["energyExportT2kWh", "1-0:2.8.2", ENERGY_KWH],
  ["energyExportTotalkWh", "1-0:2.8.0", ENERGY_KWH],
  ["demandAverageW", "1-0:1.4.0", POWER_W],
  ["demandMaxMonthW", "1-0:1.6.0", POWER_W],
  ["frequencyHz", "1-0:14.7.0", HERTZ],
  ["breakerState", "0-0:96.3.10", NO_UNIT],
  ["limiterKW", "0-0:17.0.0", POWER_KW],
];

/** Builds the normalized {@linkcode Measurements} of a reading. */
export function measurementsFromReading(reading: MeterReading): Measurements {
  const o = reading.objects;
  const m: Measurements = {};
  const id = textOf(o.get("0-0:96.1.1")) ?? textOf(o.get("0-0:96.1.0"));
  if (id !== undefined) m.equipmentId = id;
  const time = o.get("0-0:1.0.0");
  if (time !== undefined && time.kind === "timestamp" && time.value !== null) {
    m.meterTimeMs = time.value.epochMs;
  }
  const tariff = integerCode(o.get("0-0:96.14.0"));
  if (tariff !== undefined) m.tariff = tariff;
  const numbers = m as Record<MeasurementKey, number | string>;
  for (const [key, code, scale] of NUMERIC_FIELDS) {
    const value = numberOf(o.get(code), scale);
    if (value !== undefined) numbers[key] = value;
  }
  const gas = mbusReading(reading, 3);
  if (gas !== undefined) m.gasM3 = gas.value;
  const water = mbusReading(reading, 7);
  if (water !== undefined) m.waterM3 = water.value;
  return m;
}
