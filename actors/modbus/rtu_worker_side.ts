/**
 * The worker thread's side of the RTU slave: opens the RS485 port with the opener it is given
 * and serves it ({@linkcode serveRtu}) with blocking waits (`rtu_blocking_port.ts`), so a request
 * or a reply's due time wakes the thread directly and is answered without waiting for the main
 * thread (its timers, its TCP clients, its garbage collector). Where the system allows it, the
 * thread runs under real-time scheduling (the host's `realtime` option): it then runs the moment
 * it wakes, however busy the CPUs are; where it does not, it runs as any thread and says so. The actor (`rtu_slave.ts`, through `rtu_engines.ts`) owns the
 * worker: it sends images, applies settings writes, reports activity and counters, decides when
 * to open the port again; see `rtu_worker_protocol.ts`. The thread's entry module (the host's
 * `rtu_worker.ts`) only wires this to its global scope and to the serial driver.
 *
 * Imports stay light: no actor runtime, no logger (a worker is a second V8 isolate; everything
 * it loads costs memory for as long as it runs).
 *
 * @module
 */
import type { SerialPortOptions } from "../../drivers/serial/mod.ts";
import type { WriteIntent } from "../../protocol/modbus/mod.ts";
import { errorText } from "../runtime/error_text.ts";
import { createCounters } from "./counters.ts";
import { type RtuPort, setupDirection } from "./rs485_direction.ts";
import {
  BLOCKING_SLICE_US,
  type BlockingRtuPort,
  blockingSessionPort,
} from "./rtu_blocking_port.ts";
import { serveRtu } from "./rtu_session.ts";
import type { FromRtuWorker, ToRtuWorker } from "./rtu_worker_protocol.ts";
import type { SlavePort, WriteOutcome } from "./slave_port.ts";
import { SharedImageReader } from "./shared_image.ts";
import type { ThreadScheduling } from "../../drivers/realtime.ts";

/**
 * Shortest time between two counter updates to the actor, ms: an update per request would wake
 * the main thread each time and compete for the CPU with the next request.
 */
const UPDATE_EVERY_MS = 100;

export type { BlockingRtuPort } from "./rtu_blocking_port.ts";

/** What the worker's side needs from its thread. */
export interface RtuWorkerSideOptions {
  /** Posts a message to the actor (the thread's `postMessage`). */
  post(message: FromRtuWorker): void;
  /** Opens the port (the serial driver's `openSerialPort`); throws why it cannot. */
  openPort(path: string, options: SerialPortOptions): BlockingRtuPort;
  /**
   * Asks for real-time scheduling of this thread (the host passes the driver's
   * `requestRealtime`); called once, before the first port is opened. Absent: not asked.
   */
  realtime?(): ThreadScheduling;
}

/**
 * The worker's side: returns the handler for each message from the actor.
 *
 * @example
 * ```ts
 * import { rtuWorkerSide } from "./rtu_worker_side.ts";
 * import type { FromRtuWorker } from "./rtu_worker_protocol.ts";
 *
 * // A thread's entry wires `post` to its postMessage and `openPort` to openSerialPort.
 * const posted: FromRtuWorker[] = [];
 * const receive = rtuWorkerSide({
 *   post: (message) => posted.push(message),
 *   openPort: (path) => {
 *     throw new Error(`Cannot open ${path}: no such device`);
 *   },
 * });
 * receive({ type: "close" });
 * // posted: [{ type: "closed" }] (no port was open)
 * ```
 */
