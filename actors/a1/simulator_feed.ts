/**
 * The meter simulator as a byte feed: the seeded e-MUCS model (`createMeterSimulator`) plus
 * deterministic fault injection (every Nth telegram with a wrong CRC, cut off before its
 * footer, or preceded by line noise), and {@linkcode runMeterSimulator}, the paced loop that
 * writes it somewhere. `a1mb simulate`, the built-in `simulator` source and the demo share it.
 *
 * Line noise here never holds `/` or `!`: it can neither open nor close a frame, so what a
 * reader makes of each telegram follows from its kind alone (a truncated one is dropped when
 * the next telegram begins, even with noise in between).
 *
 * @module
 */
import type { Clock } from "../../drivers/clock.ts";
import { sleep } from "../../drivers/sleep.ts";
import type { Measurements } from "../../protocol/dsmr/measurements.ts";
import {
  createMeterSimulator,
  type MeterSimulatorState,
  nextTelegram,
} from "../../protocol/dsmr/meter_simulator.ts";
import { corruptCrc, garbageBytes, truncateTelegram } from "../../protocol/dsmr/telegram_faults.ts";

/** Options of a {@linkcode SimulatorFeed}. */
export interface SimulatorFeedOptions {
  /** Seed of the meter model's random walks. */
  readonly seed: number;
  /** @default {3} */
  readonly phases?: 1 | 3;
  /** Add a gas meter on M-Bus channel 1. @default {false} */
  readonly gas?: boolean;
  /** Epoch ms the model's 13-month history is built back from. @default the first telegram's time */
  readonly startMs?: number;
  /** Every Nth telegram gets a wrong CRC (0: never). @default {0} */
  readonly badCrcEvery?: number;
  /** Every Nth telegram is cut off before its footer (0: never; wins over a bad CRC). @default {0} */
  readonly truncateEvery?: number;
  /** Every Nth telegram is preceded by 16…47 bytes of line noise (0: never). @default {0} */
  readonly garbageEvery?: number;
}

/** What a simulated telegram was made into. */
export type SimulatedKind = "ok" | "bad-crc" | "truncated";

/** One telegram of the feed, with what a test needs to know about it. */
export interface FeedItem {
  /** 1 for the first telegram. */
  readonly seq: number;
  readonly kind: SimulatedKind;
  /** The telegram's correct CRC, 4 upper-case hex digits. */
  readonly crc: string;
  /** The CRC digits sent (differ from `crc` for `bad-crc`), null when truncated. */
  readonly sentCrc: string | null;
  /** Bytes of line noise sent before the telegram. */
  readonly garbage: number;
  /** Everything to write: the noise, then the telegram as sent. */
  readonly bytes: Uint8Array;
  /** The measurements the telegram encodes. */
  readonly truth: Measurements;
}

const BANG = 0x21;
const NOISE_STAND_IN = 0x3f; // "?" replaces "!" in line noise

function every(n: number | undefined, seq: number): boolean {
  return n !== undefined && n > 0 && seq % n === 0;
}

function footerCrc(telegram: Uint8Array): string {
  const bang = telegram.lastIndexOf(BANG);
  return String.fromCharCode(...telegram.subarray(bang + 1, bang + 5));
}

/** A stateful stream of simulated telegrams. */
export class SimulatorFeed {
  readonly #options: SimulatorFeedOptions;
  #meter: MeterSimulatorState | null = null;
  #seq = 0;

  /** Makes a feed; the model is created at the first telegram. */
  constructor(options: SimulatorFeedOptions) {
    for (const key of ["badCrcEvery", "truncateEvery", "garbageEvery"] as const) {
      const n = options[key];
      if (n !== undefined && !(Number.isInteger(n) && n >= 0)) {
        throw new RangeError(`Cannot create simulator feed: ${key} "${n}" is not an integer ≥ 0`);
      }
    }
    this.#options = options;
  }

  /** Telegrams made so far. */
  get sent(): number {
    return this.#seq;
  }

