/**
 * The LedController actor: turns telegram and RS485 events into the three LED states of the
 * device manual, and shows them through its LED driver (which it owns).
 *
 * @module
 */
import type { LedDriver, LedName, LedState } from "../drivers/leds/led_driver.ts";
import { type LedInputs, ledStates, nextLedDeadline, NO_LED_INPUTS } from "./led_logic.ts";
import type { LedControllerMsg } from "./messages.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import { unreachable } from "./runtime/message.ts";

/** Start arguments of the LedController. */
export interface LedControllerArgs {
  /** Makes the LED driver (called at every start). */
  readonly makeDriver: () => LedDriver;
  /** `a1.stale_after_s` in ms: how long a telegram keeps the A1 LED lit. */
  readonly staleAfterMs: number;
}

/** State of the LedController. */
export interface LedControllerState {
  readonly driver: LedDriver;
  readonly staleAfterMs: number;
  readonly inputs: LedInputs;
  readonly shown: Readonly<Record<LedName, LedState>>;
  readonly cancelDeadline: (() => void) | null;
}

/** The LedController behaviour. */
export const ledController: ActorBehavior<LedControllerMsg, LedControllerState, LedControllerArgs> =
  {
    preStart(ctx, args) {
      const driver = args.makeDriver();
      const shown = { pwr: "off", a1: "off", rs485: "off" } as const;
      return refresh(
        {
          driver,
          staleAfterMs: args.staleAfterMs,
          inputs: NO_LED_INPUTS,
          shown,
          cancelDeadline: null,
        },
        ctx,
        true,
      );
    },

    status: (state) => ({ ...state.shown }),

    handle(state, msg, ctx) {
      const now = ctx.clock.now();
      switch (msg.type) {
        case "telegramAccepted":
          return refresh({ ...state, inputs: { ...state.inputs, telegramAcceptedAt: now } }, ctx);
        case "telegramRejected":
          return refresh({ ...state, inputs: { ...state.inputs, telegramRejectedAt: now } }, ctx);
        case "rs485Activity": {
          const inputs = {
            ...state.inputs,
            ...(msg.valid > 0 ? { requestValidAt: now } : {}),
            ...(msg.invalid > 0 ? { requestInvalidAt: now } : {}),
          };
          return refresh({ ...state, inputs }, ctx);
        }
        case "ledDeadlineReached":
          return refresh({ ...state, cancelDeadline: null }, ctx);
        default:
          return unreachable(msg);
      }
    },

    postStop(state) {
      state.cancelDeadline?.();
      state.driver.close();
    },
  };

/** Shows the states due now and arms a timer for the next change. */
function refresh(
  state: LedControllerState,
  ctx: ActorContext<LedControllerMsg>,
  force = false,
): LedControllerState {
  const now = ctx.clock.now();
  const want = ledStates(state.inputs, now, state.staleAfterMs);
  for (const led of ["pwr", "a1", "rs485"] as const) {
    if (force || want[led] !== state.shown[led]) state.driver.set(led, want[led]);
  }
  state.cancelDeadline?.();
  const deadline = nextLedDeadline(state.inputs, now, state.staleAfterMs);
  const cancelDeadline = deadline === null
    ? null
    : ctx.sendAfter({ type: "ledDeadlineReached" }, deadline - now);
  return { ...state, shown: want, cancelDeadline };
}
