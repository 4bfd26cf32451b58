/**
 * Logging with LogTape: human lines (or JSON lines) on stderr, or in a size-rotated file;
 * one category per actor under `a1mb`.
 *
 * @module
 */
import {
  configure,
  getJsonLinesFormatter,
  getTextFormatter,
  type LogLevel,
  type LogRecord,
  reset,
  type Sink,
} from "@logtape/logtape";
import { RotatingFile } from "../drivers/rotating_file.ts";

/** Logging settings (the `[log]` table). */
export interface LoggingOptions {
  /** Lowest level written. */
  readonly level: LogLevel;
  /** `text` for people, `json` for log collectors. */
  readonly format: "text" | "json";
  /** A file to write instead of stderr; "" = stderr (the journal under systemd). */
  readonly file: string;
  /** Rotate the file past this many MiB. */
  readonly max_mb: number;
}

const encoder = new TextEncoder();
let openFile: RotatingFile | null = null;

/** Configures (or reconfigures) logging for the whole process. */
export async function setupLogging(options: LoggingOptions): Promise<void> {
  const format = options.format === "json"
    ? getJsonLinesFormatter()
    : getTextFormatter({ timestamp: "date-time-tz", value: "bare", category: "." });
  openFile?.close();
  openFile = options.file === ""
    ? null
    : new RotatingFile(options.file, { maxBytes: options.max_mb * 1024 * 1024, keep: 3 });
  const file = openFile;
  const sink: Sink = (record: LogRecord) => {
    const text = format(record);
    if (file !== null) file.appendText(text);
    else writeStderr(text);
  };
  await configure({
    reset: true,
    sinks: { main: sink },
    loggers: [
      { category: ["a1mb"], lowestLevel: options.level, sinks: ["main"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["main"] },
    ],
  });
}

/** Flushes and closes the log file, and resets LogTape. */
export async function closeLogging(): Promise<void> {
  await reset();
  openFile?.close();
  openFile = null;
}

function writeStderr(text: string): void {
  const data = encoder.encode(text);
  let off = 0;
  try {
    while (off < data.length) off += Deno.stderr.writeSync(data.subarray(off));
  } catch {
    // stderr closed: nowhere left to report to.
  }
}
