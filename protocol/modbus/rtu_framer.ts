/**
 * The RTU framer: a pure state machine that turns the bytes a server hears on a multi-drop RS485
 * bus into frames (circuits_uart framing shape: push, silence, flush; the owner holds the timer).
 *
 * Frames are found by length, predicted from the function code and byte counts, and confirmed by
 * the CRC; a position that makes no frame loses one byte and the search goes on, so noise, a bad
 * CRC or a partial frame never costs the next good request. Silence of at least `silenceUs`
 * (t3.5) ends whatever is pending: what makes no frame by then is reported and dropped, and a
 * frame whose length has no rule (FC 08 with more than one data word, an unknown function code
 * for this server) is taken whole. Gaps inside a frame (t1.5) are not enforced: serial adapters
 * deliver bytes in chunks.
 *
 * One node among several: frames for other addresses are classified, not answered, and the frame
 * after a request to another server is first read as that server's response (its length from the
 * byte count), so a response is never mistaken for a request. Without that context a frame is
 * read as a request, then as a response, each confirmed by the CRC.
 *
 * The state is owned by one caller and updated in place; no allocation per byte.
 *
 * @module
 */

import { decodeRequest, type RequestDecodeResult } from "./pdu.ts";
import { RTU_BROADCAST_ADDRESS, RTU_MAX_ADU_LENGTH } from "./rtu_adu.ts";
import {
  CANDIDATE_SLOTS,
  DROP,
  KIND_RESPONSE,
  type Match,
  matchAt,
  type RtuFramerState,
  WAIT,
} from "./_rtu_frame_match.ts";

export type { RtuFramerState } from "./_rtu_frame_match.ts";

/** What the framer reports. */
export type RtuFramerEvent =
  /** A request for this server: the whole frame (a copy) and its decoded PDU. */
  | {
    readonly type: "requestReceived";
    readonly address: number;
    readonly adu: Uint8Array;
    readonly decoded: RequestDecodeResult;
  }
  /** A broadcast request (address 0): acted upon by every server, answered by none. */
  | {
    readonly type: "broadcastReceived";
    readonly adu: Uint8Array;
    readonly decoded: RequestDecodeResult;
  }
  /** A valid request for another server. */
  | {
    readonly type: "otherRequestSeen";
    readonly address: number;
    readonly functionCode: number;
    readonly length: number;
  }
  /** A valid response from another server (or an echo of this server's own reply). */
  | {
    readonly type: "otherResponseSeen";
    readonly address: number;
    readonly functionCode: number;
    readonly length: number;
  }
  /** Bytes with the length of a frame but a wrong CRC, dropped. */
  | {
    readonly type: "crcFailed";
    readonly address: number;
    readonly functionCode: number;
    readonly length: number;
  }
  /**
   * Bytes that made no frame, dropped: before a good frame (`"garbage"`), pending when silence
   * came (`"partial"`), or 256 of them without a frame or a silence (`"overlong"`).
   */
  | {
    readonly type: "noiseDropped";
    readonly length: number;
    readonly reason: "garbage" | "partial" | "overlong";
  };

/** How a framer is set up. */
export interface RtuFramerOptions {
  /** This server's address, 1..247. */
  readonly address: number;
  /** Silence that ends a frame, in µs: t3.5 (see `rtuTiming`) plus any adapter latency. */
  readonly silenceUs: number;
}

/**
 * Creates a framer.
 *
 * @throws {RangeError} if the address is not 1..247 or `silenceUs` is not positive
 */
export function createRtuFramer(options: RtuFramerOptions): RtuFramerState {
  const { address, silenceUs } = options;
  if (!Number.isInteger(address) || address < 1 || address > 247) {
    throw new RangeError(
      `Cannot create RTU framer: address out of range (expected 1..247, got ${address})`,
    );
  }
  if (!Number.isFinite(silenceUs) || silenceUs <= 0) {
    throw new RangeError(`Cannot create RTU framer: invalid silence time (got ${silenceUs} µs)`);
  }
  return {
    address,
    silenceUs,
    buffer: new Uint8Array(RTU_MAX_ADU_LENGTH),
    length: 0,
    lastByteUs: Number.NEGATIVE_INFINITY,
    dropCount: 0,
    dropAddress: 0,
    dropFunctionCode: 0,
    dropCandidates: new Int16Array(CANDIDATE_SLOTS),
    dropPartial: false,
    failedCandidates: new Int16Array(CANDIDATE_SLOTS),
    candidateTried: false,
    primaryIncomplete: false,
    expectAddress: -1,
    expectFunctionCode: 0,
    expectRequestLength: 0,
  };
}

function endDropRun(
  state: RtuFramerState,
  events: RtuFramerEvent[],
  reason: "garbage" | "partial" | "overlong",
): void {
  const length = state.dropCount;
  if (length === 0) return;
  state.dropCount = 0;
  if (reason !== "overlong" && !state.dropPartial && state.dropCandidates.includes(length)) {
    events.push({
      type: "crcFailed",
      address: state.dropAddress,
      functionCode: state.dropFunctionCode,
      length,
    });
  } else {
    events.push({ type: "noiseDropped", length, reason });
  }
}

