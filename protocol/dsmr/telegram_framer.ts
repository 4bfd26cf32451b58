/**
 * The telegram framer: a pure state machine that cuts a P1 byte stream into telegram frames
 * (circuits_uart framing shape, as the RTU framer: push, timeout, flush; one ordered list of
 * events; the owner holds the timer). It does no I/O and reads no clock: the owner feeds bytes
 * with {@linkcode telegramFramerPush}, runs its own timer while the state's `phase` is not
 * `idle` and calls {@linkcode telegramFramerTimeout} when it fires, and
 * {@linkcode telegramFramerFlush} at the end of the input.
 *
 * Rules:
 * - A frame runs from `/` to the footer: `!` followed by up to 4 hex digits, ending at the
 *   first byte that is not a hex digit (normally CR LF). The frame is the bytes from `/`
 *   through the last CRC digit, without the line ending. With 4 digits the frame is complete at
 *   once; with fewer, at the next non-hex byte, at the timeout or at the flush.
 * - A `/` inside the header line (Holley's header `/HLY5/D545-METER`) is data. A `/` after the
 *   header line while a frame is open restarts: telegram bodies never hold one, so it is the
 *   start of the next telegram after a cut (even one cut mid-line). The partial frame is
 *   reported as dropped (`restarted`) and the new frame begins there.
 * - Bytes before `/` are skipped and reported (`garbageSkipped`, one event per run and per
 *   push, so the owner's counts are current), except the CR/LF that end a footer.
 * - A frame longer than `maxLength` bytes is dropped (`overlong`); the framer then waits for
 *   the next `/`. Memory is one buffer of `maxLength` bytes.
 *
 * Events come in stream order: a chunk holding the tail of a cut telegram and a whole next one
 * gives the drop, then the frame. Frames and drops do not depend on how the stream is chunked.
 *
 * @example
 * ```ts
 * import { createTelegramFramer, telegramFramerPush } from "./telegram_framer.ts";
 *
 * const framer = createTelegramFramer();
 * const chunk = new TextEncoder().encode("noise/ABC5\r\n\r\n1-0:1.8.1(1*kWh)\r\n!1234\r\n");
 * const events = telegramFramerPush(framer, chunk);
 * if (events.map((e) => e.type).join() !== "garbageSkipped,frameReceived") throw new Error();
 * // While framer.phase !== "idle" the owner runs a timer that calls telegramFramerTimeout.
 * ```
 *
 * @module
 */

/** Options for {@linkcode createTelegramFramer}. */
export interface TelegramFramerOptions {
  /**
   * Largest frame accepted, in bytes from `/` through the last CRC digit.
   * @default {8192}
   */
  readonly maxLength?: number;
}

/** Why a partial frame was dropped. */
export type FrameDropReason = "overlong" | "timeout" | "restarted" | "flushed";

/** What the framer reports, tagged by `type`, in stream order. */
export type TelegramFramerEvent =
  | {
    /** A complete frame, `/` through the last CRC digit (a fresh copy). */
    readonly type: "frameReceived";
    readonly bytes: Uint8Array;
  }
  | {
    /** A partial frame was discarded. */
    readonly type: "frameDropped";
    readonly reason: FrameDropReason;
    /** Bytes of the frame held when it was dropped. */
    readonly length: number;
    /** Its first bytes (at most 32). */
    readonly firstBytes: Uint8Array;
  }
  | {
    /** Bytes outside any frame were skipped (one event per run and per push). */
    readonly type: "garbageSkipped";
    readonly count: number;
    /** The first bytes of the run (at most 16). */
    readonly sample: Uint8Array;
  };

/** Where the framer is: waiting for `/`, inside a telegram, or reading the CRC digits. */
export type FramerPhase = "idle" | "body" | "crc";

