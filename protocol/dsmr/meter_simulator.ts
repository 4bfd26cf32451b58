/**
 * A seeded model of a Belgian e-MUCS 1.7 meter (Fluvius, `0-0:96.1.4(50217)`), pure: the
 * caller passes the time in. Per-phase consumption follows a seeded random walk, a PV
 * installation on L1 exports by day (so one phase can export while the others import), the
 * totals are the net of the phases, energy counters integrate the net power per tariff
 * (tariff 2 from 22:00 to 07:00 local time and at weekends), and the capacity-tariff objects
 * (`1-0:1.4.0`, `1-0:1.6.0`, `0-0:98.1.0`) follow the 15-minute import averages. An optional
 * gas meter on M-Bus channel 1 updates every 5 minutes.
 *
 * @example
 * ```ts
 * import { createMeterSimulator, nextTelegram } from "./meter_simulator.ts";
 *
 * let state = createMeterSimulator({ seed: 42 });
 * const step = nextTelegram(state, Date.now());
 * state = step.state; // step.bytes is the telegram, step.truth what it says
 * ```
 *
 * @module
 */

import { encodeTelegram } from "./encode_telegram.ts";
import type { Measurements } from "./measurements.ts";
import { Prng } from "./_prng.ts";
import { fixed, hexEncode, localMonthStart, localTime, tst } from "./_simulator_format.ts";

/** Options for {@linkcode createMeterSimulator}. */
export interface MeterSimulatorOptions {
  /** Seed of the random walks; the same seed and times give the same telegrams. */
  readonly seed: number;
  /** @default {3} */
  readonly phases?: 1 | 3;
  /** Add a gas meter on M-Bus channel 1. @default {true} */
  readonly gas?: boolean;
  /** Time of the first telegram, used to build the 13-month history. @default {1720462076000} */
  readonly startMs?: number;
}

/** One month of the simulated maximum-demand history. */
export interface SimulatedPeak {
  readonly monthStartMs: number;
  readonly peakMs: number;
  readonly peakW: number;
}

/** The whole simulator state: plain data, never mutated by {@linkcode nextTelegram}. */
export interface MeterSimulatorState {
  readonly phases: 1 | 3;
  readonly gas: boolean;
  readonly equipmentId: string;
  readonly gasId: string;
  readonly rng: number;
  readonly lastMs: number | null;
  readonly loadW: readonly number[];
  readonly cloud: number;
  readonly voltageDv: readonly number[];
  /** Energy registers in Wh: import T1, import T2, export T1, export T2. */
  readonly energyWh: readonly [number, number, number, number];
  readonly quarterStartMs: number;
  readonly quarterImportWh: number;
  readonly monthKey: number;
  readonly monthMaxW: number;
  readonly monthMaxMs: number;
  readonly history: readonly SimulatedPeak[];
  readonly gasMilliM3: number;
  readonly gasSlot: number;
}

/** One simulated telegram. */
export interface SimulatedTelegram {
  readonly bytes: Uint8Array;
  readonly state: MeterSimulatorState;
  /** The measurements the telegram encodes, as {@linkcode measurementsFromReading} must find them. */
  readonly truth: Measurements;
}

const QUARTER_MS = 900_000;
const GAS_SLOT_MS = 300_000;
const PV_PEAK_W = 4500;

function monthKeyOf(epochMs: number): number {
  const t = localTime(epochMs);
  return t.year * 12 + (t.month - 1);
}

function monthStartOfKey(key: number): number {
  return localMonthStart(Math.floor(key / 12), (key % 12) + 1);
}

/** Creates a simulated meter with plausible counters and a 13-month peak history. */
export function createMeterSimulator(options: MeterSimulatorOptions): MeterSimulatorState {
  const rng = new Prng(options.seed);
  const startMs = options.startMs ?? 1_720_462_076_000;
  const phases = options.phases ?? 3;
  const key = monthKeyOf(startMs);
  const history: SimulatedPeak[] = [];
  for (let k = key - 13; k < key; k++) {
    const from = monthStartOfKey(k);
    const to = monthStartOfKey(k + 1);
    const peakMs = from + Math.floor(rng.next() * ((to - from) / QUARTER_MS)) * QUARTER_MS;
    history.push({ monthStartMs: to, peakMs, peakW: rng.int(1500, 6500) });
  }
  const serial = `${rng.int(1000, 9999)}${rng.int(100000, 999999)}`;
  return {
    phases,
    gas: options.gas ?? true,
    equipmentId: `1SAG${serial}`,
    gasId: `7FLO${rng.int(1000, 9999)}${rng.int(100000, 999999)}`,
    lastMs: null,
    loadW: Array.from({ length: phases }, () => rng.int(80, 1500)),
    cloud: 0.5 + rng.next() / 2,
    voltageDv: Array.from({ length: phases }, () => rng.int(2280, 2360)),
    energyWh: [
      rng.int(1_000_000, 20_000_000),
      rng.int(1_000_000, 20_000_000),
      rng.int(100_000, 6_000_000),
      rng.int(100_000, 3_000_000),
    ],
    quarterStartMs: Math.floor(startMs / QUARTER_MS) * QUARTER_MS,
    quarterImportWh: 0,
    monthKey: key,
    monthMaxW: 0,
    monthMaxMs: monthStartOfKey(key),
    history,
    gasMilliM3: rng.int(100_000, 9_000_000),
    gasSlot: Math.floor(startMs / GAS_SLOT_MS),
    rng: rng.state,
  };
}

