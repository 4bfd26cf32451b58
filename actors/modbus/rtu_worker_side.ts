/**
 * The worker thread's side of the RTU slave: opens the RS485 port with the opener it is given
 * and serves it ({@linkcode serveRtu}) with a blocking wait for requests, so a request wakes the
 * thread directly and is answered without waiting for the main thread (its timers, its TCP
 * clients, its garbage collector). The actor (`rtu_slave.ts`, through `rtu_engines.ts`) owns the
 * worker: it sends images, applies settings writes, reports activity and counters, decides when
 * to open the port again; see `rtu_worker_protocol.ts`. The thread's entry module (the host's
 * `rtu_worker.ts`) only wires this to its global scope and to the serial driver.
 *
 * Imports stay light: no actor runtime, no logger (a worker is a second V8 isolate; everything
 * it loads costs memory for as long as it runs).
 *
 * @module
 */
import type { PosixSerialPort, SerialPortOptions } from "../../drivers/serial/mod.ts";
import type { RegisterImage, WriteIntent } from "../../protocol/modbus/mod.ts";
import { errorText } from "../runtime/error_text.ts";
import { createCounters } from "./counters.ts";
import { type RtuPort, setupDirection } from "./rs485_direction.ts";
import { serveRtu } from "./rtu_session.ts";
import type { FromRtuWorker, ToRtuWorker } from "./rtu_worker_protocol.ts";
import type { SlavePort, WriteOutcome } from "./slave_port.ts";

/** Longest single blocking wait, ms: messages from the actor wait at most this long. */
const WAIT_SLICE_MS = 50;

/**
 * Shortest time between two counter updates to the actor, ms: an update per request would wake
 * the main thread each time and compete for the CPU with the next request.
 */
const UPDATE_EVERY_MS = 100;

/** A port the worker can serve: an RTU port that can also block the thread until input. */
export type BlockingRtuPort = RtuPort & Pick<PosixSerialPort, "waitReadableSync">;

/** What the worker's side needs from its thread. */
export interface RtuWorkerSideOptions {
  /** Posts a message to the actor (the thread's `postMessage`). */
  post(message: FromRtuWorker): void;
  /** Opens the port (the serial driver's `openSerialPort`); throws why it cannot. */
  openPort(path: string, options: SerialPortOptions): BlockingRtuPort;
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
  // The slave as this thread serves it: the last image the actor sent, this thread's counters
  // (posted to the actor), settings writes forwarded to the actor.
  const slave: SlavePort & { image: RegisterImage | null } = {
    image: null,
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
   * {@linkcode UPDATE_EVERY_MS} unless `force`; returns the ms until a held update is due (or
   * {@linkcode WAIT_SLICE_MS} when none is held).
   */
  const flushUpdate = (force = false): number => {
    const current = signature();
    if (current === lastSignature && valid + invalid === 0) return WAIT_SLICE_MS;
    const now = performance.now();
    const due = lastUpdateMs + UPDATE_EVERY_MS - now;
    if (!force && due > 0) return Math.min(WAIT_SLICE_MS, due);
    lastSignature = current;
    lastUpdateMs = now;
    post({ type: "update", counters: slave.counters, valid, invalid });
    valid = 0;
    invalid = 0;
    return WAIT_SLICE_MS;
  };

  /** Blocks until input is there, letting messages in between; false once closing. */
  const idle = async (wait: (ms: number) => boolean): Promise<boolean> => {
    for (;;) {
      const sliceMs = flushUpdate();
      if (closing || port === null || port.closed) return false;
      if (mail !== null && Atomics.load(mail, 0) !== received) {
        await macrotask();
        continue;
      }
      if (wait(sliceMs)) return true;
    }
  };

  const serve = async (msg: Extract<ToRtuWorker, { type: "open" }>): Promise<void> => {
    let opened: BlockingRtuPort;
    try {
      opened = options.openPort(msg.device, msg.serial);
    } catch (error) {
      post({ type: "openFailed", error: errorText(error) });
      return;
    }
    port = opened;
    post({ type: "opened" });
    const direction = setupDirection(opened, msg.rs485, (text) => post({ type: "problem", text }));
    const wait = (ms: number) => opened.waitReadableSync(ms);
    let error: string | null = null;
    try {
      await serveRtu(opened, { ...msg.session, direction }, {
        nowUs: () => performance.now() * 1000,
        slave,
        activity: (v, i) => {
          valid += v;
          invalid += i;
        },
        reboot: () => post({ type: "reboot" }),
        idleWait: () => idle(wait),
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
      case "image":
        slave.image = msg.image;
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
