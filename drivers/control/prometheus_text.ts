/**
 * The Prometheus text exposition format, version 0.0.4: `# HELP` and `# TYPE` lines, then the
 * samples; histograms as cumulative `_bucket{le="…"}` series ending with `le="+Inf"`, plus
 * `_sum` and `_count`. Pure: metric families in, text out.
 *
 * Names follow Prometheus's rules (`[a-zA-Z_][a-zA-Z0-9_]*`; the colon the grammar allows is
 * reserved for recording rules, so an exporter does not use it), label names do not start with
 * `__`, and counters end in `_total`. A family that breaks a rule is a programming error and
 * throws.
 *
 * @module
 */

/** The `Content-Type` of this format. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Label names to values of one series. */
export type Labels = Readonly<Record<string, string>>;

/** One counter or gauge series. */
export interface Sample {
  /** Its labels (none when absent). */
  readonly labels?: Labels;
  /** Its value (NaN and ±Infinity are allowed for gauges). */
  readonly value: number;
}

/** One histogram series, as {@linkcode Histogram.snapshot} gives it. */
export interface HistogramSample {
  /** Its labels (none when absent; `le` is reserved). */
  readonly labels?: Labels;
  /** Finite bucket upper bounds, strictly increasing (the `+Inf` bucket is implied). */
  readonly bounds: readonly number[];
  /** Cumulative counts: observations ≤ each bound, one per bound. */
  readonly cumulativeCounts: readonly number[];
  /** Sum of all observations. */
  readonly sum: number;
  /** Number of observations (the `+Inf` bucket). */
  readonly count: number;
}

/** A metric family: its name, help text, type and series. */
export type MetricFamily =
  | {
    readonly type: "counter" | "gauge";
    readonly name: string;
    readonly help: string;
    readonly samples: readonly Sample[];
  }
  | {
    readonly type: "histogram";
    readonly name: string;
    readonly help: string;
    readonly samples: readonly HistogramSample[];
  };

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Renders metric families in the text exposition format (one trailing newline).
 *
 * @throws {TypeError} for an invalid or duplicate metric name, an invalid label name or a
 *   duplicate series
 * @throws {RangeError} for a negative counter or an inconsistent histogram
 *
 * @example
 * ```ts
 * import { prometheusText } from "./prometheus_text.ts";
 *
 * const text = prometheusText([{
 *   type: "counter", name: "a1mb_telegrams_total", help: "Telegrams received.",
 *   samples: [{ labels: { result: "accepted" }, value: 42 }],
 * }]);
 * if (!text.endsWith('a1mb_telegrams_total{result="accepted"} 42\n')) throw new Error(text);
 * // # HELP a1mb_telegrams_total Telegrams received.
 * // # TYPE a1mb_telegrams_total counter
 * // a1mb_telegrams_total{result="accepted"} 42
 * ```
 */
export function prometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  const taken = new Set<string>();
  for (const family of families) {
    const { name } = family;
    checkMetricName(name);
    const produced = family.type === "histogram"
      ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]
      : [name];
    for (const n of produced) {
      if (taken.has(n)) throw new TypeError(`Cannot render metrics: duplicate name "${n}"`);
      taken.add(n);
    }
    lines.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} ${family.type}`);
    const seen = new Set<string>();
    const once = (labels: Labels | undefined) => {
      const key = labelText(name, labels, null);
      if (seen.has(key)) {
        throw new TypeError(`Cannot render metric "${name}": duplicate series ${key || "{}"}`);
      }
      seen.add(key);
    };
    switch (family.type) {
      case "counter":
        if (!name.endsWith("_total")) {
          throw new TypeError(`Cannot render counter "${name}": a counter's name ends in _total`);
        }
        for (const s of family.samples) {
          once(s.labels);
          if (!(s.value >= 0)) {
            throw new RangeError(`Cannot render counter "${name}": value ${s.value} is not ≥ 0`);
          }
          lines.push(`${name}${labelText(name, s.labels, null)} ${formatNumber(s.value)}`);
        }
        break;
      case "gauge":
        for (const s of family.samples) {
          once(s.labels);
          lines.push(`${name}${labelText(name, s.labels, null)} ${formatNumber(s.value)}`);
        }
        break;
      case "histogram":
        for (const s of family.samples) {
          if (s.labels !== undefined && "le" in s.labels) {
            throw new TypeError(`Cannot render histogram "${name}": label "le" is reserved`);
          }
          once(s.labels);
          histogramLines(name, s, lines);
        }
        break;
      default: {
        const never: never = family;
        throw new TypeError(`Unknown metric type: ${JSON.stringify(never)}`);
      }
    }
  }
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function histogramLines(name: string, s: HistogramSample, lines: string[]): void {
  if (s.bounds.length !== s.cumulativeCounts.length) {
    throw new RangeError(
      `Cannot render histogram "${name}": ${s.bounds.length} bounds but ${s.cumulativeCounts.length} counts`,
    );
  }
  let previousBound = -Infinity;
  let previousCount = 0;
  for (let i = 0; i < s.bounds.length; i++) {
    const bound = s.bounds[i] ?? NaN;
    const count = s.cumulativeCounts[i] ?? NaN;
    if (!Number.isFinite(bound) || bound <= previousBound) {
      throw new RangeError(
        `Cannot render histogram "${name}": bounds must be finite and increasing (got ${bound} after ${previousBound})`,
      );
    }
    if (!(count >= previousCount) || count > s.count) {
      throw new RangeError(
        `Cannot render histogram "${name}": bucket counts must be cumulative and ≤ count (got ${count} after ${previousCount}, count ${s.count})`,
      );
    }
    lines.push(
      `${name}_bucket${labelText(name, s.labels, formatNumber(bound))} ${formatNumber(count)}`,
    );
    previousBound = bound;
    previousCount = count;
  }
  if (!(s.count >= 0)) {
    throw new RangeError(`Cannot render histogram "${name}": count ${s.count} is not ≥ 0`);
  }
  lines.push(
    `${name}_bucket${labelText(name, s.labels, "+Inf")} ${formatNumber(s.count)}`,
    `${name}_sum${labelText(name, s.labels, null)} ${formatNumber(s.sum)}`,
    `${name}_count${labelText(name, s.labels, null)} ${formatNumber(s.count)}`,
  );
}

function checkMetricName(name: string): void {
  if (name.includes(":")) {
    throw new TypeError(
      `Invalid metric name "${name}": colons are reserved for recording rules`,
    );
  }
  if (!METRIC_NAME.test(name)) {
    throw new TypeError(`Invalid metric name "${name}": expected [a-zA-Z_][a-zA-Z0-9_]*`);
  }
}

/** `{a="1",b="2"}` (with `le` last when given), or `""` without labels. */
function labelText(metric: string, labels: Labels | undefined, le: string | null): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (!LABEL_NAME.test(key) || key.startsWith("__")) {
      throw new TypeError(
        `Invalid label name "${key}" on metric "${metric}": expected [a-zA-Z_][a-zA-Z0-9_]*, not starting with __`,
      );
    }
    parts.push(`${key}="${escapeLabelValue(value)}"`);
  }
  if (le !== null) parts.push(`le="${le}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

/** HELP text: backslash and newline escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A label value: backslash, double quote and newline escaped. */
export function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A sample value as Prometheus parses it: `NaN`, `+Inf`, `-Inf` or a decimal/exponent float. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
