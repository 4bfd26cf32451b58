/**
 * Reads trace files (JSON Lines) back into records, reporting lines that are not trace records
 * instead of failing.
 *
 * @module
 */
import type { TraceRecord } from "../../actors/runtime/trace_record.ts";

/** Records read from trace text, and the problems met on the way. */
export interface TraceParseResult {
  /** Valid records in file order. */
  readonly records: TraceRecord[];
  /** One message per bad line: `FILE:LINE: reason`. */
  readonly problems: string[];
}

/** Parses the text of one trace file. */
export function parseTraceText(text: string, fileName: string): TraceParseResult {
  const records: TraceRecord[] = [];
  const problems: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? "";
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${fileName}:${i + 1}: not JSON`);
      continue;
    }
    const reason = traceRecordProblem(value);
    if (reason !== null) problems.push(`${fileName}:${i + 1}: ${reason}`);
    else records.push(value as TraceRecord);
  }
  return { records, problems };
}

/** Says what is wrong with a parsed line, or null when it is a trace record. */
export function traceRecordProblem(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "not a trace record (expected an object)";
  }
  const r = value as Record<string, unknown>;
  for (const key of ["t_us", "id"] as const) {
    if (typeof r[key] !== "number") return `not a trace record: field "${key}" is not a number`;
  }
  for (const key of ["wall", "from", "to", "type", "summary"] as const) {
    if (typeof r[key] !== "string") return `not a trace record: field "${key}" is not a string`;
  }
  if (r.cause !== null && typeof r.cause !== "number") {
    return 'not a trace record: field "cause" is not a number or null';
  }
  if (r.handler_us !== null && typeof r.handler_us !== "number") {
    return 'not a trace record: field "handler_us" is not a number or null';
  }
  return null;
}

/** Reads and merges trace files (e.g. rotated ones), sorted by monotonic time. */
export async function readTraceFiles(paths: readonly string[]): Promise<TraceParseResult> {
  const records: TraceRecord[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      problems.push(`${path}: cannot read file: ${error instanceof Error ? error.message : error}`);
      continue;
    }
    const result = parseTraceText(text, path);
    records.push(...result.records);
    problems.push(...result.problems);
  }
  records.sort((a, b) => a.t_us - b.t_us || a.id - b.id);
  return { records, problems };
}
