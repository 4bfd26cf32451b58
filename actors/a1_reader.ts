/**
 * The A1Reader actor: owns the A1 source (`[a1] source`), raises the meter's Data Request line,
 * cuts the byte stream into telegram frames and hands each frame, or each partial frame it had
 * to drop, to the TelegramValidator.
 *
 * - A background task opens the source and reports through messages: `sourceOpened` (with the
 *   data-request outcome), `bytesReceived`, `sourceLost`, `sourceOpenFailed`, `sourceEnded`.
 *   It never throws: a lost or missing source is retried with back-off (1 s doubling to 30 s)
 *   from the handler's `reconnectDue` timer, so the supervisor never sees a crash loop.
 * - Framing is the telegram framer (`telegramFramerPush`, outcomes in stream order); this actor
 *   owns its timers: a frame still open after
 *   `a1.telegram_timeout_ms` is dropped (`timeout`), and a footer with fewer than 4 CRC digits
 *   completes after a short gap with no byte (`footerGapMs`).
 * - Log lines are written on link transitions only; a data-request failure (`ENOTTY` on a pty)
 *   is logged once. {@linkcode a1ReaderStatus} gives the state for `status`.
 *
 * @module
 */
import type { A1SourceOpener } from "../drivers/a1_source/a1_source.ts";
import type { Clock } from "../drivers/clock.ts";
import {
  createTelegramFramer,
  type FrameDropReason,
  type FramerPhase,
  type TelegramFramerEvent,
  telegramFramerFlush,
  telegramFramerPush,
  type TelegramFramerState,
  telegramFramerTimeout,
} from "../protocol/dsmr/telegram_framer.ts";
import { type DataRequestOutcome, describeDataRequest } from "./a1/data_request.ts";
import {
  type A1Link,
  initialLink,
  linkFinished,
  linkHealthy,
  linkLost,
  linkOpened,
  linkOpenFailed,
  linkRetrying,
  type LinkStep,
} from "./a1/link_state.ts";
import { runSourceAttempt } from "./a1/source_task.ts";
import type { A1Config } from "../config/mod.ts";
import { type A1ReaderMsg, TELEGRAM_VALIDATOR } from "./messages.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import { type BackoffPolicy, backoffPolicy } from "./runtime/backoff.ts";
import { unreachable } from "./runtime/message.ts";

/** Default gap after a `!` with fewer than 4 CRC digits before the frame completes, ms. */
export const FOOTER_GAP_MS = 200;

/** Start arguments of the A1Reader. */
export interface A1ReaderArgs {
  /** `[a1]`. */
  readonly config: A1Config;
  /** Builds the source opener from the runtime's clock: the host picks the driver `[a1] source`
   * names; tests pass fakes. */
  readonly makeSource: (clock: Clock) => A1SourceOpener;
  /** First retry delay, ms. @default 1000 */
  readonly retryMinMs?: number;
  /** Longest retry delay, ms. @default 30000 */
  readonly retryMaxMs?: number;
  /** Footer gap, ms. @default {FOOTER_GAP_MS} */
  readonly footerGapMs?: number;
}

/** What the A1Reader counted since it started. */
export interface A1ReaderCounters {
  /** Bytes received from the source. */
  readonly bytes: number;
  /** Complete frames passed to the validator. */
  readonly frames: number;
  /** Partial frames dropped, per reason. */
  readonly dropped: Readonly<Record<FrameDropReason, number>>;
  /** Bytes skipped outside frames (noise, the tail of a telegram caught at open). */
  readonly garbageBytes: number;
}

/** State of the A1Reader. */
export interface A1ReaderState {
  readonly config: A1Config;
  readonly opener: A1SourceOpener;
  /** The framer (updated in place by the framer functions). */
  readonly framer: TelegramFramerState;
  readonly backoff: BackoffPolicy;
  readonly footerGapMs: number;
  readonly link: A1Link;
  /** The outcome of the last data-request attempt, or null before the first open. */
  readonly dataRequest: DataRequestOutcome | null;
  /** The data-request text last logged (each different one is logged once). */
  readonly dataRequestLogged: string | null;
  readonly counters: A1ReaderCounters;
  /** Number of `bytesReceived` handled (the footer-gap timer checks nothing came since). */
  readonly chunkSeq: number;
  /** The frame whose time-out timer is armed (0: none). */
  readonly timedFrameSeq: number;
  readonly cancelFrameTimer: (() => void) | null;
  readonly cancelGapTimer: (() => void) | null;
}