function dropByte(state: RtuFramerState, p: number, events: RtuFramerEvent[]): void {
  if (state.dropCount === 0) {
    state.dropAddress = state.buffer[p]!;
    state.dropFunctionCode = p + 1 < state.length ? state.buffer[p + 1]! : 0;
    state.dropCandidates.set(state.failedCandidates);
    state.dropPartial = state.primaryIncomplete;
  }
  state.dropCount++;
  if (state.dropCount >= RTU_MAX_ADU_LENGTH) endDropRun(state, events, "overlong");
}

function emitFrame(
  state: RtuFramerState,
  p: number,
  length: number,
  kind: number,
  events: RtuFramerEvent[],
): void {
  const buf = state.buffer;
  const address = buf[p]!;
  const functionCode = buf[p + 1]!;
  if (kind === KIND_RESPONSE) {
    state.expectAddress = -1;
    events.push({ type: "otherResponseSeen", address, functionCode, length });
    return;
  }
  if (address === state.address || address === RTU_BROADCAST_ADDRESS) {
    state.expectAddress = -1;
    const adu = buf.slice(p, p + length);
    const decoded = decodeRequest(adu, 1, length - 2);
    events.push(
      address === RTU_BROADCAST_ADDRESS
        ? { type: "broadcastReceived", adu, decoded }
        : { type: "requestReceived", address, adu, decoded },
    );
    return;
  }
  state.expectAddress = address;
  state.expectFunctionCode = functionCode;
  state.expectRequestLength = length;
  events.push({ type: "otherRequestSeen", address, functionCode, length });
}

/** Finds every frame in the buffer; on `final` (silence) nothing is left pending. */
function scan(state: RtuFramerState, events: RtuFramerEvent[], final: boolean): void {
  const match: Match = { kind: 0 };
  let p = 0;
  while (p < state.length) {
    const r = matchAt(state, p, final, match);
    if (r === WAIT) break;
    if (r === DROP) {
      dropByte(state, p, events);
      p++;
      continue;
    }
    endDropRun(state, events, "garbage");
    emitFrame(state, p, r, match.kind, events);
    p += r;
  }
  if (p > 0) {
    state.buffer.copyWithin(0, p, state.length);
    state.length -= p;
  }
  if (final) endDropRun(state, events, "partial");
}

/**
 * Feeds bytes received at `nowUs` (µs, any monotonic clock). If `silenceUs` has passed since the
 * previous bytes, that silence is applied first, as if {@linkcode rtuFramerSilence} had been
 * called.
 *
 * @returns the events, in order
 */
export function rtuFramerPush(
  state: RtuFramerState,
  bytes: Uint8Array,
  nowUs: number,
): RtuFramerEvent[] {
  const events: RtuFramerEvent[] = [];
  if (nowUs - state.lastByteUs >= state.silenceUs && (state.length > 0 || state.dropCount > 0)) {
    scan(state, events, true);
  }
  if (bytes.length === 0) return events;
  state.lastByteUs = nowUs;
  let i = 0;
  while (i < bytes.length) {
    const n = Math.min(bytes.length - i, RTU_MAX_ADU_LENGTH - state.length);
    state.buffer.set(bytes.subarray(i, i + n), state.length);
    state.length += n;
    i += n;
    scan(state, events, false);
    if (state.length === RTU_MAX_ADU_LENGTH) {
      // Cannot happen (256 buffered bytes always decide the first position); never stall.
      dropByte(state, 0, events);
      state.buffer.copyWithin(0, 1, state.length);
      state.length--;
    }
  }
  return events;
}

/**
 * Tells the framer the line has been silent; call it at {@linkcode rtuFramerSilenceDeadline}.
 * Pending bytes become a frame or are dropped. A call before the deadline does nothing.
 */
export function rtuFramerSilence(state: RtuFramerState, nowUs: number): RtuFramerEvent[] {
  const events: RtuFramerEvent[] = [];
  if (state.length === 0 && state.dropCount === 0) return events;
  if (nowUs - state.lastByteUs < state.silenceUs) return events;
  scan(state, events, true);
  return events;
}

/** When the owner should call {@linkcode rtuFramerSilence} (µs), or null if nothing is pending. */
export function rtuFramerSilenceDeadline(state: RtuFramerState): number | null {
  return state.length > 0 || state.dropCount > 0 ? state.lastByteUs + state.silenceUs : null;
}

/** Drops everything pending (e.g. after the port was reopened) and forgets the bus context. */
export function rtuFramerFlush(state: RtuFramerState): RtuFramerEvent[] {
  const events: RtuFramerEvent[] = [];
  // Flushed bytes are a partial frame whatever they look like.
  state.dropPartial = true;
  state.dropCount += state.length;
  state.length = 0;
  state.expectAddress = -1;
  endDropRun(state, events, "partial");
  return events;
}
