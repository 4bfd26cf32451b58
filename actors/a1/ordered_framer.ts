/**
 * The telegram framer with its outcomes in stream order. {@linkcode TelegramFramer.push}
 * returns frames and drop events in two lists, so a chunk holding the tail of a cut telegram
 * and a whole next one would not say which came first. This wrapper feeds the framer so that
 * each feed has at most one outcome (the bytes before each `/`, then the `/` alone) and
 * returns one ordered list. It also numbers frames as they open, for the owner's timers.
 *
 * @module
 */
import {
  type FrameDropReason,
  type FramerOutput,
  type FramerPhase,
  TelegramFramer,
} from "../../protocol/dsmr/telegram_framer.ts";

/** One outcome of framing, in stream order. */
export type FramingStep =
  | {
    /** A complete frame, `/` through the last CRC digit. */
    readonly type: "frame";
    readonly bytes: Uint8Array;
  }
  | {
    /** A partial frame was discarded. */
    readonly type: "dropped";
    readonly reason: FrameDropReason;
    /** Bytes held when it was dropped. */
    readonly length: number;
  }
  | {
    /** Bytes outside any frame were skipped. */
    readonly type: "garbage";
    readonly count: number;
  };

const SLASH = 0x2f;

/** A {@linkcode TelegramFramer} whose outcomes come back in stream order. */
export class OrderedFramer {
  readonly #framer: TelegramFramer;
  #frameSeq = 0;

  /**
   * @param maxLength largest frame, in bytes (see {@linkcode TelegramFramer})
   * @throws {RangeError} when `maxLength` is out of the framer's range
   */
  constructor(maxLength: number) {
    this.#framer = new TelegramFramer({ maxLength });
  }

  /** Number of frames opened so far: the id of the frame in progress, if any. */
  get frameSeq(): number {
    return this.#frameSeq;
  }

  /** True while a frame is open. */
  get inProgress(): boolean {
    return this.#framer.inProgress;
  }

  /** `idle`, `body` or `crc` (the footer `!` was seen, CRC digits being read). */
  get phase(): FramerPhase {
    return this.#framer.state.phase;
  }

  /** Feeds bytes; returns what they completed, dropped or skipped, in order. */
  push(bytes: Uint8Array): FramingStep[] {
    const steps: FramingStep[] = [];
    let from = 0;
    for (;;) {
      const slash = bytes.indexOf(SLASH, from);
      if (slash < 0) {
        if (from < bytes.length) this.#feed(bytes.subarray(from), steps);
        return steps;
      }
      if (slash > from) this.#feed(bytes.subarray(from, slash), steps);
      this.#feed(bytes.subarray(slash, slash + 1), steps);
      from = slash + 1;
    }
  }

  /** Timer fired: completes a footer with a short CRC, or drops the open frame (`timeout`). */
  timeout(): FramingStep[] {
    const steps: FramingStep[] = [];
    this.#collect(this.#framer.timeout(), steps);
    return steps;
  }

  /** End of input: like {@linkcode timeout}, but the drop reason is `flushed`. */
  flush(): FramingStep[] {
    const steps: FramingStep[] = [];
    this.#collect(this.#framer.flush(), steps);
    return steps;
  }

  #feed(part: Uint8Array, steps: FramingStep[]): void {
    const before = this.#framer.inProgress;
    const outcomes = this.#collect(this.#framer.push(part), steps);
    if (this.#framer.inProgress && (!before || outcomes > 0)) this.#frameSeq++;
  }

  /**
   * Appends an output's steps; returns how many frames and drops it held. One feed holds at most
   * one frame or drop, and any skipped bytes come after it (pending garbage is reported at the
   * end of every push), hence this order.
   */
  #collect(output: FramerOutput, steps: FramingStep[]): number {
    let outcomes = 0;
    let garbage = 0;
    for (const event of output.events) {
      if (event.type === "garbageSkipped") {
        garbage += event.count;
      } else {
        steps.push({ type: "dropped", reason: event.reason, length: event.length });
        outcomes++;
      }
    }
    for (const bytes of output.frames) {
      steps.push({ type: "frame", bytes });
      outcomes++;
    }
    if (garbage > 0) {
      const last = steps.at(-1);
      if (last?.type === "garbage") {
        steps[steps.length - 1] = { type: "garbage", count: last.count + garbage };
      } else steps.push({ type: "garbage", count: garbage });
    }
    return outcomes;
  }
}

/** The counter code of a dropped frame: `frame-restarted`, `frame-timeout`… */
export function droppedFrameCode(reason: FrameDropReason): `frame-${FrameDropReason}` {
  return `frame-${reason}`;
}

/**
 * The reason line of a dropped frame, starting with its code.
 *
 * @example
 * ```ts
 * droppedFrameReason("restarted", 712);
 * // "frame-restarted after 712 bytes: the next telegram began before the footer"
 * ```
 */
export function droppedFrameReason(reason: FrameDropReason, length: number): string {
  switch (reason) {
    case "restarted":
      return `frame-restarted after ${length} bytes: the next telegram began before the footer`;
    case "timeout":
      return `frame-timeout after ${length} bytes: no footer in time`;
    case "overlong":
      return `frame-overlong: more than ${length} bytes without a footer`;
    case "flushed":
      return `frame-flushed after ${length} bytes: the input ended before the footer`;
    default: {
      const unknown: never = reason;
      return unknown;
    }
  }
}
