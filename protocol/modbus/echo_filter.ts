/**
 * Echo filter for RS485 adapters that loop transmitted bytes back to the receiver. After the
 * server writes a reply it registers the bytes; incoming bytes that match the expected echo, even
 * when they arrive in pieces, are held back and discarded once the whole echo has been seen. A
 * mismatch (or the expectation's deadline passing) abandons the expectation and passes every
 * held and incoming byte on, so a master's request is never eaten by a wrong guess.
 *
 * Pure: time is passed in; the state is owned by one caller and updated in place.
 *
 * @module
 */

/** Largest reply the filter can expect (a TCP-sized frame also fits). */
export const ECHO_FILTER_CAPACITY = 260;

/** The filter's state. Read-only for its owner: only the echo-filter functions change it. */
export interface EchoFilterState {
  /** The expected echo lives in `expected[0..length)`; length 0 = nothing expected. */
  readonly expected: Uint8Array;
  length: number;
  /** Bytes of the echo seen (and held back) so far. */
  matched: number;
  /** After this time (µs) the expectation is abandoned. */
  deadlineUs: number;
}

/**
 * What {@linkcode echoFilterPush} did with a chunk: `pass` holds the bytes to hand on to the
 * framer (possibly empty). `outcome`: `"none"` (no echo expected), `"pending"` (all of the chunk
 * matched the echo so far), `"completed"` (the whole echo has been seen and discarded),
 * `"abandoned"` (a byte did not match), `"expired"` (the deadline had passed).
 */
export interface EchoFilterResult {
  readonly pass: Uint8Array;
  readonly outcome: "none" | "pending" | "completed" | "abandoned" | "expired";
}

const EMPTY = new Uint8Array(0);

/** Creates an echo filter expecting nothing. */
export function createEchoFilter(): EchoFilterState {
  return {
    expected: new Uint8Array(ECHO_FILTER_CAPACITY),
    length: 0,
    matched: 0,
    deadlineUs: 0,
  };
}

/**
 * Registers the bytes just written, sent at `nowUs`; their echo must be complete by
 * `nowUs + windowUs` (allow the transmission time of the reply plus the adapter's latency).
 * Replaces any earlier expectation; bytes held for it are dropped.
 *
 * @throws {RangeError} if `written` is longer than {@linkcode ECHO_FILTER_CAPACITY}
 */
export function echoFilterExpect(
  state: EchoFilterState,
  written: Uint8Array,
  nowUs: number,
  windowUs: number,
): void {
  if (written.length > ECHO_FILTER_CAPACITY) {
    throw new RangeError(
      `Cannot expect echo: reply too long (expected at most ${ECHO_FILTER_CAPACITY} bytes, got ${written.length})`,
    );
  }
  state.expected.set(written);
  state.length = written.length;
  state.matched = 0;
  state.deadlineUs = nowUs + windowUs;
}

/** The held bytes followed by `bytes`, and the expectation cleared. */
function release(state: EchoFilterState, bytes: Uint8Array): Uint8Array {
  const held = state.matched;
  state.length = 0;
  state.matched = 0;
  if (held === 0) return bytes;
  const out = new Uint8Array(held + bytes.length);
  out.set(state.expected.subarray(0, held));
  out.set(bytes, held);
  return out;
}

/** Filters a chunk received at `nowUs`. */
export function echoFilterPush(
  state: EchoFilterState,
  bytes: Uint8Array,
  nowUs: number,
): EchoFilterResult {
  if (state.length === 0) return { pass: bytes, outcome: "none" };
  if (nowUs > state.deadlineUs) return { pass: release(state, bytes), outcome: "expired" };
  const expected = state.expected;
  const start = state.matched;
  const want = state.length - start;
  const n = Math.min(want, bytes.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== expected[start + i]) {
      return { pass: release(state, bytes), outcome: "abandoned" };
    }
  }
  if (n < want) {
    state.matched = start + n;
    return { pass: EMPTY, outcome: "pending" };
  }
  state.length = 0;
  state.matched = 0;
  return { pass: n === bytes.length ? EMPTY : bytes.subarray(n), outcome: "completed" };
}

/** Abandons any expectation and returns the bytes held for it (usually none). */
export function echoFilterFlush(state: EchoFilterState): Uint8Array {
  if (state.length === 0) return EMPTY;
  return release(state, EMPTY);
}

/** When the current expectation expires (µs), or null if nothing is expected. */
export function echoFilterDeadline(state: EchoFilterState): number | null {
  return state.length > 0 ? state.deadlineUs : null;
}
