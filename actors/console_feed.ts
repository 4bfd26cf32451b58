/**
 * The ConsoleFeed actor: the web console's live values and hour of power. It is an integration,
 * as the HomeWizard API is: the TelegramValidator sends it every accepted telegram
 * (`telegramPublished`), and it keeps the telegram's values, the same measurements the
 * RegisterStore builds every build's registers from. It judges staleness as the RegisterStore
 * does (no accepted telegram for `a1.stale_after_s`; a field a telegram leaves out keeps its
 * value that long) and shows stale values only under `a1.stale = "hold"`; otherwise it shows
 * none and says what masters get. It is a sink: nothing waits for it, and its mailbox is bounded
 * like every actor's.
 *
 * The history ring is handed in by the host, which keeps it across in-process reboots, so a page
 * opened after a reboot still shows the hour; only this actor writes it.
 *
 * @module
 */
import type { StalePolicy } from "../config/mod.ts";
import { type LiveValues, liveValues, NO_VALUES } from "./console/live_values.ts";
import type { PowerHistory } from "./console/power_history.ts";
import type { ConsoleFeedMsg } from "./messages.ts";
import { type FieldStore, freshFields, mergeFields } from "./register_image_builder.ts";
import type { ActorBehavior } from "./runtime/actor.ts";
import { unreachable } from "./runtime/message.ts";

/** Start arguments of the ConsoleFeed. */
export interface ConsoleFeedArgs {
  /** The hour of power samples (kept by the host across reboots). */
  readonly history: PowerHistory;
  /** `a1.stale_after_s`, in ms. */
  readonly staleAfterMs: number;
  /** `a1.stale`: what masters get once values are stale. */
  readonly policy: StalePolicy;
  /** `[registers] invert`: powers and energies turned round, as the registers serve them. */
  readonly invert: boolean;
}

/** What the ConsoleFeed shows now. */
export interface ConsoleLive {
  /** Wall time (epoch ms) of the last accepted telegram. */
  readonly at: number;
  /** Seconds since it arrived (one decimal). */
  readonly age_s: number;
  /** No accepted telegram for `a1.stale_after_s`. */
  readonly stale: boolean;
  /**
   * What masters get for measured registers while values are stale (`a1.stale`): `"hold"` the
   * last values (shown here too), `"zero"` zeros, `"exception"` exception 04, `"silent"` no
   * reply (the values here are then null).
   */
  readonly policy: StalePolicy;
  /** The telegram's values (null where it carries none, and all null while stale unless `hold`). */
  readonly values: LiveValues;
}

/** State of the ConsoleFeed. */
export interface ConsoleFeedState {
  readonly args: ConsoleFeedArgs;
  /** The latest value of every field seen, with its arrival (monotonic ms). */
  readonly fields: FieldStore;
  /** Monotonic ms of the last accepted telegram, or null before the first. */
  readonly lastAt: number | null;
  /** Wall time (epoch ms) of the last accepted telegram. */
  readonly lastWallMs: number;
}

/** What `a1mb status` (and the console's `/api/status`) shows of the ConsoleFeed. */
export interface ConsoleFeedStatus {
  /** Null before the first accepted telegram. */
  readonly live: ConsoleLive | null;
  /** Power samples held for the chart. */
  readonly history_points: number;
}

/** The ConsoleFeed behaviour. */
export const consoleFeed: ActorBehavior<ConsoleFeedMsg, ConsoleFeedState, ConsoleFeedArgs> = {
  preStart(_ctx, args) {
    return { args, fields: new Map(), lastAt: null, lastWallMs: 0 };
  },

  status: (state, now): ConsoleFeedStatus => ({
    live: consoleLive(state, now),
    history_points: state.args.history.size,
  }),

  handle(state, msg, ctx) {
    switch (msg.type) {
      case "telegramPublished": {
        const at = msg.telegram.receivedAt;
        const fields = mergeFields(state.fields, msg.telegram.measurements, at);
        const values = liveValues(freshFields(fields, at, state.args.staleAfterMs), state.args);
        const wall = ctx.clock.wallNow();
        state.args.history.add({
          t: wall,
          l1: values.power_l1_w,
          l2: values.power_l2_w,
          l3: values.power_l3_w,
          total: values.power_w,
        });
        return { ...state, fields, lastAt: at, lastWallMs: wall };
      }
      case "historyRequested":
        ctx.send(msg.replyTo, {
          type: "historyReported",
          series: state.args.history.series(msg.sinceMs, ctx.clock.wallNow()),
        });
        return state;
      default:
        return unreachable(msg);
    }
  },
};

/** The live values at monotonic `now`: the fields still fresh, or per the stale policy. */
export function consoleLive(state: ConsoleFeedState, now: number): ConsoleLive | null {
  if (state.lastAt === null) return null;
  const { staleAfterMs, policy } = state.args;
  const age = now - state.lastAt;
  const stale = age >= staleAfterMs;
  const values = !stale
    ? liveValues(freshFields(state.fields, now, staleAfterMs), state.args)
    : policy === "hold"
    ? liveValues(freshFields(state.fields, now, Infinity), state.args)
    : NO_VALUES;
  return {
    at: state.lastWallMs,
    age_s: Math.round(age / 100) / 10,
    stale,
    policy,
    values,
  };
}