/** A bounded random walk that drifts back towards `mean` (3 % of the gap per step). */
function walk(
  rng: Prng,
  value: number,
  mean: number,
  step: number,
  min: number,
  max: number,
): number {
  const next = value + (rng.next() * 2 - 1) * step + (mean - value) * 0.03;
  return Math.min(max, Math.max(min, Math.round(next)));
}

/** True when Belgian tariff 2 (night/weekend) applies at the instant. */
function isNightTariff(epochMs: number): boolean {
  const t = localTime(epochMs);
  return t.weekday === 0 || t.weekday === 6 || t.hour >= 22 || t.hour < 7;
}

/** Advances the meter to `nowMs` and writes its telegram. */
export function nextTelegram(state: MeterSimulatorState, nowMs: number): SimulatedTelegram {
  const rng = new Prng(state.rng);
  const now = Math.floor(nowMs / 1000) * 1000;
  const local = localTime(now);

  // Per-phase consumption, PV on L1, voltages.
  const loadW = state.loadW.map((w) => walk(rng, w, 350, 150, 40, 5500));
  const cloud = Math.min(1, Math.max(0.2, state.cloud + (rng.next() * 2 - 1) * 0.05));
  const hour = local.hour + local.minute / 60;
  const sun = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 15));
  const pvW = Math.round(PV_PEAK_W * sun * cloud);
  const netW = loadW.map((w, i) => (i === 0 ? w - pvW : w));
  const voltageDv = state.voltageDv.map((v) => walk(rng, v, 2320, 6, 2250, 2400));
  const totalW = netW.reduce((a, b) => a + b, 0);
  const night = isNightTariff(now);

  // Energy and demand: integrate the net power since the last telegram.
  const hours = state.lastMs === null ? 0 : Math.max(0, now - state.lastMs) / 3_600_000;
  const importWh = Math.max(0, totalW) * hours;
  const exportWh = Math.max(0, -totalW) * hours;
  const e = state.energyWh;
  const energyWh: [number, number, number, number] = night
    ? [e[0], e[1] + importWh, e[2], e[3] + exportWh]
    : [e[0] + importWh, e[1], e[2] + exportWh, e[3]];

  let { monthKey, monthMaxW, monthMaxMs, quarterStartMs, quarterImportWh } = state;
  let history = state.history;
  const quarter = Math.floor(now / QUARTER_MS) * QUARTER_MS;
  if (quarter !== quarterStartMs) {
    const closedW = Math.round(quarterImportWh / 0.25);
    if (closedW > monthMaxW) {
      monthMaxW = closedW;
      monthMaxMs = quarterStartMs + QUARTER_MS;
    }
    quarterStartMs = quarter;
    quarterImportWh = 0;
  }
  quarterImportWh += importWh;
  const key = monthKeyOf(now);
  if (key !== monthKey) {
    const entry = { monthStartMs: monthStartOfKey(key), peakMs: monthMaxMs, peakW: monthMaxW };
    history = [...history, entry].slice(-13);
    monthKey = key;
    monthMaxW = 0;
    monthMaxMs = monthStartOfKey(key);
  }
  const elapsedH = (now - quarterStartMs) / 3_600_000;
  const demandW = elapsedH > 0 ? Math.round(quarterImportWh / elapsedH) : 0;

  let { gasMilliM3, gasSlot } = state;
  const slot = Math.floor(now / GAS_SLOT_MS);
  if (slot !== gasSlot) {
    gasMilliM3 += rng.int(0, local.month >= 5 && local.month <= 9 ? 8 : 60);
    gasSlot = slot;
  }

  const next: MeterSimulatorState = {
    ...state,
    rng: rng.state,
    lastMs: now,
    loadW,
    cloud,
    voltageDv,
    energyWh,
    quarterStartMs,
    quarterImportWh,
    monthKey,
    monthMaxW,
    monthMaxMs,
    history,
    gasMilliM3,
    gasSlot,
  };
  return { ...writeTelegram(next, now, netW, totalW, demandW, night), state: next };
}

