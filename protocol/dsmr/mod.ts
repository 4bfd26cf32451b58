/**
 * P1 / DSMR / e-MUCS codec: pure functions over bytes, no I/O, no clock.
 *
 * - {@linkcode TelegramFramer} cuts a byte stream into telegram frames.
 * - {@linkcode decodeTelegram} checks the CRC-16/ARC and decodes a frame into a
 *   {@linkcode MeterReading}; {@linkcode measurementsFromReading} normalizes it;
 *   {@linkcode decodeJsonLine} prints it as `a1mb decode` does.
 * - {@linkcode encodeTelegram}, the seeded meter model {@linkcode createMeterSimulator} /
 *   {@linkcode nextTelegram} and the fault helpers build telegrams.
 *
 * @example
 * ```ts
 * import {
 *   decodeTelegram,
 *   encodeTelegram,
 *   type Measurements,
 *   measurementsFromReading,
 *   TelegramFramer,
 * } from "./mod.ts";
 *
 * // Bytes as they come from the P1 port, in chunks of any size (here noise, then a telegram).
 * const telegram = encodeTelegram("FLU5\\253769484_A", ["1-0:1.7.0(00.153*kW)"]);
 * const chunk = Uint8Array.of(0x00, ...telegram);
 * const measured: Measurements[] = [];
 * const framer = new TelegramFramer();
 * for (const frame of framer.push(chunk).frames) {
 *   const result = decodeTelegram(frame, { crc: "required" });
 *   if (result.ok) measured.push(measurementsFromReading(result.reading));
 * }
 * if (measured[0]?.powerImportW !== 153) throw new Error("unexpected");
 * ```
 *
 * @module
 */

export { crc16Arc, formatCrc } from "./crc16_arc.ts";
export {
  type FrameDropReason,
  type FramerEvent,
  type FramerOutput,
  type FramerPhase,
  TelegramFramer,
  type TelegramFramerOptions,
  type TelegramFramerSnapshot,
} from "./telegram_framer.ts";
export {
  type CosemValue,
  formatInstant,
  type Instant,
  type MeterReading,
  type NumberValue,
  type PeakEntry,
  type PeakHistoryValue,
  type PowerFailure,
  type PowerFailureLogValue,
  type RawValue,
  type TextValue,
  type TimedNumberValue,
  type TimestampValue,
} from "./reading.ts";
export {
  type CrcPolicy,
  type DecodeFailureCode,
  type DecodeOptions,
  type DecodeResult,
  decodeTelegram,
} from "./decode_telegram.ts";
export {
  MEASUREMENT_KEYS,
  type MeasurementKey,
  type Measurements,
  measurementsFromReading,
} from "./measurements.ts";
export {
  cosemValueToJson,
  type DecodeJson,
  decodeJsonLine,
  type DecodeJsonObject,
  readingToJson,
} from "./decode_json.ts";
export { encodeTelegram } from "./encode_telegram.ts";
export {
  createMeterSimulator,
  isNightTariff,
  type MeterSimulatorOptions,
  type MeterSimulatorState,
  nextTelegram,
  type SimulatedPeak,
  type SimulatedTelegram,
} from "./meter_simulator.ts";
export { corruptCrc, garbageBytes, truncateTelegram } from "./telegram_faults.ts";
export {
  centralEuropeanOffsetMinutes,
  centralEuropeanOffsetOfLocal,
  isEuSummerTime,
} from "./eu_time.ts";
