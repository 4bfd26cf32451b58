/**
 * The RTU port as the worker thread serves it: every wait blocks the thread in the kernel
 * (`ppoll` with µs precision) instead of awaiting FFI's thread pool, so the kernel wakes this
 * very thread when a request's bytes arrive or a reply falls due, with no hand-off to an event
 * loop. Waits are cut into slices; before each slice the worker posts its counters and activity
 * (when due) and lets its messages in (settings-write answers, close).
 *
 * @module
 */
import type { PosixSerialPort } from "../../drivers/serial/mod.ts";
import type { RtuPort } from "./rs485_direction.ts";

/** A port whose waits can block the calling thread (the serial driver's port). */
export type BlockingRtuPort = RtuPort & Pick<PosixSerialPort, "readSync" | "waitSilenceSync">;

/** Longest single blocking wait, µs: messages for the worker wait at most this long. */
export const BLOCKING_SLICE_US = 50_000;

/** What the worker does around its blocking waits. */
export interface BlockingWaitHooks {
  /**
   * Runs before each slice of a wait: posts what is due and returns a promise when the thread
   * must let its event loop run first (messages are waiting), else null.
   */
  between(): Promise<void> | null;
  /** How long the next slice may block, µs (shorter when an update falls due sooner). */
  sliceUs(): number;
}

/**
 * Wraps `port` so that `read` and `waitSilence` block this thread, in slices as `hooks` say.
 *
 * @example
 * ```ts
 * import { BLOCKING_SLICE_US, blockingSessionPort } from "./rtu_blocking_port.ts";
 * import { openPtyPair, openSerialPort } from "../../drivers/serial/mod.ts";
 *
 * await using pair = openPtyPair();
 * const port = blockingSessionPort(openSerialPort(pair.slavePath, { baudRate: 115200 }), {
 *   between: () => null,
 *   sliceUs: () => BLOCKING_SLICE_US,
 * });
 * await pair.master.write(new Uint8Array([1, 2, 3]));
 * const buffer = new Uint8Array(8);
 * const n = await port.read(buffer); // 3: the thread blocked in ppoll until they came
 * await port.close();
 * ```
 */
export function blockingSessionPort(port: BlockingRtuPort, hooks: BlockingWaitHooks): RtuPort {
  return {
    get path() {
      return port.path;
    },
    get closed() {
      return port.closed;
    },
    async read(buffer) {
      for (;;) {
        const pause = hooks.between();
        if (pause !== null) {
          await pause;
          continue;
        }
        const n = port.readSync(buffer, hooks.sliceUs());
        if (n !== 0) return n;
      }
    },
    async waitSilence(microseconds) {
      const end = performance.now() * 1000 + microseconds;
      for (;;) {
        const remaining = end - performance.now() * 1000;
        if (remaining <= 0) return !port.closed;
        const slice = Math.min(remaining, hooks.sliceUs());
        if (!port.waitSilenceSync(slice)) return false;
        if (slice === remaining) return true;
        const pause = hooks.between();
        if (pause !== null) await pause;
      }
    },
    write: (data) => port.write(data),
    drain: () => port.drain(),
    flushInput: () => port.flushInput(),
    bytesAvailable: () => port.bytesAvailable(),
    close: () => port.close(),
    ...(port.setLines === undefined ? {} : { setLines: (l) => port.setLines!(l) }),
    ...(port.setRs485 === undefined ? {} : { setRs485: (o) => port.setRs485!(o) }),
  };
}
