/**
 * LEDs under `/sys/class/leds/<name>/`: on/off through `brightness` (with trigger `none`),
 * blinking through the kernel's `timer` trigger (`delay_on`/`delay_off`), so blinking costs no
 * CPU. The files are written and read through libc (`drivers/ffi/sysfs_file.ts`): Deno's file
 * API refuses `/sys` without `--allow-all`, and the artefacts run with `--allow-ffi` instead.
 * The base path is injectable so tests use a temp dir.
 *
 * @module
 */
import { readSysfsFile, writeSysfsFile } from "../ffi/sysfs_file.ts";
import { LED_NAMES, type LedDriver, type LedName, type LedState } from "./led_driver.ts";

/** Options of {@linkcode SysfsLeds}. */
export interface SysfsLedsOptions {
  /** Folder holding the LED folders. @default "/sys/class/leds" */
  readonly base?: string;
  /** The sysfs LED name of each logical LED. */
  readonly names: Readonly<Record<LedName, string>>;
  /** Half period of a blink, in ms. @default 250 */
  readonly blinkMs?: number;
  /**
   * Called once per LED whose files cannot be written (the driver then skips that LED), and once
   * per LED whose blink rate cannot be set (it then blinks at the kernel's default rate).
   */
  readonly onError?: (led: LedName, message: string) => void;
}

/** Drives Linux LED class devices. */
export class SysfsLeds implements LedDriver {
  readonly #base: string;
  readonly #names: Readonly<Record<LedName, string>>;
  readonly #blinkMs: number;
  readonly #onError: (led: LedName, message: string) => void;
  readonly #broken = new Set<LedName>();
  /** LEDs whose `delay_on`/`delay_off` could not be written: they blink at the kernel's rate. */
  readonly #defaultRate = new Set<LedName>();
  /** Each LED's `max_brightness`, read once: the kernel fixes it per device. */
  readonly #maxBrightness = new Map<LedName, string>();

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
        writeSysfsFile(`${dir}/trigger`, "timer");
        this.#setBlinkRate(led, dir);
      } else {
        writeSysfsFile(`${dir}/trigger`, "none");
        writeSysfsFile(`${dir}/brightness`, state === "on" ? this.#brightest(led, dir) : "0");
      }
    } catch (error) {
      this.#broken.add(led);
      const reason = error instanceof Error ? error.message : String(error);
      this.#onError(led, `Cannot drive LED "${this.#names[led]}", skipping it: ${reason}`);
    }
  }

  /**
   * Writes the blink's half periods. The kernel creates `delay_on`/`delay_off` (owned by root)
   * each time the timer trigger is set, so a service user may not be able to write them even
   * where it may write `trigger`: the LED then still blinks, at the kernel's default 500/500 ms,
   * and that is reported once.
   */
  #setBlinkRate(led: LedName, dir: string): void {
    if (this.#defaultRate.has(led)) return;
    try {
      writeSysfsFile(`${dir}/delay_on`, String(this.#blinkMs));
      writeSysfsFile(`${dir}/delay_off`, String(this.#blinkMs));
    } catch (error) {
      this.#defaultRate.add(led);
      const reason = error instanceof Error ? error.message : String(error);
      this.#onError(
        led,
        `Cannot set the blink rate of LED "${
          this.#names[led]
        }", it blinks at the kernel's default rate: ${reason}`,
      );
    }
  }

  /** Turns every working LED off. */
  close(): void {
    for (const led of LED_NAMES) this.set(led, "off");
  }

  /** The LED's `max_brightness`, or "1" when it is unreadable or not a positive integer. */
  #brightest(led: LedName, dir: string): string {
    let value = this.#maxBrightness.get(led);
    if (value === undefined) {
      try {
        const text = readSysfsFile(`${dir}/max_brightness`).trim();
        value = /^\d+$/.test(text) && !/^0+$/.test(text) ? text : "1";
      } catch {
        value = "1";
      }
      this.#maxBrightness.set(led, value);
    }
    return value;
  }
}
