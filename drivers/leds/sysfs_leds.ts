/**
 * LEDs under `/sys/class/leds/<name>/`: on/off through `brightness` (with trigger `none`),
 * blinking through the kernel's `timer` trigger (`delay_on`/`delay_off`), so blinking costs no
 * CPU. The base path is injectable so tests use a temp dir.
 *
 * @module
 */
import { LED_NAMES, type LedDriver, type LedName, type LedState } from "./led_driver.ts";

/** Options of {@linkcode SysfsLeds}. */
export interface SysfsLedsOptions {
  /** Folder holding the LED folders. @default "/sys/class/leds" */
  readonly base?: string;
  /** The sysfs LED name of each logical LED. */
  readonly names: Readonly<Record<LedName, string>>;
  /** Half period of a blink, in ms. @default 250 */
  readonly blinkMs?: number;
  /** Called once per LED whose files cannot be written (the driver then skips that LED). */
  readonly onError?: (led: LedName, message: string) => void;
}

/** Drives Linux LED class devices. */
export class SysfsLeds implements LedDriver {
  readonly #base: string;
  readonly #names: Readonly<Record<LedName, string>>;
  readonly #blinkMs: number;
  readonly #onError: (led: LedName, message: string) => void;
  readonly #broken = new Set<LedName>();

  /** Makes the driver; nothing is written until {@linkcode set}. */
  constructor(options: SysfsLedsOptions) {
    this.#base = options.base ?? "/sys/class/leds";
    this.#names = options.names;
    this.#blinkMs = options.blinkMs ?? 250;
    this.#onError = options.onError ?? (() => {});
  }

  /** Writes the LED's files for `state`. */
  set(led: LedName, state: LedState): void {
    if (this.#broken.has(led)) return;
    const dir = `${this.#base}/${this.#names[led]}`;
    try {
      if (state === "blink") {
        Deno.writeTextFileSync(`${dir}/trigger`, "timer");
        Deno.writeTextFileSync(`${dir}/delay_on`, String(this.#blinkMs));
        Deno.writeTextFileSync(`${dir}/delay_off`, String(this.#blinkMs));
      } else {
        Deno.writeTextFileSync(`${dir}/trigger`, "none");
        Deno.writeTextFileSync(
          `${dir}/brightness`,
          state === "on" ? this.#maxBrightness(dir) : "0",
        );
      }
    } catch (error) {
      this.#broken.add(led);
      const reason = error instanceof Error ? error.message : String(error);
      this.#onError(led, `Cannot drive LED "${this.#names[led]}" in ${dir}: ${reason}`);
    }
  }

  /** Turns every working LED off. */
  close(): void {
    for (const led of LED_NAMES) this.set(led, "off");
  }

  #maxBrightness(dir: string): string {
    try {
      const text = Deno.readTextFileSync(`${dir}/max_brightness`).trim();
      return /^\d+$/.test(text) && text !== "0" ? text : "1";
    } catch {
      return "1";
    }
  }
}