export function rtuWorkerSide(options: RtuWorkerSideOptions): (message: ToRtuWorker) => void {
  const { post } = options;
  const writes = new Map<number, (outcome: WriteOutcome) => void>();
  let nextWrite = 1;
  // The slave as this thread serves it: the image the actor writes into shared memory, this
  // thread's counters (posted to the actor), settings writes forwarded to the actor.
  let images: SharedImageReader | null = null;
  const slave: SlavePort = {
    get image() {
      return images === null ? null : images.image;
    },
    imageIntact: () => images === null || images.intact(),
    counters: createCounters("rtu"),
    applyWrite: (intent: WriteIntent) =>
      new Promise<WriteOutcome>((resolve) => {
        const id = nextWrite++;
        writes.set(id, resolve);
        post({ type: "write", id, intent });
      }),
  };
  let mail: Int32Array | null = null;
  let received = 0;
  let port: RtuPort | null = null;
  let closing = false;
  let valid = 0;
  let invalid = 0;
  let lastSignature = -1;
  let lastUpdateMs = Number.NEGATIVE_INFINITY;

  /** A number that changes whenever a counter the session keeps changes. */
  const signature = (): number => {
    const c = slave.counters;
    return c.requests + c.otherAddress + c.crcErrors + c.noise + c.timeouts + c.broadcasts +
      c.malformed + c.turnaround.count + c.unanswered;
  };

  /**
   * Posts the counters if they changed since the last update, at most every
   * {@linkcode UPDATE_EVERY_MS} unless `force`.
   */
  const flushUpdate = (force = false): void => {
    const current = signature();
    if (current === lastSignature && valid + invalid === 0) return;
    const now = performance.now();
    if (!force && now - lastUpdateMs < UPDATE_EVERY_MS) return;
    lastSignature = current;
    lastUpdateMs = now;
    post({ type: "update", counters: slave.counters, valid, invalid });
    valid = 0;
    invalid = 0;
  };

  /** Before each slice of a blocking wait: counters out, and messages in if any wait. */
  const between = (): Promise<void> | null => {
    flushUpdate();
    return mail !== null && Atomics.load(mail, 0) !== received ? macrotask() : null;
  };

  /** The next slice: up to when a held update falls due, so activity reaches the LED soon. */
  const sliceUs = (): number => {
    if (signature() === lastSignature && valid + invalid === 0) return BLOCKING_SLICE_US;
    const dueUs = (lastUpdateMs + UPDATE_EVERY_MS - performance.now()) * 1000;
    return Math.max(0, Math.min(BLOCKING_SLICE_US, dueUs));
  };

  let scheduling: ThreadScheduling | null = null;

  const serve = async (msg: Extract<ToRtuWorker, { type: "open" }>): Promise<void> => {
    let opened: BlockingRtuPort;
    try {
      opened = options.openPort(msg.device, msg.serial);
    } catch (error) {
      post({ type: "openFailed", error: errorText(error) });
      return;
    }
    port = opened;
    if (scheduling === null && options.realtime !== undefined) {
      scheduling = options.realtime();
      post({ type: "scheduling", scheduling });
    }
    post({ type: "opened" });
    const direction = setupDirection(opened, msg.rs485, (text) => post({ type: "problem", text }));
    let error: string | null = null;
    try {
      await serveRtu(blockingSessionPort(opened, { between, sliceUs }), {
        ...msg.session,
        direction,
      }, {
        nowUs: () => performance.now() * 1000,
        slave,
        activity: (v, i) => {
          valid += v;
          invalid += i;
        },
        reboot: () => post({ type: "reboot" }),
        spinBeforeDueUs: 0,
      });
    } catch (e) {
      error = errorText(e);
    } finally {
      port = null;
      await opened.close();
    }
    flushUpdate(true);
    post({ type: "ended", error: closing ? null : error ?? "Serving stopped" });
    if (closing) post({ type: "closed" });
  };

  return (msg) => {
    received++;
    switch (msg.type) {
      case "mailbox":
        mail = new Int32Array(msg.mail);
        break;
      case "sharedImage":
        images = new SharedImageReader(msg.memory);
        break;
      case "open":
        void serve(msg);
        break;
      case "writeResult":
        writes.get(msg.id)?.(msg.outcome);
        writes.delete(msg.id);
        break;
      case "close":
        closing = true;
        for (const resolve of writes.values()) {
          resolve({
            kind: "exception",
            code: 4,
            reason: "Cannot save settings: the slave is stopping",
          });
        }
        writes.clear();
        if (port === null) post({ type: "closed" });
        else void port.close();
        break;
      default: {
        const unreachable: never = msg;
        throw new TypeError(`Unknown message to the RTU worker: ${JSON.stringify(unreachable)}`);
      }
    }
  };
}

/** Lets the event loop deliver the messages waiting for this thread. */
function macrotask(): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}
