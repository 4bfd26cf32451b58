/**
 * The `file` A1 source: replays a file of one or more recorded telegrams, one telegram per
 * interval (the first at once), from the top again when `loop` is set. Without `loop` the
 * stream ends after the last telegram and the reader does not open it again.
 *
 * The file is cut before every `/` that starts a line (at the start of the file or after CR or
 * LF): telegram bodies never hold one, while a `/` inside a header line (Holley's
 * `/HLY5/D545-METER`) does not start a line. Bytes before the first telegram stay with it.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { A1Source, A1SourceOpener } from "./a1_source.ts";
import { sleep } from "../sleep.ts";

/** Options of {@linkcode fileSource}. */
export interface FileSourceOptions {
  /** The file of recorded telegrams. */
  readonly path: string;
  /** Start again from the top after the last telegram. */
  readonly loop: boolean;
  /** Pause between two telegrams, in ms. */
  readonly intervalMs: number;
  /** The clock that paces the replay. */
  readonly clock: Clock;
  /**
   * Reads the file (tests pass a fake).
   * @default {Deno.readFile}
   */
  readonly readFile?: (path: string) => Promise<Uint8Array>;
}

const SLASH = 0x2f;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Cuts recorded bytes into telegrams: before each `/` at the start of a line. Returns views
 * into `bytes`; an input without such a `/` is one piece; an empty input is no piece.
 */
export function splitTelegrams(bytes: Uint8Array): Uint8Array[] {
  const starts: number[] = [];
  for (let i = bytes.indexOf(SLASH); i >= 0; i = bytes.indexOf(SLASH, i + 1)) {
    const before = i === 0 ? LF : bytes[i - 1];
    if (before === LF || before === CR) starts.push(i);
  }
  if (bytes.length === 0) return [];
  if (starts.length === 0) return [bytes];
  starts[0] = 0; // leading bytes stay with the first telegram
  return starts.map((s, k) => bytes.subarray(s, starts[k + 1] ?? bytes.length));
}

/**
 * An opener that replays a telegram file.
 *
 * @example
 * ```ts
 * import { fileSource } from "./file_source.ts";
 * import { systemClock } from "../clock.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".txt" });
 * await Deno.writeTextFile(path, "/AAA5\r\n\r\n!1234\r\n/BBB5\r\n\r\n!5678\r\n");
 * const opener = fileSource({ path, loop: false, intervalMs: 10, clock: systemClock });
 * const source = await opener.open(new AbortController().signal);
 * const text = new TextDecoder();
 * const first = await source.read(new AbortController().signal); // "/AAA5…!1234\r\n" at once
 * const second = await source.read(new AbortController().signal); // "/BBB5…" 10 ms later
 * const end = await source.read(new AbortController().signal); // null: replayed once
 * if (!text.decode(first!).startsWith("/AAA5") || !text.decode(second!).startsWith("/BBB5")) {
 *   throw new Error("unexpected");
 * }
 * if (end !== null || !source.endIsFinal) throw new Error("unexpected");
 * await source.close();
 * await Deno.remove(path);
 * ```
 */
export function fileSource(options: FileSourceOptions): A1SourceOpener {
  const label = `file ${options.path}`;
  const readFile = options.readFile ?? ((path: string) => Deno.readFile(path));
  return {
    label,
    async open(signal) {
      if (signal.aborted) throw signal.reason;
      let bytes: Uint8Array;
      try {
        bytes = await readFile(options.path);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        throw new Error(`Cannot read telegram file "${options.path}": ${text}`);
      }
      const pieces = splitTelegrams(bytes);
      if (pieces.length === 0) {
        throw new Error(`Cannot replay telegram file "${options.path}": it is empty`);
      }
      return new FileA1Source(label, pieces, options);
    },
  };
}

class FileA1Source implements A1Source {
  readonly label: string;
  readonly modemLines = null;
  readonly endIsFinal: boolean;
  readonly #pieces: readonly Uint8Array[];
  readonly #options: FileSourceOptions;
  #next = 0;
  #started = false;
  #closed = false;

  constructor(label: string, pieces: readonly Uint8Array[], options: FileSourceOptions) {
    this.label = label;
    this.#pieces = pieces;
    this.#options = options;
    this.endIsFinal = !options.loop;
  }

  async read(signal: AbortSignal): Promise<Uint8Array | null> {
    if (signal.aborted) throw signal.reason;
    if (this.#closed) return null;
    if (this.#next >= this.#pieces.length) {
      if (!this.#options.loop) return null;
      this.#next = 0;
    }
    if (this.#started) await sleep(this.#options.clock, this.#options.intervalMs, signal);
    this.#started = true;
    if (this.#closed) return null;
    return this.#pieces[this.#next++]!.slice();
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