function writeTelegram(
  s: MeterSimulatorState,
  now: number,
  netW: readonly number[],
  totalW: number,
  demandW: number,
  night: boolean,
): { bytes: Uint8Array; truth: Measurements } {
  const kW = (w: number): string => `${fixed(w, 2, 3)}*kW`;
  const wh = s.energyWh.map((x) => Math.floor(x));
  const ampsCa = netW.map((w, i) => Math.round((Math.abs(w) * 1000) / s.voltageDv[i]!));
  const phaseCodes = s.phases === 3
    ? [["21", "22", "32", "31"], ["41", "42", "52", "51"], [
      "61",
      "62",
      "72",
      "71",
    ]]
    : [["21", "22", "32", "31"]];
  const lines = [
    "0-0:96.1.4(50217)",
    `0-0:96.1.1(${hexEncode(s.equipmentId)})`,
    `0-0:1.0.0(${tst(now)})`,
    `1-0:1.8.1(${fixed(wh[0]!, 6, 3)}*kWh)`,
    `1-0:1.8.2(${fixed(wh[1]!, 6, 3)}*kWh)`,
    `1-0:2.8.1(${fixed(wh[2]!, 6, 3)}*kWh)`,
    `1-0:2.8.2(${fixed(wh[3]!, 6, 3)}*kWh)`,
    `0-0:96.14.0(${night ? "0002" : "0001"})`,
    `1-0:1.4.0(${kW(demandW)})`,
    `1-0:1.6.0(${tst(s.monthMaxMs)})(${kW(s.monthMaxW)})`,
    `0-0:98.1.0(${s.history.length})(1-0:1.6.0)(1-0:1.6.0)${
      s.history.length === 0
        ? "()"
        : s.history.map((h) => `(${tst(h.monthStartMs)})(${tst(h.peakMs)})(${kW(h.peakW)})`)
          .join("")
    }`,
    `1-0:1.7.0(${kW(Math.max(0, totalW))})`,
    `1-0:2.7.0(${kW(Math.max(0, -totalW))})`,
    ...phaseCodes.map(([imp], i) => `1-0:${imp}.7.0(${kW(Math.max(0, netW[i]!))})`),
    ...phaseCodes.map(([, exp], i) => `1-0:${exp}.7.0(${kW(Math.max(0, -netW[i]!))})`),
    ...phaseCodes.map(([, , v], i) => `1-0:${v}.7.0(${fixed(s.voltageDv[i]!, 3, 1)}*V)`),
    ...phaseCodes.map(([, , , a], i) => `1-0:${a}.7.0(${fixed(ampsCa[i]!, 3, 2)}*A)`),
    "0-0:96.3.10(1)",
    "0-0:17.0.0(999.9*kW)",
    "1-0:31.4.0(999*A)",
    "0-0:96.13.0()",
  ];
  if (s.gas) {
    lines.push(
      "0-1:24.1.0(003)",
      `0-1:96.1.1(${hexEncode(s.gasId)})`,
      "0-1:24.4.0(1)",
      `0-1:24.2.3(${tst(s.gasSlot * GAS_SLOT_MS)})(${fixed(s.gasMilliM3, 5, 3)}*m3)`,
    );
  }
  const header = s.phases === 3 ? "FLU5\\253769484_A" : "FLU5\\253770234_A";
  const truth: Measurements = {
    equipmentId: s.equipmentId,
    meterTimeMs: now,
    tariff: night ? 2 : 1,
    powerImportW: Math.max(0, totalW),
    powerExportW: Math.max(0, -totalW),
    energyImportT1kWh: wh[0]! / 1000,
    energyImportT2kWh: wh[1]! / 1000,
    energyExportT1kWh: wh[2]! / 1000,
    energyExportT2kWh: wh[3]! / 1000,
    demandAverageW: demandW,
    demandMaxMonthW: s.monthMaxW,
    breakerState: 1,
    limiterKW: 999.9,
  };
  const t = truth as Record<string, number | string>;
  netW.forEach((w, i) => {
    t[`powerImportL${i + 1}W`] = Math.max(0, w);
    t[`powerExportL${i + 1}W`] = Math.max(0, -w);
    t[`voltageL${i + 1}V`] = s.voltageDv[i]! / 10;
    t[`currentL${i + 1}A`] = ampsCa[i]! / 100;
  });
  if (s.gas) truth.gasM3 = s.gasMilliM3 / 1000;
  return { bytes: encodeTelegram(header, lines), truth };
}
