/**
 * Selects a slice of a trace: by actor, by message type and by time (ISO instant or seconds
 * from the start of the trace).
 *
 * @module
 */
import type { TraceRecord } from "../../actors/runtime/trace_record.ts";

/** What to keep. Absent fields keep everything. */
export interface TraceFilter {
  /** Keep records sent by or to one of these actors. */
  readonly actors?: readonly string[];
  /** Keep records whose type matches one of these patterns (`*` matches any run of characters). */
  readonly types?: readonly string[];
  /** Keep records at or after this point. */
  readonly since?: TimeBound;
  /** Keep records at or before this point. */
  readonly until?: TimeBound;
}

/** A time bound: an absolute wall-clock instant, or seconds from the first record. */
export type TimeBound =
  | { readonly kind: "wall"; readonly epochMs: number }
  | { readonly kind: "offset"; readonly seconds: number };

/** Parses `--since`/`--until`: a number of seconds, or an ISO 8601 instant. */
export function parseTimeBound(text: string, flag: string): TimeBound {
  if (/^\d+(\.\d+)?$/.test(text)) return { kind: "offset", seconds: Number(text) };
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const epochMs = Date.parse(text);
    if (!Number.isNaN(epochMs)) return { kind: "wall", epochMs };
  }
  throw new SyntaxError(
    `Invalid ${flag}: "${text}" (expected seconds from the start, or an ISO time such as 2026-11-25T06:00:00Z)`,
  );
}

/** Applies a filter; `startUs` is the trace's first monotonic time (for offset bounds). */
export function filterTrace(
  records: readonly TraceRecord[],
  filter: TraceFilter,
  startUs = records[0]?.t_us ?? 0,
): TraceRecord[] {
  const typeRes = filter.types?.map(globToRegExp);
  return records.filter((r) => {
    if (filter.actors !== undefined && !filter.actors.some((a) => a === r.from || a === r.to)) {
      return false;
    }
    if (typeRes !== undefined && !typeRes.some((re) => re.test(r.type))) return false;
    if (filter.since !== undefined && compareToBound(r, filter.since, startUs) < 0) return false;
    if (filter.until !== undefined && compareToBound(r, filter.until, startUs) > 0) return false;
    return true;
  });
}

function compareToBound(r: TraceRecord, bound: TimeBound, startUs: number): number {
  if (bound.kind === "offset") return (r.t_us - startUs) / 1e6 - bound.seconds;
  return Date.parse(r.wall) - bound.epochMs;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*");
  return new RegExp(`^${escaped}$`);
}
