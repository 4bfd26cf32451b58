/**
 * Where the RTU framer decides what the bytes at one position are: candidate frame lengths in
 * order of likelihood (the expected response after a request to another server, a request, a
 * response, and for this server's unknown functions the bytes up to silence), each confirmed by
 * the CRC. The framer's state is defined here (the framer re-exports it), so imports go one way:
 * `rtu_framer.ts` → this file.
 *
 * @module
 */

import { hasValidCrc16Modbus } from "./crc16_modbus.ts";
import { RTU_MAX_ADU_LENGTH, RTU_MIN_ADU_LENGTH } from "./rtu_adu.ts";
import {
  LENGTH_NEED_MORE,
  LENGTH_UNKNOWN,
  requestAduLength,
  responseAduLength,
} from "./_rtu_frame_length.ts";

/** The framer's state. Read-only for its owner: only the framer functions change it. */
export interface RtuFramerState {
  readonly address: number;
  readonly silenceUs: number;
  /** Pending bytes live in `buffer[0..length)`. */
  readonly buffer: Uint8Array;
  length: number;
  /** When the last byte was pushed (µs, the caller's clock). */
  lastByteUs: number;
  /** The current run of dropped bytes, and what its first position looked like. */
  dropCount: number;
  dropAddress: number;
  dropFunctionCode: number;
  /** Lengths of the complete candidates whose CRC failed where the current run began. */
  readonly dropCandidates: Int16Array;
  /** Whether the most likely reading where the current run began was cut short by silence. */
  dropPartial: boolean;
  /** Candidates that failed at the position being examined. */
  readonly failedCandidates: Int16Array;
  /** Whether a candidate with a length has been tried at the position being examined. */
  candidateTried: boolean;
  /** Whether the first such candidate there was cut short by silence. */
  primaryIncomplete: boolean;
  /** The response expected next: from this address (-1: none), for this function code. */
  expectAddress: number;
  expectFunctionCode: number;
  expectRequestLength: number;
}

/** Failed candidate lengths remembered per position. */
export const CANDIDATE_SLOTS = 4;

/** matchAt outcome: the frame at this position is not all there yet; wait for bytes or silence. */
export const WAIT = -1;
/** matchAt outcome: no frame starts at this position. */
export const DROP = 0;
// tryCandidate only: the frame is not all there and silence has come.
const INCOMPLETE = -3;
/** Kind of a match: a request. */
const KIND_REQUEST = 1;
/** Kind of a match: a response. */
export const KIND_RESPONSE = 2;

/** Result slot filled by matchAt with the kind of frame it found (reused, no allocation). */
export interface Match {
  kind: number;
}

/**
 * Tries one candidate length at `p`: the length on a CRC match; WAIT or INCOMPLETE when the
 * frame is not all there yet (before or after silence); DROP when the candidate does not fit.
 */
function tryCandidate(state: RtuFramerState, p: number, length: number, final: boolean): number {
  if (length === LENGTH_NEED_MORE) return final ? INCOMPLETE : WAIT;
  if (length < RTU_MIN_ADU_LENGTH || length > RTU_MAX_ADU_LENGTH) return DROP;
  if (p + length > state.length) return final ? INCOMPLETE : WAIT;
  if (hasValidCrc16Modbus(state.buffer, p, p + length)) return length;
  const failed = state.failedCandidates;
  for (let i = 0; i < CANDIDATE_SLOTS; i++) {
    if (failed[i] === 0) {
      failed[i] = length;
      break;
    }
  }
  return DROP;
}

/**
 * Tries a candidate of the given kind and notes whether the first candidate with a length (the
 * most likely reading of the position) was cut short by silence: that makes dropped bytes a
 * partial frame rather than a CRC failure.
 */
function attempt(
  state: RtuFramerState,
  p: number,
  length: number,
  kind: number,
  final: boolean,
  match: Match,
): number {
  if (length === LENGTH_UNKNOWN) return DROP;
  const first = !state.candidateTried;
  state.candidateTried = true;
  const r = tryCandidate(state, p, length, final);
  if (r === INCOMPLETE) {
    if (first) state.primaryIncomplete = true;
    return DROP;
  }
  if (r > 0) match.kind = kind;
  return r;
}

/** Looks for a frame at `p`: its length (kind in `match`), WAIT or DROP. */
export function matchAt(state: RtuFramerState, p: number, final: boolean, match: Match): number {
  state.failedCandidates.fill(0);
  state.candidateTried = false;
  state.primaryIncomplete = false;
  const buf = state.buffer;
  const end = state.length;
  if (p + 1 >= end) {
    state.primaryIncomplete = true;
    return final ? DROP : WAIT;
  }
  const address = buf[p]!;
  const fc = buf[p + 1]!;
  let r: number;
  let expected = LENGTH_UNKNOWN;
  if (address === state.expectAddress) {
    if (fc === (state.expectFunctionCode | 0x80)) expected = 5;
    else if (fc === state.expectFunctionCode) {
      expected = fc === 0x08 ? state.expectRequestLength : responseAduLength(buf, p, end);
    }
    r = attempt(state, p, expected, KIND_RESPONSE, final, match);
    if (r !== DROP) return r;
  }
  const requestLength = fc >= 0x01 && fc < 0x80 ? requestAduLength(buf, p, end) : LENGTH_UNKNOWN;
  r = attempt(state, p, requestLength, KIND_REQUEST, final, match);
  if (r !== DROP) return r;
  const responseLength = responseAduLength(buf, p, end);
  if (responseLength !== expected && responseLength !== requestLength) {
    r = attempt(state, p, responseLength, KIND_RESPONSE, final, match);
    if (r !== DROP) return r;
  }
  // A request for this server whose length has no rule: it ends at silence.
  if (
    address === state.address && fc >= 0x01 && fc < 0x80 &&
    (requestLength === LENGTH_UNKNOWN || fc === 0x08)
  ) {
    const rest = end - p;
    if (!final) return rest < RTU_MAX_ADU_LENGTH ? WAIT : DROP;
    if (rest !== requestLength) {
      r = attempt(state, p, rest, KIND_REQUEST, final, match);
      if (r !== DROP) return r;
    }
  }
  return DROP;
}