  /** Makes the next telegram, as the meter would send it at `wallMs`. */
  next(wallMs: number): FeedItem {
    const o = this.#options;
    this.#meter ??= createMeterSimulator({
      seed: o.seed,
      phases: o.phases ?? 3,
      gas: o.gas ?? false,
      startMs: o.startMs ?? wallMs,
    });
    const step = nextTelegram(this.#meter, wallMs);
    this.#meter = step.state;
    const seq = ++this.#seq;
    const crc = footerCrc(step.bytes);
    let kind: SimulatedKind = "ok";
    let telegram = step.bytes;
    if (every(o.truncateEvery, seq)) {
      kind = "truncated";
      telegram = truncateTelegram(step.bytes, 0.3 + ((seq * 37) % 50) / 100);
    } else if (every(o.badCrcEvery, seq)) {
      kind = "bad-crc";
      telegram = corruptCrc(step.bytes);
    }
    const noise = every(o.garbageEvery, seq)
      ? garbageBytes((o.seed ^ (seq * 0x9e37)) >>> 0, 16 + ((seq * 7 + o.seed) % 32))
      : new Uint8Array(0);
    for (let i = 0; i < noise.length; i++) if (noise[i] === BANG) noise[i] = NOISE_STAND_IN;
    const bytes = new Uint8Array(noise.length + telegram.length);
    bytes.set(noise);
    bytes.set(telegram, noise.length);
    return {
      seq,
      kind,
      crc,
      sentCrc: kind === "truncated" ? null : footerCrc(telegram),
      garbage: noise.length,
      bytes,
      truth: step.truth,
    };
  }
}

/** Options of {@linkcode runMeterSimulator}. */
export interface MeterSimulatorRun extends SimulatorFeedOptions {
  /** Pause between two telegrams, in ms (the first is sent at once). */
  readonly intervalMs: number;
  /** The clock that paces the loop and dates the telegrams (`wallNow`). */
  readonly clock: Clock;
  /** Stops the loop. */
  readonly signal: AbortSignal;
  /** Writes one telegram's bytes; a rejection ends the loop with that error. */
  readonly write: (bytes: Uint8Array) => Promise<void>;
  /** Stop after this many telegrams. @default unlimited */
  readonly count?: number;
  /** Stop sending after this many ms, then wait for `signal` (a meter gone quiet). */
  readonly silenceAfterMs?: number;
  /** Called with each telegram just before it is written. */
  readonly onTelegram?: (item: FeedItem) => void;
}

/**
 * Runs the simulator: one telegram per interval through `write`, until `count` telegrams were
 * written or `signal` aborts; after `silenceAfterMs` it stops sending and waits for `signal`.
 * A late write does not cause a burst: the next telegram is due one interval after it.
 *
 * @example
 * ```ts
 * import { runMeterSimulator } from "./simulator_feed.ts";
 * import { systemClock } from "../../drivers/clock.ts";
 * import { openPtyPair } from "../../drivers/serial/mod.ts";
 *
 * // Two telegrams, 10 ms apart, into a pseudo-terminal (its slave side is the "P1 cable").
 * await using pair = openPtyPair();
 * const sent = await runMeterSimulator({
 *   seed: 1, intervalMs: 10, count: 2, clock: systemClock, signal: new AbortController().signal,
 *   write: (bytes) => pair.master.write(bytes),
 * });
 * if (sent !== 2) throw new Error(`expected 2 telegrams, made ${sent}`);
 * ```
 * @returns the number of telegrams made (the last one may have been cut short by `signal`)
 */
export async function runMeterSimulator(run: MeterSimulatorRun): Promise<number> {
  const feed = new SimulatorFeed(run);
  const { clock, signal } = run;
  const started = clock.now();
  let due = started;
  try {
    while (!signal.aborted && (run.count === undefined || feed.sent < run.count)) {
      const now = clock.now();
      if (due > now) await sleep(clock, due - now, signal);
      if (run.silenceAfterMs !== undefined && clock.now() - started >= run.silenceAfterMs) {
        await new Promise<void>((resolve) =>
          signal.addEventListener("abort", () => resolve(), { once: true })
        );
        break;
      }
      const item = feed.next(clock.wallNow());
      run.onTelegram?.(item);
      await run.write(item.bytes);
      due = Math.max(due + run.intervalMs, clock.now());
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return feed.sent;
}
