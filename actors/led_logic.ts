/**
 * The LED rules of the device manual as pure functions of the last event times:
 * PWR on while running; A1 on = a valid telegram within `stale_after_s`, blinking = the last
 * telegram was rejected, off = nothing received lately; 485 on = a valid request for us (or a
 * broadcast) within the last second, blinking = bytes that formed no valid frame within it, off =
 * a quiet bus (frames for other addresses on a shared bus count as neither).
 *
 * @module
 */
import type { LedName, LedState } from "../drivers/leds/led_driver.ts";

/** How long a request keeps the 485 LED on (or blinking), in ms. */
export const RS485_RECENT_MS = 1000;

/** When things last happened (monotonic ms), or null if never. */
export interface LedInputs {
  readonly telegramAcceptedAt: number | null;
  readonly telegramRejectedAt: number | null;
  readonly requestValidAt: number | null;
  readonly requestInvalidAt: number | null;
}

/** Nothing has happened yet. */
export const NO_LED_INPUTS: LedInputs = {
  telegramAcceptedAt: null,
  telegramRejectedAt: null,
  requestValidAt: null,
  requestInvalidAt: null,
};

/** The three LED states at `now`. */
export function ledStates(
  inputs: LedInputs,
  now: number,
  staleAfterMs: number,
): Record<LedName, LedState> {
  return { pwr: "on", a1: a1State(inputs, now, staleAfterMs), rs485: rs485State(inputs, now) };
}

function a1State(inputs: LedInputs, now: number, staleAfterMs: number): LedState {
  const accepted = inputs.telegramAcceptedAt ?? -Infinity;
  const rejected = inputs.telegramRejectedAt ?? -Infinity;
  const last = Math.max(accepted, rejected);
  if (last === -Infinity || now - last >= staleAfterMs) return "off";
  return rejected > accepted ? "blink" : "on";
}

function rs485State(inputs: LedInputs, now: number): LedState {
  if (recent(inputs.requestValidAt, now)) return "on";
  if (recent(inputs.requestInvalidAt, now)) return "blink";
  return "off";
}

function recent(at: number | null, now: number): boolean {
  return at !== null && now - at < RS485_RECENT_MS;
}

/** The earliest time after `now` at which a state can change by itself, or null if none. */
export function nextLedDeadline(
  inputs: LedInputs,
  now: number,
  staleAfterMs: number,
): number | null {
  const candidates: number[] = [];
  const lastTelegram = Math.max(
    inputs.telegramAcceptedAt ?? -Infinity,
    inputs.telegramRejectedAt ?? -Infinity,
  );
  if (lastTelegram !== -Infinity) candidates.push(lastTelegram + staleAfterMs);
  if (inputs.requestValidAt !== null) candidates.push(inputs.requestValidAt + RS485_RECENT_MS);
  if (inputs.requestInvalidAt !== null) candidates.push(inputs.requestInvalidAt + RS485_RECENT_MS);
  const future = candidates.filter((t) => t > now);
  return future.length === 0 ? null : Math.min(...future);
}
