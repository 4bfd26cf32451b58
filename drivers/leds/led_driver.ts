/**
 * The LED driver interface: three logical LEDs, each off, on or blinking.
 *
 * @module
 */

/** The device's three LEDs. */
export type LedName = "pwr" | "a1" | "rs485";

/** What an LED shows. */
export type LedState = "off" | "on" | "blink";

/** Every LED name, in panel order. */
export const LED_NAMES: readonly LedName[] = ["pwr", "a1", "rs485"];

/** Shows LED states on some output. */
export interface LedDriver {
  /** Shows `state` on `led`. Called only when the state changes. Must not throw. */
  set(led: LedName, state: LedState): void;
  /** Releases the output (LEDs are left off where the output allows). */
  close(): void;
}
