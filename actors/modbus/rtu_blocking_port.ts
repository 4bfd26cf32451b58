/**
 * The RTU port as the worker thread serves it: every wait blocks the thread in the kernel
 * (`ppoll` with µs precision) instead of awaiting FFI's thread pool, so the kernel wakes this
 * very thread when a request's bytes arrive or a reply falls due, with no hand-off to an event
 * loop. Waits are cut into slices; between two slices the worker lets its messages in (the
 * actor's images, settings-write answers, close) and posts its counters.
 *
 * @module
 */
import type { PosixSerialPort } from "../../drivers/serial/mod.ts";
import type { RtuPort } from "./rs485_direction.ts";

/** A port whose waits can block the calling thread (the serial driver's port). */
export type BlockingRtuPort = RtuPort & Pick<PosixSerialPort, "readSync" | "waitSilenceSync">;

/** Longest single blocking wait, µs: messages for the worker wait at most this long. */
export const BLOCKING_SLICE_US = 50_000;

/**
 * Wraps `port` so that `read` and `waitSilence` block this thread. `between` runs between two
 * slices of a wait and returns a promise when the thread must let its event loop run first
 * (messages are waiting), else null.
 *
 * @example
 * ```ts
 * import { blockingSessionPort } from "./rtu_blocking_port.ts";
 * import { openPtyPair, openSerialPort } from "../../drivers/serial/mod.ts";
 *
 * await using pair = openPtyPair();
 * const port = blockingSessionPort(openSerialPort(pair.slavePath, { baudRate: 115200 }), () => null);
 * await pair.master.write(new Uint8Array([1, 2, 3]));
 * const buffer = new Uint8Array(8);
 * const n = await port.read(buffer); // 3: the thread blocked in ppoll until they came
 * await port.close();
 * ```
 */
export function blockingSessionPort(
  port: BlockingRtuPort,
  between: () => Promise<void> | null,
  sliceUs: number = BLOCKING_SLICE_US,
): RtuPort {
  const pause = async () => {
    const wait = between();
    if (wait !== null) await wait;
  };
  return {
    get path() {
      return port.path;
    },
    get closed() {
      return port.closed;
    },
    async read(buffer) {
      for (;;) {
        const n = port.readSync(buffer, sliceUs);
        if (n !== 0) return n;
        await pause();
      }
    },
    async waitSilence(microseconds) {
      const end = performance.now() * 1000 + microseconds;
      for (;;) {
        const remaining = end - performance.now() * 1000;
        if (remaining <= 0) return !port.closed;
        if (!port.waitSilenceSync(Math.min(remaining, sliceUs))) return false;
        if (remaining <= sliceUs) return true;
        await pause();
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
