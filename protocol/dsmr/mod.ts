/**
 * P1 / DSMR / e-MUCS codec: pure functions over bytes, no I/O, no clock.
 *
 * - {@linkcode createTelegramFramer} / {@linkcode telegramFramerPush} cut a byte stream into
 *   telegram frames, reported in stream order with the partial frames dropped on the way
 *   ({@linkcode droppedFrameReason} words them).
 * - {@linkcode decodeTelegram} checks the CRC-16/ARC and decodes a frame into a
 *   {@linkcode MeterReading}; {@linkcode measurementsFromReading} normalizes it;
 *   {@linkcode decodeJsonLine} prints it as `a1mb decode` does.
 * - {@linkcode encodeTelegram}, the seeded meter model {@linkcode createMeterSimulator} /
 *   {@linkcode nextTelegram} and the fault helpers build telegrams.
 *
 * @example
 * ```ts
 * import {
 *   createTelegramFramer,
 *   decodeTelegram,
 *   encodeTelegram,
 *   measurementsFromReading,
 *   telegramFramerPush,
 * } from "./mod.ts";
 *
 * const framer = createTelegramFramer();
 * const chunk = encodeTelegram("ABC5", ["1-0:1.7.0(01.193*kW)"]);
 * const [event] = telegramFramerPush(framer, chunk);
 * if (event?.type !== "frameReceived") throw new Error("no frame");
 * const result = decodeTelegram(event.bytes, { crc: "required" });
 * if (!result.ok) throw new Error(result.reason);
 * if (measurementsFromReading(result.reading).powerImportW !== 1193) throw new Error();
 * ```
 *
 * @module
 */

export { crc16Arc, formatCrc } from "./crc16_arc.ts";
export {
  createTelegramFramer,
  type FrameDropReason,
  type FramerPhase,
  type TelegramFramerEvent,
  telegramFramerFlush,
  type TelegramFramerOptions,
  telegramFramerPush,
  type TelegramFramerState,
  telegramFramerTimeout,
} from "./telegram_framer.ts";
export { droppedFrameCode, droppedFrameReason } from "./dropped_frame.ts";
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
  type MbusReading,
  mbusReading,
  MEASUREMENT_KEYS,
  type MeasurementKey,
  type Measurements,
  measurementsFromReading,
} from "./measurements.ts";
export { type DecodeJson, decodeJsonLine, type DecodeJsonObject } from "./decode_json.ts";
export { encodeTelegram } from "./encode_telegram.ts";
export {
  createMeterSimulator,
  type MeterSimulatorOptions,
  type MeterSimulatorState,
  nextTelegram,
  type SimulatedPeak,
  type SimulatedTelegram,
} from "./meter_simulator.ts";
export { corruptCrc, garbageBytes, truncateTelegram } from "./telegram_faults.ts";
export { centralEuropeanOffsetMinutes, centralEuropeanOffsetOfLocal } from "./eu_time.ts";
