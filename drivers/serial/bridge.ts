/**
 * Copies bytes both ways between two serial ports until aborted or one side is lost: a
 * null-modem cable in software. The demo uses it to hand a master its own pseudo-terminal.
 *
 * @module
 */
import type { SerialPort } from "./serial_port.ts";

/** Bytes moved by a running bridge. */
export interface BridgeCounters {
  /** Bytes copied from `a` to `b`. */
  aToB: number;
  /** Bytes copied from `b` to `a`. */
  bToA: number;
}

/**
 * Bridges `a` and `b`. Resolves when `signal` aborts or either side is closed; rejects with the
 * side's error when one is lost.
 */
export async function bridgePorts(
  a: SerialPort,
  b: SerialPort,
  signal: AbortSignal,
  counters: BridgeCounters = { aToB: 0, bToA: 0 },
): Promise<BridgeCounters> {
  const pump = async (from: SerialPort, to: SerialPort, count: (n: number) => void) => {
    const buffer = new Uint8Array(4096);
    while (!signal.aborted) {
      let n: number | null;
      try {
        n = await from.read(buffer, signal);
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      if (n === null) return;
      await to.write(buffer.subarray(0, n));
      count(n);
    }
  };
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([
      pump(a, b, (n) => counters.aToB += n),
      pump(b, a, (n) => counters.bToA += n),
    ]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return counters;
}
