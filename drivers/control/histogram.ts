/**
 * A Prometheus-style histogram accumulator: fixed bucket bounds, a count per bucket, the sum and
 * the count of observations. {@linkcode Histogram.snapshot} gives the cumulative form that
 * `prometheusText` renders.
 *
 * @module
 */
import type { HistogramSample, Labels } from "./prometheus_text.ts";

/** Bounds in seconds for handler and response times: 100 µs … 2.5 s. */
export const LATENCY_SECONDS_BOUNDS: readonly number[] = [
  0.0001,
  0.00025,
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
];

/** Counts observations into buckets `value ≤ bound`; NaN observations are ignored. */
export class Histogram {
  readonly #bounds: readonly number[];
  readonly #counts: number[];
  #sum = 0;
  #count = 0;

  /**
   * @param bounds finite upper bounds, strictly increasing (the `+Inf` bucket is implied)
   * @throws {RangeError} for bounds that are not finite and strictly increasing
   */
  constructor(bounds: readonly number[] = LATENCY_SECONDS_BOUNDS) {
    for (let i = 0; i < bounds.length; i++) {
      const b = bounds[i] ?? NaN;
      if (!Number.isFinite(b) || (i > 0 && b <= (bounds[i - 1] ?? NaN))) {
        throw new RangeError(
          `Invalid histogram bounds: ${JSON.stringify(bounds)} (finite, strictly increasing)`,
        );
      }
    }
    this.#bounds = [...bounds];
    this.#counts = new Array<number>(bounds.length).fill(0);
  }

  /** Adds one observation. */
  observe(value: number): void {
    if (Number.isNaN(value)) return;
    this.#sum += value;
    this.#count++;
    for (let i = 0; i < this.#bounds.length; i++) {
      if (value <= (this.#bounds[i] ?? -Infinity)) {
        this.#counts[i] = (this.#counts[i] ?? 0) + 1;
        return;
      }
    }
  }

  /** Number of observations so far. */
  get count(): number {
    return this.#count;
  }

  /** The cumulative form, ready for `prometheusText`. */
  snapshot(labels?: Labels): HistogramSample {
    const cumulativeCounts: number[] = [];
    let running = 0;
    for (const c of this.#counts) {
      running += c;
      cumulativeCounts.push(running);
    }
    const base = { bounds: this.#bounds, cumulativeCounts, sum: this.#sum, count: this.#count };
    return labels === undefined ? base : { ...base, labels };
  }
}