/** The framer's state. Read-only for its owner: only the framer functions change it. */
export interface TelegramFramerState {
  readonly maxLength: number;
  /** The frame in progress lives in `buffer[0..length)`. */
  readonly buffer: Uint8Array;
  phase: FramerPhase;
  length: number;
  /** CRC digits read so far (phase `crc`). */
  crcDigits: number;
  /** Frames opened so far: numbers the frame in progress, for the owner's timers. */
  opened: number;
  /** True right after a footer: its CR/LF are not garbage. */
  afterFooter: boolean;
  /** True once the open frame's header line has ended (a CR or LF was seen). */
  pastHeader: boolean;
  /** Garbage bytes counted but not yet reported, and the first of them. */
  garbageCount: number;
  readonly garbageSample: Uint8Array;
  garbageSampleLength: number;
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

/**
 * Creates a framer.
 *
 * @throws {RangeError} when `maxLength` is not an integer from 16 to 1 MiB
 */
export function createTelegramFramer(options: TelegramFramerOptions = {}): TelegramFramerState {
  const maxLength = options.maxLength ?? 8192;
  if (!Number.isInteger(maxLength) || maxLength < 16 || maxLength > 1 << 20) {
    throw new RangeError(
      `Cannot create telegram framer: maxLength "${maxLength}" is not an integer from 16 to 1048576`,
    );
  }
  return {
    maxLength,
    buffer: new Uint8Array(maxLength),
    phase: "idle",
    length: 0,
    crcDigits: 0,
    opened: 0,
    afterFooter: false,
    pastHeader: false,
    garbageCount: 0,
    garbageSample: new Uint8Array(GARBAGE_SAMPLE),
    garbageSampleLength: 0,
  };
}

/** Feeds bytes; returns the frames completed and the drops and skips noticed, in stream order. */
export function telegramFramerPush(
  state: TelegramFramerState,
  bytes: Uint8Array,
): TelegramFramerEvent[] {
  const events: TelegramFramerEvent[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    if (state.phase === "idle") {
      if (state.afterFooter) {
        const b = bytes[i]!;
        if (b === CR || b === LF) {
          i++;
          continue;
        }
        state.afterFooter = false;
      }
      const slash = bytes.indexOf(SLASH, i);
      const end = slash < 0 ? n : slash;
      if (end > i) countGarbage(state, bytes, i, end);
      if (slash < 0) break;
      reportGarbage(state, events);
      state.buffer[0] = SLASH;
      state.length = 1;
      state.phase = "body";
      state.opened++;
      i = slash + 1;
    } else if (state.phase === "body") {
      i = scanBody(state, bytes, i, events);
    } else {
      const b = bytes[i]!;
      if (isHexDigit(b)) {
        if (state.length >= state.maxLength) {
          drop(state, "overlong", events);
          continue;
        }
        state.buffer[state.length++] = b;
        i++;
        if (++state.crcDigits === 4) complete(state, events);
      } else {
        // The byte that ends the footer is looked at again in phase idle.
        complete(state, events);
      }
    }
  }
  reportGarbage(state, events);
  return events;
}

/**
 * The owner's timer fired with no byte received: a footer with fewer than 4 CRC digits
 * completes its frame; a frame without footer is dropped (`timeout`).
 */
export function telegramFramerTimeout(state: TelegramFramerState): TelegramFramerEvent[] {
  return finish(state, "timeout");
}

/**
 * End of input: like {@linkcode telegramFramerTimeout}, but a frame without footer is dropped
 * as `flushed`.
 */
export function telegramFramerFlush(state: TelegramFramerState): TelegramFramerEvent[] {
  return finish(state, "flushed");
}

function finish(state: TelegramFramerState, reason: FrameDropReason): TelegramFramerEvent[] {
  const events: TelegramFramerEvent[] = [];
  reportGarbage(state, events);
  if (state.phase === "crc") complete(state, events);
  else if (state.phase === "body") drop(state, reason, events);
  state.afterFooter = false;
  return events;
}

/** Consumes body bytes from `start`; returns the next index to look at. */
function scanBody(
  state: TelegramFramerState,
  bytes: Uint8Array,
  start: number,
  events: TelegramFramerEvent[],
): number {
  // The footer "!", or before it a "/" after the header line (a restart): native searches.
  const n = bytes.length;
  const bang = bytes.indexOf(BANG, start);
  const limit = bang < 0 ? n : bang;
  let pastHeader = state.pastHeader;
  let headerEnd = start; // from here on a "/" restarts
  if (!pastHeader) {
    while (headerEnd < limit && bytes[headerEnd] !== LF && bytes[headerEnd] !== CR) headerEnd++;
    pastHeader = headerEnd < limit;
  }
  let found = bang < 0 ? -1 : BANG;
  let i = limit;
  if (pastHeader) {
    const slash = bytes.indexOf(SLASH, headerEnd);
    if (slash >= 0 && slash < limit) {
      found = SLASH;
      i = slash;
    }
  }
  state.pastHeader = pastHeader;
  const end = found === BANG ? i + 1 : i;
  const room = state.maxLength - state.length;
  if (end - start > room) {
    // Keep what fits so the drop event reports the frame's real start.
    state.buffer.set(bytes.subarray(start, start + room), state.length);
    state.length += room;
    drop(state, "overlong", events);
    return start + room;
  }
  state.buffer.set(bytes.subarray(start, end), state.length);
  state.length += end - start;
  if (found === SLASH) {
    drop(state, "restarted", events);
  } else if (found === BANG) {
    state.phase = "crc";
    state.crcDigits = 0;
  }
  return end;
}

function complete(state: TelegramFramerState, events: TelegramFramerEvent[]): void {
  events.push({ type: "frameReceived", bytes: state.buffer.slice(0, state.length) });
  reset(state);
  state.afterFooter = true;
}

function drop(
  state: TelegramFramerState,
  reason: FrameDropReason,
  events: TelegramFramerEvent[],
): void {
  events.push({
    type: "frameDropped",
    reason,
    length: state.length,
    firstBytes: state.buffer.slice(0, Math.min(state.length, DROP_SAMPLE)),
  });
  reset(state);
}

function reset(state: TelegramFramerState): void {
  state.pastHeader = false;
  state.phase = "idle";
  state.length = 0;
  state.crcDigits = 0;
}

function countGarbage(
  state: TelegramFramerState,
  bytes: Uint8Array,
  from: number,
  to: number,
): void {
  const take = Math.min(to - from, GARBAGE_SAMPLE - state.garbageSampleLength);
  if (take > 0) {
    state.garbageSample.set(bytes.subarray(from, from + take), state.garbageSampleLength);
    state.garbageSampleLength += take;
  }
  state.garbageCount += to - from;
}

function reportGarbage(state: TelegramFramerState, events: TelegramFramerEvent[]): void {
  if (state.garbageCount === 0) return;
  events.push({
    type: "garbageSkipped",
    count: state.garbageCount,
    sample: state.garbageSample.slice(0, state.garbageSampleLength),
  });
  state.garbageCount = 0;
  state.garbageSampleLength = 0;
}
