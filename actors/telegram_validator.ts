/**
 * The TelegramValidator actor: checks each framed telegram's CRC (`[a1] crc`), decodes it into a
 * reading and its measurements, and sends `readingAccepted` to the RegisterStore and
 * `telegramAccepted` to the LedController, and `telegramPublished` (the text, reading and
 * measurements) to each integration it was started with. A rejected telegram, or a partial frame the A1Reader
 * dropped, goes to the LedController as `telegramRejected { reason }` (the A1 LED blinks) and
 * to the log: the first of each reason code at once, repeats as one summary per minute.
 * {@linkcode telegramValidatorStatus} gives the counters for `status` and metrics.
 *
 * @module
 */
import type { CrcPolicy } from "../protocol/dsmr/decode_telegram.ts";
import { decodeTelegram } from "../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../protocol/dsmr/measurements.ts";
import { droppedFrameCode, droppedFrameReason } from "../protocol/dsmr/dropped_frame.ts";
import {
  nextSummaryDue,
  NO_REJECTIONS,
  noteRejection,
  type RejectionLog,
  summarizeRejections,
} from "./a1/rejection_log.ts";
import {
  countAccepted,
  countRejected,
  NO_TELEGRAMS,
  type TelegramCounters,
} from "./a1/telegram_counters.ts";
import {
  type IntegrationMsg,
  LED_CONTROLLER,
  PASSTHROUGH,
  REGISTER_STORE,
  type TelegramValidatorMsg,
} from "./messages.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import { type ActorRef, unreachable } from "./runtime/message.ts";

/** Telegram bytes as text, one character per byte. */
const LATIN1 = new TextDecoder("latin1");

/** Start arguments of the TelegramValidator. */
export interface TelegramValidatorArgs {
  /** `a1.crc`: `required`, or `optional` to accept telegrams without CRC. */
  readonly crc: CrcPolicy;
  /** Window of the rejection-warning rate limit, ms. @default 60000 */
  readonly summaryWindowMs?: number;
  /** Which telegrams go to the passthrough server: none (off), accepted ones, or all. @default "off" */
  readonly passthrough?: "off" | "accepted" | "all";
  /** The integrations that receive every accepted telegram (`telegramPublished`). @default [] */
  readonly integrations?: readonly ActorRef<IntegrationMsg>[];
}

/** State of the TelegramValidator. */
export interface TelegramValidatorState {
  readonly crc: CrcPolicy;
  readonly passthrough: "off" | "accepted" | "all";
  readonly integrations: readonly ActorRef<IntegrationMsg>[];
  readonly windowMs: number;
  readonly counters: TelegramCounters;
  readonly warnings: RejectionLog;
  /** Cancels the armed summary timer, or null when none is armed. */
  readonly cancelSummary: (() => void) | null;
}

/** The validator's counters as `status` shows them. */
export function telegramValidatorStatus(state: TelegramValidatorState): TelegramCounters {
  return state.counters;
}

/** The TelegramValidator behaviour. */
export const telegramValidator: ActorBehavior<
  TelegramValidatorMsg,
  TelegramValidatorState,
  TelegramValidatorArgs
> = {
  preStart(_ctx, args) {
    return {
      crc: args.crc,
      passthrough: args.passthrough ?? "off",
      integrations: args.integrations ?? [],
      windowMs: args.summaryWindowMs ?? 60_000,
      counters: NO_TELEGRAMS,
      warnings: NO_REJECTIONS,
      cancelSummary: null,
    };
  },

  status: (state) => telegramValidatorStatus(state),

  handle(state, msg, ctx) {
    switch (msg.type) {
      case "telegramFramed": {
        const result = decodeTelegram(msg.bytes, { crc: state.crc });
        if (state.passthrough === "all" || (state.passthrough === "accepted" && result.ok)) {
          ctx.send(PASSTHROUGH, { type: "telegramPassed", bytes: msg.bytes, accepted: result.ok });
        }
        if (!result.ok) return reject(state, result.code, result.reason, ctx);
        const measurements = measurementsFromReading(result.reading);
        ctx.send(REGISTER_STORE, {
          type: "readingAccepted",
          crc: result.reading.crc,
          measurements,
          receivedAt: msg.receivedAt,
        });
        ctx.send(LED_CONTROLLER, { type: "telegramAccepted" });
        if (state.integrations.length > 0) {
          const telegram = {
            text: LATIN1.decode(msg.bytes),
            reading: result.reading,
            measurements,
            receivedAt: msg.receivedAt,
          };
          for (const ref of state.integrations) {
            ctx.send(ref, { type: "telegramPublished", telegram });
          }
        }
        if (state.counters.accepted === 0) {
          ctx.log.info("A1: first valid telegram: header {header}, meter {meter}", {
            header: result.reading.header,
            meter: measurements.equipmentId ?? "(no equipment id)",
          });
        }
        const counters = countAccepted(state.counters, msg.receivedAt, ctx.clock.wallNow());
        return { ...state, counters };
      }
      case "frameDropped":
        return reject(
          state,
          droppedFrameCode(msg.reason),
          droppedFrameReason(msg.reason, msg.length),
          ctx,
        );
      case "rejectionSummaryDue": {
        const now = ctx.clock.now();
        const { log, summaries } = summarizeRejections(state.warnings, now, state.windowMs);
        for (const s of summaries) {
          ctx.log.warn(
            "A1: {count} more telegram(s) rejected ({code}) in the last {seconds} s; last: {reason}",
            {
              count: s.count,
              code: s.code,
              seconds: Math.round(s.windowMs / 1000),
              reason: s.lastReason,
            },
          );
        }
        return armSummary({ ...state, warnings: log, cancelSummary: null }, ctx);
      }
      default:
        return unreachable(msg);
    }
  },

  postStop(state) {
    state.cancelSummary?.();
  },
};

/** Counts, reports and (rate-limited) logs a rejection. */
function reject(
  state: TelegramValidatorState,
  code: string,
  reason: string,
  ctx: ActorContext<TelegramValidatorMsg>,
): TelegramValidatorState {
  const now = ctx.clock.now();
  ctx.send(LED_CONTROLLER, { type: "telegramRejected", reason });
  const noted = noteRejection(state.warnings, code, reason, now, state.windowMs);
  if (noted.logNow) ctx.log.warn("A1 telegram rejected: {reason}", { reason });
  return armSummary({
    ...state,
    counters: countRejected(state.counters, code, reason, now),
    warnings: noted.log,
  }, ctx);
}

/** Arms the summary timer for the earliest window end, unless one is armed already. */
function armSummary(
  state: TelegramValidatorState,
  ctx: ActorContext<TelegramValidatorMsg>,
): TelegramValidatorState {
  if (state.cancelSummary !== null) return state;
  const due = nextSummaryDue(state.warnings, state.windowMs);
  if (due === null) return state;
  const cancelSummary = ctx.sendAfter(
    { type: "rejectionSummaryDue" },
    Math.max(0, due - ctx.clock.now()),
  );
  return { ...state, cancelSummary };
}
