/**
 * Telegram framer: a pure state machine that cuts a P1 byte stream into telegram frames
 * (circuits_uart framing shape). It does no I/O and holds no timer: the owner feeds bytes
 * with {@linkcode TelegramFramer.push}, arms its own timer while
 * {@linkcode TelegramFramer.inProgress} is true and calls {@linkcode TelegramFramer.timeout}
 * when it fires, and {@linkcode TelegramFramer.flush} at the end of the input.
 *
 * Rules:
 * - A frame runs from `/` to the footer: `!` followed by up to 4 hex digits, ending at the
 *   first byte that is not a hex digit (normally CR LF). The emitted frame is the bytes from
 *   `/` through the last CRC digit, without the line ending. With 4 digits the frame is
 *   complete at once; with fewer, at the next non-hex byte, at `timeout()` or at `flush()`.
 * - A `/` inside the header line (Holley's header `/HLY5/D545-METER`) is data. A `/` after the
 *   header line while a frame is open restarts: telegram bodies never hold one, so it is the
 *   start of the next telegram after a cut (even one cut mid-line). The partial frame is
 *   reported as dropped (`restarted`) and the new frame begins there.
 * - Bytes before `/` are skipped and reported (`garbageSkipped`), except the CR/LF that end
 *   a footer.
 * - A frame longer than `maxLength` bytes is dropped (`overlong`); the framer then waits for
 *   the next `/`. Memory is one buffer of `maxLength` bytes.
 *
 * @example
 * ```ts
 * import { TelegramFramer } from "./telegram_framer.ts";
 *
 * const framer = new TelegramFramer();
 * const chunk = new TextEncoder().encode("xx/ISK5\\2M550T-1012\r\n\r\n1-0:1.7.0(00.1");
 * const { frames, events } = framer.push(chunk);
 * // frames: [] (the telegram is not complete); events: [{ type: "garbageSkipped", count: 2, … }]
 * if (frames.length !== 0 || events[0]?.type !== "garbageSkipped") throw new Error("unexpected");
 * // The owner arms a timer while a frame is in progress, and calls framer.timeout() when it fires.
 * if (framer.inProgress) {
 *   const late = framer.timeout(); // events: [{ type: "frameDropped", reason: "timeout", … }]
 *   if (late.events[0]?.type !== "frameDropped") throw new Error("unexpected");
 * }
 * ```
 *
 * @module
 */

/** Options for {@linkcode TelegramFramer}. */
export interface TelegramFramerOptions {
  /**
   * Largest frame accepted, in bytes from `/` through the last CRC digit.
   * @default {8192}
   */
  readonly maxLength?: number;
}

/** Why a partial frame was dropped. */
export type FrameDropReason = "overlong" | "timeout" | "restarted" | "flushed";

/** Something the framer noticed besides complete frames, tagged by `type`. */
export type FramerEvent =
  | {
    /** Bytes before a `/` were skipped (one event per run and per `push`). */
    readonly type: "garbageSkipped";
    readonly count: number;
    /** The first bytes of the run (at most 16). */
    readonly sample: Uint8Array;
  }
  | {
    /** A partial frame was discarded. */
    readonly type: "frameDropped";
    readonly reason: FrameDropReason;
    /** Bytes of the frame held when it was dropped. */
    readonly length: number;
    /** Its first bytes (at most 32). */
    readonly firstBytes: Uint8Array;
  };

/** What one call of the framer produced. */
export interface FramerOutput {
  /** Complete frames, `/` through the last CRC digit, each a fresh copy, in stream order. */
  readonly frames: Uint8Array[];
  readonly events: FramerEvent[];
}

/** Where the framer is: waiting for `/`, inside a telegram, or reading the CRC digits. */
export type FramerPhase = "idle" | "body" | "crc";

/** A read-only view of the framer state, for tests and diagnostics. */
export interface TelegramFramerSnapshot {
  readonly phase: FramerPhase;
  /** Bytes held for the frame in progress. */
  readonly length: number;
  /** CRC digits read so far (phase `crc`). */
  readonly crcDigits: number;
  /** Garbage bytes counted but not yet reported. */
  readonly pendingGarbage: number;
  readonly maxLength: number;
}

const SLASH = 0x2f;
const BANG = 0x21;
const CR = 0x0d;
const LF = 0x0a;
const GARBAGE_SAMPLE = 16;
const DROP_SAMPLE = 32;