/** The A1Reader's state for `status`: plain data. */
export interface A1ReaderStatus {
  /** The source label, e.g. `serial /dev/ttyUSB0 115200 8N1`. */
  readonly source: string;
  readonly link: A1Link;
  readonly dataRequest: DataRequestOutcome | null;
  readonly counters: A1ReaderCounters;
  /** Framer phase: `idle`, `body` or `crc`. */
  readonly framing: FramerPhase;
}

const NO_DROPS: Record<FrameDropReason, number> = {
  overlong: 0,
  timeout: 0,
  restarted: 0,
  flushed: 0,
};

/** The A1Reader's state as `status` shows it. */
export function a1ReaderStatus(state: A1ReaderState): A1ReaderStatus {
  return {
    source: state.opener.label,
    link: state.link,
    dataRequest: state.dataRequest,
    counters: state.counters,
    framing: state.framer.phase,
  };
}

/** The A1Reader behaviour. */
export const a1Reader: ActorBehavior<A1ReaderMsg, A1ReaderState, A1ReaderArgs> = {
  preStart(ctx, args) {
    const opener = args.makeSource(ctx.clock);
    const state: A1ReaderState = {
      config: args.config,
      opener,
      framer: createTelegramFramer({ maxLength: args.config.max_telegram_bytes }),
      backoff: backoffPolicy(args),
      footerGapMs: args.footerGapMs ?? FOOTER_GAP_MS,
      link: initialLink(ctx.clock.now()),
      dataRequest: null,
      dataRequestLogged: null,
      counters: { bytes: 0, frames: 0, dropped: NO_DROPS, garbageBytes: 0 },
      chunkSeq: 0,
      timedFrameSeq: 0,
      cancelFrameTimer: null,
      cancelGapTimer: null,
    };
    startAttempt(ctx, state);
    return state;
  },

  status: (state) => a1ReaderStatus(state),

  handle(state, msg, ctx) {
    const now = ctx.clock.now();
    switch (msg.type) {
      case "sourceOpened":
        return noteDataRequest(
          transition(state, linkOpened(state.link, now, msg.source), ctx),
          msg.source,
          msg.dataRequest,
          ctx,
        );
      case "sourceOpenFailed":
        return transition(
          state,
          linkOpenFailed(state.link, now, state.opener.label, msg.reason, state.backoff),
          ctx,
        );
      case "bytesReceived": {
        const counters = { ...state.counters, bytes: state.counters.bytes + msg.bytes.length };
        const next = {
          ...state,
          counters,
          link: linkHealthy(state.link),
          chunkSeq: state.chunkSeq + 1,
        };
        return frame(next, telegramFramerPush(next.framer, msg.bytes), ctx);
      }
      case "sourceLost": {
        const flushed = frame(state, telegramFramerFlush(state.framer), ctx);
        return transition(flushed, linkLost(flushed.link, now, msg.reason, state.backoff), ctx);
      }
      case "sourceEnded": {
        const flushed = frame(state, telegramFramerFlush(state.framer), ctx);
        return transition(flushed, linkFinished(flushed.link, now, state.opener.label), ctx);
      }
      case "reconnectDue": {
        const next = { ...state, link: linkRetrying(state.link, now) };
        startAttempt(ctx, next);
        return next;
      }
      case "telegramTimeoutReached":
        if (state.framer.phase === "idle" || state.framer.opened !== msg.frameSeq) return state;
        return frame(
          { ...state, timedFrameSeq: 0, cancelFrameTimer: null },
          telegramFramerTimeout(state.framer),
          ctx,
        );
      case "footerGapElapsed":
        if (
          state.framer.phase !== "crc" || state.framer.opened !== msg.frameSeq ||
          state.chunkSeq !== msg.chunkSeq
        ) {
          return state;
        }
        return frame({ ...state, cancelGapTimer: null }, telegramFramerTimeout(state.framer), ctx);
      default:
        return unreachable(msg);
    }
  },

  postStop(state) {
    state.cancelFrameTimer?.();
    state.cancelGapTimer?.();
  },
};

