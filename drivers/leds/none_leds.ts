/** An LED driver that shows nothing. */
import type { LedDriver } from "./led_driver.ts";

/** Ignores every state. */
export class NoLeds implements LedDriver {
  /** Does nothing. */
  set(): void {}
  /** Does nothing. */
  close(): void {}
}
