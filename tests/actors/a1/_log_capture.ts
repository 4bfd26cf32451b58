/**
 * Captures LogTape records of the `a1mb` category for tests that check what is logged.
 *
 * @module
 */
import { configure, type LogRecord, reset } from "@logtape/logtape";

/** Captured log lines. */
export interface LogCapture {
  /** Every record, rendered `LEVEL category: message`. */
  lines(): string[];
  /** Lines matching `pattern`. */
  matching(pattern: RegExp): string[];
  /** Stops capturing. */
  stop(): Promise<void>;
}

function render(record: LogRecord): string {
  const text = record.message.map((part) => (typeof part === "string" ? part : String(part)))
    .join("");
  return `${record.level} ${record.category.join(".")}: ${text}`;
}

/** Starts capturing (replaces any LogTape configuration until `stop`). */
export async function captureLogs(): Promise<LogCapture> {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { memory: (record) => void records.push(record) },
    loggers: [
      { category: ["a1mb"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "error", sinks: [] },
    ],
  });
  return {
    lines: () => records.map(render),
    matching: (pattern) => records.map(render).filter((l) => pattern.test(l)),
    stop: () => reset(),
  };
}