/** Applies a link transition: logs what it asks and arms the reconnect timer. */
function transition(
  state: A1ReaderState,
  step: LinkStep,
  ctx: ActorContext<A1ReaderMsg>,
): A1ReaderState {
  const log = step.log;
  if (log !== null) {
    if (log.level === "info") ctx.log.info(log.template, log.props);
    else if (log.level === "warning") ctx.log.warn(log.template, log.props);
    else ctx.log.error(log.template, log.props);
  }
  if (step.retryInMs !== null) ctx.sendAfter({ type: "reconnectDue" }, step.retryInMs);
  return { ...state, link: step.link };
}

/** Logs a data-request outcome the first time it differs from the last one logged. */
function noteDataRequest(
  state: A1ReaderState,
  source: string,
  outcome: DataRequestOutcome,
  ctx: ActorContext<A1ReaderMsg>,
): A1ReaderState {
  const text = describeDataRequest(outcome);
  if (text !== state.dataRequestLogged) {
    if (outcome.kind === "failed") {
      ctx.log.warn(
        "A1 data request: {detail} on {source}; carrying on without it (the meter sends only " +
          'while Data Request is high: tie it to +5 V and set a1.data_request = "none")',
        { detail: text, source },
      );
    } else if (outcome.kind === "set") {
      ctx.log.info("A1 data request: {detail}", { detail: text });
    } else {
      ctx.log.debug("A1 data request: {detail}", { detail: text });
    }
  }
  return { ...state, dataRequest: outcome, dataRequestLogged: text };
}

/** Passes framing outcomes on, counts them, and re-arms the framing timers. */
function frame(
  state: A1ReaderState,
  events: readonly TelegramFramerEvent[],
  ctx: ActorContext<A1ReaderMsg>,
): A1ReaderState {
  let { frames, garbageBytes, dropped } = state.counters;
  const now = ctx.clock.now();
  for (const event of events) {
    switch (event.type) {
      case "frameReceived":
        frames++;
        ctx.send(TELEGRAM_VALIDATOR, {
          type: "telegramFramed",
          bytes: event.bytes,
          receivedAt: now,
        });
        break;
      case "frameDropped":
        dropped = { ...dropped, [event.reason]: dropped[event.reason] + 1 };
        ctx.send(TELEGRAM_VALIDATOR, {
          type: "frameDropped",
          reason: event.reason,
          length: event.length,
          receivedAt: now,
        });
        break;
      case "garbageSkipped":
        garbageBytes += event.count;
        ctx.log.debug("A1 input: skipped {count} bytes outside telegrams", { count: event.count });
        break;
      default:
        unreachable(event);
    }
  }
  return armTimers(
    { ...state, counters: { ...state.counters, frames, garbageBytes, dropped } },
    ctx,
  );
}

/** Arms the frame time-out for a newly opened frame and the footer gap in the CRC phase. */
function armTimers(state: A1ReaderState, ctx: ActorContext<A1ReaderMsg>): A1ReaderState {
  const { framer } = state;
  let { timedFrameSeq, cancelFrameTimer } = state;
  if (framer.phase === "idle") {
    cancelFrameTimer?.();
    cancelFrameTimer = null;
    timedFrameSeq = 0;
  } else if (timedFrameSeq !== framer.opened) {
    cancelFrameTimer?.();
    timedFrameSeq = framer.opened;
    cancelFrameTimer = ctx.sendAfter(
      { type: "telegramTimeoutReached", frameSeq: timedFrameSeq },
      state.config.telegram_timeout_ms,
    );
  }
  state.cancelGapTimer?.();
  const cancelGapTimer = framer.phase === "crc"
    ? ctx.sendAfter(
      { type: "footerGapElapsed", frameSeq: framer.opened, chunkSeq: state.chunkSeq },
      state.footerGapMs,
    )
    : null;
  return { ...state, timedFrameSeq, cancelFrameTimer, cancelGapTimer };
}

/** Opens the source in a background task that reports everything by message. */
function startAttempt(ctx: ActorContext<A1ReaderMsg>, state: A1ReaderState): void {
  const setting = { line: state.config.data_request, invert: state.config.data_request_invert };
  ctx.spawn(
    "a1 source",
    (signal) => runSourceAttempt(state.opener, setting, (msg) => ctx.send(ctx.self, msg), signal),
  );
}
