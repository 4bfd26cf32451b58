/**
 * Short, bounded summaries of message payloads for traces: bytes as length plus the first
 * bytes in hex, long strings and arrays cut, never megabytes.
 *
 * @module
 */
import type { Message } from "./message.ts";

/** Longest summary written to a trace line. */
export const MAX_SUMMARY_LENGTH = 240;
const HEX_BYTES = 16;
const MAX_STRING = 80;

/** Summarises every field of a message but its `type`. */
export function summarizeMessage(msg: Message): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(msg)) {
    if (key === "type" || value === undefined) continue;
    parts.push(`${key}=${summarizeValue(value, 1)}`);
  }
  const text = parts.join(" ");
  return text.length > MAX_SUMMARY_LENGTH ? `${text.slice(0, MAX_SUMMARY_LENGTH - 1)}…` : text;
}

/** Summarises one value; nested objects are shown to `depth` levels. */
export function summarizeValue(value: unknown, depth: number): string {
  if (value instanceof Uint8Array) return summarizeBytes(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${value.byteLength}B]`;
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "function":
      return "fn";
    case "undefined":
      return "undefined";
    case "symbol":
      return value.toString();
    case "object":
      break;
  }
  if (value === null) return "null";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return JSON.stringify(value.message);
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value instanceof Map) return `Map(${value.size})`;
  if (depth <= 0) return "{…}";
  const inner = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== "function")
    .slice(0, 8)
    .map(([k, v]) => `${k}:${summarizeValue(v, depth - 1)}`);
  return `{${inner.join(",")}}`;
}

/** `len=N hex=…` with at most the first 16 bytes in hex. */
export function summarizeBytes(bytes: Uint8Array): string {
  let hex = "";
  const n = Math.min(bytes.length, HEX_BYTES);
  for (let i = 0; i < n; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, "0");
  return `len=${bytes.length} hex=${hex}${bytes.length > HEX_BYTES ? "…" : ""}`;
}
