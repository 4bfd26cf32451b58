/**
 * A scripted A1 source for actor tests: the test pushes chunks, ends or loses the stream, and
 * decides what each open attempt does.
 *
 * @module
 */
import type { A1Source, A1SourceOpener } from "../../../drivers/a1_source/a1_source.ts";
import type { Clock } from "../../../drivers/clock.ts";
import type {
  LineResult,
  ModemLines,
  ModemLineState,
} from "../../../drivers/serial/serial_port.ts";

type Item = Uint8Array | null | Error;

/** A fake open source. */
export class FakeSource implements A1Source {
  readonly label: string;
  readonly modemLines: ModemLines | null;
  readonly endIsFinal: boolean;
  closed = false;
  readonly #queue: Item[] = [];
  #wake: (() => void) | null = null;

  constructor(label = "fake", modemLines: ModemLines | null = null, endIsFinal = false) {
    this.label = label;
    this.modemLines = modemLines;
    this.endIsFinal = endIsFinal;
  }

  /** Queues bytes (text is taken byte per character). */
  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === "string"
      ? Uint8Array.from(chunk, (c) => c.charCodeAt(0))
      : chunk;
    this.#put(bytes);
  }

  /** Ends the stream (`read` returns null). */
  end(): void {
    this.#put(null);
  }

  /** Loses the source (`read` throws). */
  lose(message: string): void {
    this.#put(new Error(message));
  }

  #put(item: Item): void {
    this.#queue.push(item);
    this.#wake?.();
  }

  async read(signal: AbortSignal): Promise<Uint8Array | null> {
    while (this.#queue.length === 0) {
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          this.#wake = null;
          resolve();
        };
        this.#wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
    if (signal.aborted) throw signal.reason;
    const item = this.#queue.shift()!;
    if (item instanceof Error) throw item;
    return item;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** An opener whose attempts follow a script: an Error fails the attempt, a source opens it. */
export class FakeOpener implements A1SourceOpener {
  readonly label: string;
  /** Clock time of each attempt. */
  readonly attempts: number[] = [];
  readonly #clock: Clock;
  readonly #script: (attempt: number) => FakeSource | Error;

  constructor(clock: Clock, script: (attempt: number) => FakeSource | Error, label = "fake") {
    this.#clock = clock;
    this.#script = script;
    this.label = label;
  }

  open(): Promise<A1Source> {
    this.attempts.push(this.#clock.now());
    const outcome = this.#script(this.attempts.length);
    return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
  }
}

/** Modem lines that record calls and answer `result`. */
export class FakeModemLines implements ModemLines {
  readonly calls: ModemLineState[] = [];
  constructor(readonly result: LineResult = { ok: true }) {}
  setLines(lines: ModemLineState): LineResult {
    this.calls.push(lines);
    return this.result;
  }
}
