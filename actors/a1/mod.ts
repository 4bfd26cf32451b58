/**
 * The A1 side's helpers, used by the A1Reader and TelegramValidator actors and by the CLI:
 *
 * - {@linkcode applyDataRequest}: the meter's Data Request line on RTS/DTR (or none).
 * - The source link as a reducer ({@linkcode A1Link}: the shared back-off, what to
 *   log on each transition) and the task that reads a source ({@linkcode runSourceAttempt}).
 * - {@linkcode TelegramCounters} and the rejection-warning rate limit.
 * - The meter simulator as a feed with fault injection ({@linkcode SimulatorFeed}), its paced
 *   loop {@linkcode runMeterSimulator} (for `a1mb simulate` and the demo) and the built-in
 *   `simulator` source.
 *
 * @module
 */
export {
  applyDataRequest,
  dataRequestLines,
  type DataRequestOutcome,
  describeDataRequest,
} from "./data_request.ts";
export {
  type A1Link,
  type A1LinkPhase,
  initialLink,
  linkFinished,
  linkHealthy,
  type LinkLog,
  linkLost,
  linkOpened,
  linkOpenFailed,
  linkRetrying,
  type LinkStep,
} from "./link_state.ts";
export {
  nextSummaryDue,
  NO_REJECTIONS,
  noteRejection,
  type RejectionLog,
  type RejectionSummary,
  type RejectionWindow,
  summarizeRejections,
} from "./rejection_log.ts";
export {
  type FeedItem,
  type MeterSimulatorRun,
  runMeterSimulator,
  type SimulatedKind,
  SimulatorFeed,
  type SimulatorFeedOptions,
} from "./simulator_feed.ts";
export { simulatorSource, type SimulatorSourceOptions } from "./simulator_source.ts";
export { type DataRequestSetting, runSourceAttempt } from "./source_task.ts";
export {
  countAccepted,
  countRejected,
  NO_TELEGRAMS,
  type TelegramCounters,
} from "./telegram_counters.ts";
