/**
 * Renders a trace slice for people: a timeline, per-actor statistics, or a Mermaid sequence
 * diagram.
 *
 * @module
 */
import type { TraceRecord } from "../../actors/runtime/trace_record.ts";

/** One line per record: offset, wall time, sender → receiver, type, ids, handler time, summary. */
export function renderTimeline(records: readonly TraceRecord[], startUs: number): string[] {
  return records.map((r) => {
    const offset = ((r.t_us - startUs) / 1e6).toFixed(6).padStart(12);
    const ids = r.id === 0 ? "" : ` #${r.id}${r.cause === null ? "" : ` ←#${r.cause}`}`;
    const took = r.handler_us === null ? "" : ` (${r.handler_us} µs)`;
    const summary = r.summary === "" ? "" : `  ${r.summary}`;
    const crash = r.error === undefined ? "" : `  CRASHED: ${r.error}`;
    return `+${offset}s ${r.wall}  ${r.from} → ${r.to}  ${r.type}${ids}${took}${summary}${crash}`;
  });
}

/** Handler statistics of one actor. */
export interface ActorStats {
  /** Receiving actor. */
  readonly actor: string;
  /** Messages it handled. */
  readonly count: number;
  /** Handlers that threw. */
  readonly crashes: number;
  /** Median handler time, µs. */
  readonly p50_us: number;
  /** 99th percentile handler time, µs. */
  readonly p99_us: number;
  /** Longest handler time, µs. */
  readonly max_us: number;
}

/** Per-actor message counts and handler time percentiles (runtime events are not counted). */
export function traceStats(records: readonly TraceRecord[]): ActorStats[] {
  const byActor = new Map<string, { times: number[]; crashes: number }>();
  for (const r of records) {
    if (r.handler_us === null) continue;
    let entry = byActor.get(r.to);
    if (entry === undefined) byActor.set(r.to, entry = { times: [], crashes: 0 });
    entry.times.push(r.handler_us);
    if (r.error !== undefined) entry.crashes++;
  }
  return [...byActor.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([actor, e]) => {
    const sorted = e.times.toSorted((a, b) => a - b);
    return {
      actor,
      count: sorted.length,
      crashes: e.crashes,
      p50_us: percentile(sorted, 0.5),
      p99_us: percentile(sorted, 0.99),
      max_us: sorted[sorted.length - 1] ?? 0,
    };
  });
}

/** Nearest-rank percentile of an ascending array (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/** Statistics as an aligned text table. */
export function renderStats(stats: readonly ActorStats[]): string[] {
  const header = ["actor", "messages", "crashes", "p50 µs", "p99 µs", "max µs"];
  const rows = stats.map((s) => [
    s.actor,
    String(s.count),
    String(s.crashes),
    String(s.p50_us),
    String(s.p99_us),
    String(s.max_us),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  return [fmt(header), ...rows.map(fmt)];
}

/** A Mermaid `sequenceDiagram` of the records; crashes and runtime events become notes. */
export function renderMermaid(records: readonly TraceRecord[]): string {
  const participants: string[] = [];
  const seen = new Set<string>();
  const note = (name: string) => {
    if (name !== "*" && !seen.has(name)) {
      seen.add(name);
      participants.push(name);
    }
  };
  for (const r of records) {
    note(r.from);
    note(r.to);
  }
  const lines = ["sequenceDiagram"];
  for (const p of participants) lines.push(`  participant ${mermaidId(p)} as ${mermaidText(p)}`);
  for (const r of records) {
    if (r.type.startsWith("@sys.")) {
      const over = r.to === "*" ? participants[0] ?? r.from : r.to;
      lines.push(`  Note over ${mermaidId(over)}: ${mermaidText(`${r.type} ${r.summary}`.trim())}`);
      continue;
    }
    const label = `${r.type} #${r.id}`;
    lines.push(`  ${mermaidId(r.from)}->>${mermaidId(r.to)}: ${mermaidText(label)}`);
    if (r.error !== undefined) {
      lines.push(`  Note over ${mermaidId(r.to)}: ${mermaidText(`CRASHED: ${r.error}`)}`);
    }
  }
  return lines.join("\n") + "\n";
}

function mermaidId(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}

function mermaidText(text: string): string {
  // Mermaid treats ";" and "#" specially and breaks on newlines: use its entity codes.
  return text.replace(/[#;\n\r<>]/g, (c) => `#${c.charCodeAt(0)};`).slice(0, 160);
}
