/**
 * The statistics every benchmark reports, one definition each: the median (the mean of the two
 * middle values for an even count), a quantile of sorted values, and "median (min–max)".
 *
 * @example
 * ```ts
 * import { median, quantile, spread } from "./_stats.ts";
 *
 * median([3, 1, 2]); // 2
 * median([4, 1, 3, 2]); // 2.5
 * quantile([1, 2, 3, 4], 0.5); // 3
 * spread([2, 1, 3], 1); // "2.0 (1.0–3.0)"
 * ```
 *
 * @module
 */

/** The median of `values` (any order); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

/** The value at quantile `q` (0…1) of ascending `sorted` values; NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
}

/** "median (min–max)" of `values` with `digits` decimals, the single value alone, "–" for none. */
export function spread(values: readonly number[], digits: number): string {
  if (values.length === 0) return "–";
  const m = median(values).toFixed(digits);
  if (values.length === 1) return m;
  return `${m} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}
