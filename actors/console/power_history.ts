/**
 * The last hour of power per phase and in total, for the web console's chart: a ring buffer of
 * at most one sample per second (a later sample in the same second replaces the earlier one), so
 * an hour is at most 3600 samples (~115 KB) whatever the telegram rate. Pure data, no clock: the
 * caller gives every time.
 *
 * @module
 */

/** How long samples are kept, in ms. */
export const HISTORY_SPAN_MS = 3_600_000;

/** Samples kept: one per second for the span. */
const CAPACITY = HISTORY_SPAN_MS / 1000;

/** One sample: wall time (epoch ms) and the served powers in W (null: not served then). */
export interface PowerSample {
  readonly t: number;
  readonly l1: number | null;
  readonly l2: number | null;
  readonly l3: number | null;
  readonly total: number | null;
}

/** Samples as columns, oldest first (what `/api/history` serves). */
export interface PowerSeries {
  readonly t: number[];
  readonly l1: (number | null)[];
  readonly l2: (number | null)[];
  readonly l3: (number | null)[];
  readonly total: (number | null)[];
}

/**
 * A ring of power samples covering the last hour.
 *
 * @example
 * ```ts
 * import { PowerHistory } from "./power_history.ts";
 * const history = new PowerHistory();
 * history.add({ t: 1_000, l1: 230, l2: -40, l3: 0, total: 190 });
 * history.series(0, 1_000).total; // [190]
 * ```
 */
export class PowerHistory {
  readonly #samples: (PowerSample | undefined)[] = new Array(CAPACITY);
  #head = 0;
  #size = 0;

  /** Samples held (before dropping those older than the span). */
  get size(): number {
    return this.#size;
  }

  /** Adds a sample; one in the same second as the newest replaces it. Older times are ignored. */
  add(sample: PowerSample): void {
    const newest = this.#at(this.#size - 1);
    if (newest !== undefined) {
      if (sample.t < newest.t) return;
      if (Math.floor(sample.t / 1000) === Math.floor(newest.t / 1000)) {
        this.#samples[(this.#head + this.#size - 1) % CAPACITY] = sample;
        return;
      }
    }
    if (this.#size === CAPACITY) {
      this.#head = (this.#head + 1) % CAPACITY;
      this.#size--;
    }
    this.#samples[(this.#head + this.#size) % CAPACITY] = sample;
    this.#size++;
  }

  /** The samples newer than `sinceMs` and within the span before `nowMs`, as columns. */
  series(sinceMs: number, nowMs: number): PowerSeries {
    const from = Math.max(sinceMs, nowMs - HISTORY_SPAN_MS);
    const out: PowerSeries = { t: [], l1: [], l2: [], l3: [], total: [] };
    for (let i = 0; i < this.#size; i++) {
      const s = this.#at(i);
      if (s === undefined || s.t <= from) continue;
      out.t.push(s.t);
      out.l1.push(s.l1);
      out.l2.push(s.l2);
      out.l3.push(s.l3);
      out.total.push(s.total);
    }
    return out;
  }

  #at(index: number): PowerSample | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    return this.#samples[(this.#head + index) % CAPACITY];
  }
}