function isHexDigit(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

/** The P1 telegram framer (see the module documentation for the rules). */
export class TelegramFramer {
  readonly #maxLength: number;
  readonly #buffer: Uint8Array;
  #phase: FramerPhase = "idle";
  #length = 0;
  #crcDigits = 0;
  #afterFooter = false;
  /** True once the open frame's header line has ended (a CR or LF was seen). */
  #pastHeader = false;
  #garbageCount = 0;
  readonly #garbageSample = new Uint8Array(GARBAGE_SAMPLE);
  #garbageSampleLength = 0;

  /**
   * Creates a framer.
   * @throws {RangeError} when `maxLength` is not an integer from 16 to 1 MiB
   */
  constructor(options: TelegramFramerOptions = {}) {
    const maxLength = options.maxLength ?? 8192;
    if (!Number.isInteger(maxLength) || maxLength < 16 || maxLength > 1 << 20) {
      throw new RangeError(
        `Cannot create telegram framer: maxLength "${maxLength}" is not an integer from 16 to 1048576`,
      );
    }
    this.#maxLength = maxLength;
    this.#buffer = new Uint8Array(maxLength);
  }

  /** True while a frame is open: the owner should run its timeout timer. */
  get inProgress(): boolean {
    return this.#phase !== "idle";
  }

  /** The current state, for inspection. */
  get state(): TelegramFramerSnapshot {
    return {
      phase: this.#phase,
      length: this.#length,
      crcDigits: this.#crcDigits,
      pendingGarbage: this.#garbageCount,
      maxLength: this.#maxLength,
    };
  }

  /** Feeds bytes; returns the frames completed (in stream order) and the events noticed. */
  push(bytes: Uint8Array): FramerOutput {
    const frames: Uint8Array[] = [];
    const events: FramerEvent[] = [];
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (this.#phase === "idle") {
        if (this.#afterFooter) {
          const b = bytes[i]!;
          if (b === CR || b === LF) {
            i++;
            continue;
          }
          this.#afterFooter = false;
        }
        const slash = bytes.indexOf(SLASH, i);
        const end = slash < 0 ? n : slash;
        if (end > i) this.#countGarbage(bytes, i, end);
        if (slash < 0) break;
        this.#reportGarbage(events);
        this.#buffer[0] = SLASH;
        this.#length = 1;
        this.#phase = "body";
        i = slash + 1;
      } else if (this.#phase === "body") {
        i = this.#scanBody(bytes, i, events);
      } else {
        const b = bytes[i]!;
        if (isHexDigit(b)) {
          if (this.#length >= this.#maxLength) {
            this.#drop("overlong", events);
            continue;
          }
          this.#buffer[this.#length++] = b;
          i++;
          if (++this.#crcDigits === 4) frames.push(this.#complete());
        } else {
          // The byte that ends the footer is looked at again in phase idle.
          frames.push(this.#complete());
        }
      }
    }
    this.#reportGarbage(events);
    return { frames, events };
  }

  /**
   * The owner's timer fired with no byte received: a footer with fewer than 4 CRC digits
   * completes its frame; a frame without footer is dropped (`timeout`).
   */
  timeout(): FramerOutput {
    return this.#finish("timeout");
  }

  /** End of input: like {@linkcode timeout}, but a frame without footer is dropped as `flushed`. */
  flush(): FramerOutput {
    return this.#finish("flushed");
  }

  #finish(reason: FrameDropReason): FramerOutput {
    const frames: Uint8Array[] = [];
    const events: FramerEvent[] = [];
    this.#reportGarbage(events);
    if (this.#phase === "crc") frames.push(this.#complete());
    else if (this.#phase === "body") this.#drop(reason, events);
    this.#afterFooter = false;
    return { frames, events };
  }

  /** Consumes body bytes from `start`; returns the next index to look at. */
  #scanBody(bytes: Uint8Array, start: number, events: FramerEvent[]): number {
    // One pass for the footer "!" and for a "/" after the header line (a restart).
    const n = bytes.length;
    let pastHeader = this.#pastHeader;
    let i = start;
    let found = -1;
    for (; i < n; i++) {
      const b = bytes[i]!;
      if (b === BANG || (b === SLASH && pastHeader)) {
        found = b;
        break;
      }
      if (b === LF || b === CR) pastHeader = true;
    }
    this.#pastHeader = pastHeader;
    const end = found === BANG ? i + 1 : i;
    const room = this.#maxLength - this.#length;
    if (end - start > room) {
      // Keep what fits so the drop event reports the frame's real start.
      this.#buffer.set(bytes.subarray(start, start + room), this.#length);
      this.#length += room;
      this.#drop("overlong", events);
      return start + room;
    }
    this.#buffer.set(bytes.subarray(start, end), this.#length);
    this.#length += end - start;
    if (found === SLASH) {
      this.#drop("restarted", events);
    } else if (found === BANG) {
      this.#phase = "crc";
      this.#crcDigits = 0;
    }
    return end;
  }

  #complete(): Uint8Array {
    const frame = this.#buffer.slice(0, this.#length);
    this.#reset();
    this.#afterFooter = true;
    return frame;
  }

  #drop(reason: FrameDropReason, events: FramerEvent[]): void {
    events.push({
      type: "frameDropped",
      reason,
      length: this.#length,
      firstBytes: this.#buffer.slice(0, Math.min(this.#length, DROP_SAMPLE)),
    });
    this.#reset();
  }

  #reset(): void {
    this.#pastHeader = false;
    this.#phase = "idle";
    this.#length = 0;
    this.#crcDigits = 0;
  }

  #countGarbage(bytes: Uint8Array, from: number, to: number): void {
    const take = Math.min(to - from, GARBAGE_SAMPLE - this.#garbageSampleLength);
    if (take > 0) {
      this.#garbageSample.set(bytes.subarray(from, from + take), this.#garbageSampleLength);
      this.#garbageSampleLength += take;
    }
    this.#garbageCount += to - from;
  }

  #reportGarbage(events: FramerEvent[]): void {
    if (this.#garbageCount === 0) return;
    events.push({
      type: "garbageSkipped",
      count: this.#garbageCount,
      sample: this.#garbageSample.slice(0, this.#garbageSampleLength),
    });
    this.#garbageCount = 0;
    this.#garbageSampleLength = 0;
  }
}
