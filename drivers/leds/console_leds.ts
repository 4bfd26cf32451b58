/**
 * LEDs as log lines: one line per state change, for a box without LEDs or a terminal. The host
 * hands it a writer at debug level, so a master's polling fills no journal.
 *
 * @module
 */
import type { LedDriver, LedName, LedState } from "./led_driver.ts";

const LABEL: Record<LedName, string> = { pwr: "PWR", a1: "A1", rs485: "485" };

/** Writes `LED A1 blink` style lines through the given writer (the logger). */
export class ConsoleLeds implements LedDriver {
  readonly #write: (line: string) => void;

  /** @param write receives one line per state change */
  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** Reports the new state. */
  set(led: LedName, state: LedState): void {
    this.#write(`LED ${LABEL[led]} ${state}`);
  }

  /** Nothing to release. */
  close(): void {}
}
