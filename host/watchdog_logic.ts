/**
 * When to tell systemd that a1mb is ready and alive: `READY=1` once, when the host says start-up
 * is complete (both serial sides open and the first register image published), and `WATCHDOG=1`
 * every half interval, only while the supervisor reports every actor healthy. A hung actor (a
 * handler busy for longer than allowed) stops the pings, so systemd's watchdog restarts the
 * service; a recovery before that resumes them. A blocked event loop stops them too: the timer
 * cannot fire. Pings start with {@linkcode WatchdogKeeper.start}, before `READY=1`: systemd arms
 * its watchdog only once start-up is complete, so early pings are harmless, and start-up itself
 * is bounded by `TimeoutStartSec`.
 *
 * {@linkcode watchdogStep} is the pure rule; {@linkcode WatchdogKeeper} drives it with a
 * {@linkcode Clock} and hands the resulting notifications to a {@linkcode WatchdogTarget} (the
 * systemd notifier, structurally).
 *
 * @module
 */
import type { Clock, TimerHandle } from "../drivers/clock.ts";

/** What the keeper knows. */
export interface WatchdogState {
  /** `READY=1` has been sent. */
  readonly readySent: boolean;
  /** The last health check passed (true before the first check). */
  readonly healthy: boolean;
  /** `STOPPING=1` has been sent; nothing follows it. */
  readonly stopped: boolean;
}

/** The state before anything happened. */
export const INITIAL_WATCHDOG_STATE: WatchdogState = {
  readySent: false,
  healthy: true,
  stopped: false,
};

/** What can happen to the keeper. */
export type WatchdogEvent =
  /** The host's start-up is complete. */
  | { readonly type: "hostReady" }
  /** A ping is due; `healthy` is the supervisor's verdict at this moment. */
  | { readonly type: "tick"; readonly healthy: boolean }
  /** The service is shutting down cleanly. */
  | { readonly type: "stop" };

/** What the keeper must do. */
export type WatchdogAction =
  | { readonly type: "sendReady" }
  | { readonly type: "sendWatchdog" }
  | { readonly type: "sendStopping" }
  /** The health verdict flipped (for a log line and a `STATUS=`). */
  | { readonly type: "healthChanged"; readonly healthy: boolean };

/**
 * The pure rule: the next state and the notifications for one event.
 *
 * @example
 * ```ts
 * import { INITIAL_WATCHDOG_STATE, watchdogStep } from "./watchdog_logic.ts";
 *
 * watchdogStep(INITIAL_WATCHDOG_STATE, { type: "tick", healthy: true });
 * // { state: …, actions: [{ type: "sendWatchdog" }] }
 * ```
 */
export function watchdogStep(
  state: WatchdogState,
  event: WatchdogEvent,
): { state: WatchdogState; actions: WatchdogAction[] } {
  if (state.stopped) return { state, actions: [] };
  switch (event.type) {
    case "hostReady":
      if (state.readySent) return { state, actions: [] };
      return { state: { ...state, readySent: true }, actions: [{ type: "sendReady" }] };
    case "tick": {
      const actions: WatchdogAction[] = [];
      if (event.healthy !== state.healthy) {
        actions.push({ type: "healthChanged", healthy: event.healthy });
      }
      if (event.healthy) actions.push({ type: "sendWatchdog" });
      return { state: { ...state, healthy: event.healthy }, actions };
    }
    case "stop":
      return { state: { ...state, stopped: true }, actions: [{ type: "sendStopping" }] };
    default: {
      const never: never = event;
      throw new TypeError(`Unknown watchdog event: ${JSON.stringify(never)}`);
    }
  }
}

/** The ping period for a watchdog interval: half of it, as `sd_watchdog_enabled(3)` advises. */
export function pingPeriodMs(intervalMs: number): number {
  return intervalMs / 2;
}

/**
 * How long one actor handler may run before the service counts as hung: half the watchdog
 * interval, or `fallbackMs` when there is no watchdog.
 */
export function maxBusyMsFor(intervalMs: number | null, fallbackMs = 15_000): number {
  return intervalMs === null ? fallbackMs : intervalMs / 2;
}

/** Where the notifications go (the systemd notifier has these methods). */
export interface WatchdogTarget {
  /** Sends `READY=1`. */
  ready(): unknown;
  /** Sends `WATCHDOG=1`. */
  watchdog(): unknown;
  /** Sends `STOPPING=1`. */
  stopping(): unknown;
}

/** Options of {@linkcode WatchdogKeeper}. */
export interface WatchdogKeeperOptions {
  /** systemd's watchdog interval in ms, or null: no pings (READY and STOPPING still go out). */
  readonly intervalMs: number | null;
  /** The health verdict, e.g. `() => supervisor.healthy(maxBusyMsFor(intervalMs))`. */
  readonly healthy: () => boolean;
  /** Receives the notifications. */
  readonly target: WatchdogTarget;
  /** Time source of the ping timer. */
  readonly clock: Clock;
  /** Called when the verdict flips, to log it and update `STATUS=`. */
  readonly onHealthChange?: (healthy: boolean) => void;
}

/** Drives {@linkcode watchdogStep} with a timer: a ping check now and every half interval. */
export class WatchdogKeeper {
  readonly #options: WatchdogKeeperOptions;
  #state: WatchdogState = INITIAL_WATCHDOG_STATE;
  #timer: TimerHandle | null = null;
  #started = false;
  #pings = 0;

  /** @param options interval, health verdict, target and clock */
  constructor(options: WatchdogKeeperOptions) {
    this.#options = options;
  }

  /** `WATCHDOG=1` notifications sent so far. */
  get pings(): number {
    return this.#pings;
  }

  /** The current state (for status reports). */
  get state(): WatchdogState {
    return this.#state;
  }

  /** Starts the ping timer (a no-op without an interval, or when already started). */
  start(): void {
    if (this.#started || this.#state.stopped) return;
    this.#started = true;
    if (this.#options.intervalMs !== null) this.#tick();
  }

  /** The host's start-up is complete: sends `READY=1` the first time. */
  markReady(): void {
    this.#apply({ type: "hostReady" });
  }

  /** Stops the pings and sends `STOPPING=1` (once). */
  stop(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#apply({ type: "stop" });
  }

  #tick(): void {
    this.#timer = null;
    let healthy: boolean;
    try {
      healthy = this.#options.healthy();
    } catch {
      healthy = false; // a verdict that cannot be had is not a healthy one
    }
    this.#apply({ type: "tick", healthy });
    if (this.#state.stopped || this.#options.intervalMs === null) return;
    const period = pingPeriodMs(this.#options.intervalMs);
    this.#timer = this.#options.clock.setTimeout(() => this.#tick(), period);
  }

  #apply(event: WatchdogEvent): void {
    const { state, actions } = watchdogStep(this.#state, event);
    this.#state = state;
    for (const action of actions) {
      switch (action.type) {
        case "sendReady":
          this.#options.target.ready();
          break;
        case "sendWatchdog":
          this.#pings++;
          this.#options.target.watchdog();
          break;
        case "sendStopping":
          this.#options.target.stopping();
          break;
        case "healthChanged":
          this.#options.onHealthChange?.(action.healthy);
          break;
        default: {
          const never: never = action;
          throw new TypeError(`Unknown watchdog action: ${JSON.stringify(never)}`);
        }
      }
    }
  }
}
