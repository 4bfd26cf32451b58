/**
 * The ConsoleFeed actor: the web console's view of what the converter serves. It receives every
 * register image the RegisterStore publishes (as the Modbus slaves do), reads the live values
 * from it exactly as a master would, and keeps the last hour of power per phase and in total.
 * It is a sink: nothing waits for it, and its mailbox is bounded like every actor's.
 *
 * The history ring is handed in by the host, which keeps it across in-process reboots, so a page
 * opened after a reboot still shows the hour; only this actor writes it.
 *
 * @module
 */
import type { Variant } from "../variants/api.ts";
import { type LiveLayout, liveLayout, type LiveValues, readLive } from "./console/live_values.ts";
import type { PowerHistory } from "./console/power_history.ts";
import type { ConsoleFeedMsg } from "./messages.ts";
import type { ActorBehavior } from "./runtime/actor.ts";
import { unreachable } from "./runtime/message.ts";

/** Start arguments of the ConsoleFeed. */
export interface ConsoleFeedArgs {
  /** The build's variant (where the live values sit in its registers). */
  readonly variant: Pick<Variant, "registers">;
  /** The hour of power samples (kept by the host across reboots). */
  readonly history: PowerHistory;
}

/** What the ConsoleFeed shows now. */
export interface ConsoleLive {
  /** Wall time (epoch ms) of the image the values come from. */
  readonly at: number;
  /**
   * How masters are answered for measured registers: `null` normally, `"exception"` or
   * `"silent"` while the values are stale under those policies (the values are then null).
   */
  readonly blocked: "exception" | "silent" | null;
  /** The values as served (null where the variant serves no such register, or while blocked). */
  readonly values: LiveValues;
}

/** State of the ConsoleFeed. */
export interface ConsoleFeedState {
  readonly layout: LiveLayout;
  readonly history: PowerHistory;
  readonly live: ConsoleLive | null;
}

/** What `a1mb status` (and the console's `/api/status`) shows of the ConsoleFeed. */
export interface ConsoleFeedStatus {
  readonly live: ConsoleLive | null;
  /** Power samples held for the chart. */
  readonly history_points: number;
}

/** The ConsoleFeed behaviour. */
export const consoleFeed: ActorBehavior<ConsoleFeedMsg, ConsoleFeedState, ConsoleFeedArgs> = {
  preStart(_ctx, args) {
    return { layout: liveLayout(args.variant), history: args.history, live: null };
  },

  status: (state): ConsoleFeedStatus => ({
    live: state.live,
    history_points: state.history.size,
  }),

  handle(state, msg, ctx) {
    switch (msg.type) {
      case "registersPublished": {
        const at = ctx.clock.wallNow();
        const read = readLive(state.layout, msg.image);
        const blocked = msg.image.blocked;
        const values = blocked === null ? read : nulls(read);
        state.history.add({
          t: at,
          l1: values.power_l1_w,
          l2: values.power_l2_w,
          l3: values.power_l3_w,
          total: values.power_w,
        });
        return { ...state, live: { at, blocked, values } };
      }
      case "historyRequested":
        ctx.send(msg.replyTo, {
          type: "historyReported",
          series: state.history.series(msg.sinceMs, ctx.clock.wallNow()),
        });
        return state;
      default:
        return unreachable(msg);
    }
  },
};

function nulls(values: LiveValues): LiveValues {
  return Object.fromEntries(Object.keys(values).map((k) => [k, null])) as unknown as LiveValues;
}
