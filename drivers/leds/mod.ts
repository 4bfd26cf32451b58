/**
 * LED drivers: `sysfs` (Linux LED class), `console` (a line per change) and `none`.
 *
 * @module
 */
export { ConsoleLeds } from "./console_leds.ts";
export { LED_NAMES, type LedDriver, type LedName, type LedState } from "./led_driver.ts";
export { NoLeds } from "./none_leds.ts";
export { SysfsLeds, type SysfsLedsOptions } from "./sysfs_leds.ts";
