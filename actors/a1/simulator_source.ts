/**
 * The built-in `simulator` A1 source: the seeded e-MUCS meter model, one telegram per interval
 * (the first at once), dated by the clock's wall time. Opening it again (it never fails, but a
 * restart opens it anew) continues the same meter: its energy counters keep growing.
 *
 * @module
 */
import type { A1Source, A1SourceOpener } from "../../drivers/a1_source/a1_source.ts";
import { sleep } from "../../drivers/sleep.ts";
import type { Clock } from "../../drivers/clock.ts";
import { SimulatorFeed } from "./simulator_feed.ts";

/** Options of {@linkcode simulatorSource}. */
export interface SimulatorSourceOptions {
  /** `a1.simulator_seed`. */
  readonly seed: number;
  /** `a1.simulator_interval_ms`. */
  readonly intervalMs: number;
  /** Paces the telegrams and dates them. */
  readonly clock: Clock;
  /** Add the gas channel. @default {true} */
  readonly gas?: boolean;
}

/** An opener for the built-in meter simulator. */
export function simulatorSource(options: SimulatorSourceOptions): A1SourceOpener {
  const label = `simulator (seed ${options.seed}, every ${options.intervalMs} ms)`;
  const feed = new SimulatorFeed({ seed: options.seed, gas: options.gas ?? true });
  return {
    label,
    open(signal) {
      if (signal.aborted) return Promise.reject(signal.reason);
      return Promise.resolve(new SimulatorA1Source(label, feed, options));
    },
  };
}

class SimulatorA1Source implements A1Source {
  readonly label: string;
  readonly modemLines = null;
  readonly endIsFinal = false;
  readonly #feed: SimulatorFeed;
  readonly #options: SimulatorSourceOptions;
  #due: number | null = null;
  #closed = false;

  constructor(label: string, feed: SimulatorFeed, options: SimulatorSourceOptions) {
    this.label = label;
    this.#feed = feed;
    this.#options = options;
  }

  async read(signal: AbortSignal): Promise<Uint8Array | null> {
    if (signal.aborted) throw signal.reason;
    const { clock, intervalMs } = this.#options;
    if (this.#due !== null) {
      const wait = this.#due - clock.now();
      if (wait > 0) await sleep(clock, wait, signal);
    }
    if (this.#closed) return null;
    this.#due = Math.max((this.#due ?? clock.now()) + intervalMs, clock.now());
    return this.#feed.next(clock.wallNow()).bytes;
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
