/**
 * Where the RTU slave serves its port: in the actor's own thread (the default: an awaited read,
 * on the port the host's opener opens, or a test double) or, with `[modbus.rtu] thread =
 * "worker"`, in a worker thread (a blocking wait for requests, isolated from the main thread's
 * work) whose module the host locates. Both look the same to the actor: open, serve until the
 * port is lost, close.
 *
 * @module
 */
import type { SerialPortOptions } from "../../drivers/serial/mod.ts";
import type { Rs485Mode } from "../../config/mod.ts";
import type { ModbusSlaveMsg } from "../messages.ts";
import type { ActorContext } from "../runtime/actor.ts";
import { errorText } from "../runtime/error_text.ts";
import type { ThreadScheduling } from "../../drivers/realtime.ts";
import { type RtuPort, setupDirection } from "./rs485_direction.ts";
import { type RtuSessionOptions, serveRtu } from "./rtu_session.ts";
import { createSharedImageMemory, SharedImageWriter } from "./shared_image.ts";
import {
  copySessionCounters,
  type FromRtuWorker,
  type ToRtuWorker,
} from "./rtu_worker_protocol.ts";
import {
  applyWrite,
  noteRs485,
  requestReboot,
  type SlaveLive,
  slavePort,
  type WriteSetup,
} from "./slave_core.ts";

/** What an engine serves. */
export interface RtuEngineSetup {
  readonly device: string;
  readonly serial: SerialPortOptions;
  readonly session: Omit<RtuSessionOptions, "direction">;
  readonly rs485: Rs485Mode;
  readonly write: WriteSetup;
  /** Reports a problem (deduplicated by the caller). */
  readonly report: (problem: string) => void;
}

/** Opens and serves the port for the RTU slave. */
export interface RtuEngine {
  /** Opens the port: null when open, else why not. */
  open(): Promise<string | null>;
  /** Serves until the port is lost or fails (resolves with why) or is closed (null). */
  serve(): Promise<string | null>;
  /** Stops serving and releases everything; idempotent. */
  close(): Promise<void>;
}

/**
 * Opens an RTU port, or throws why it cannot: the host passes the serial driver's
 * `openSerialPort`; tests may pass a double.
 */
export type RtuPortOpener = (path: string, options: SerialPortOptions) => RtuPort;

/** Serves in the actor's thread, on the port `openPort` opens. */
export function threadEngine(
  ctx: ActorContext<ModbusSlaveMsg>,
  live: SlaveLive,
  setup: RtuEngineSetup,
  openPort: RtuPortOpener,
): RtuEngine {
  let port: RtuPort | null = null;
  live.thread = { engine: "main", scheduling: "normal (the event loop's thread)" };
  return {
    open() {
      try {
        port = openPort(setup.device, setup.serial);
        return Promise.resolve(null);
      } catch (error) {
        return Promise.resolve(errorText(error));
      }
    },
    async serve() {
      const p = port;
      if (p === null) return "Cannot serve: the port is not open";
      try {
        const direction = setupDirection(p, setup.rs485, setup.report);
        await serveRtu(p, { ...setup.session, direction }, {
          nowUs: () => ctx.clock.now() * 1000,
          slave: slavePort(live, setup.write, ctx),
          activity: (valid, invalid) => noteRs485(live, ctx, valid, invalid),
          reboot: () => requestReboot(ctx, "RTU"),
        });
        return p.closed ? null : "Serving stopped";
      } catch (error) {
        return errorText(error);
      } finally {
        port = null;
        await p.close();
      }
    },
    async close() {
      await port?.close();
    },
  };
}

/** A thread's scheduling as `status` shows it: `"SCHED_FIFO 10"` or `"normal (…why…)"`. */
export function describeScheduling(s: ThreadScheduling): string {
  return s.policy === "fifo" ? `SCHED_FIFO ${s.priority}` : `normal (${s.reason})`;
}

/** How long the worker may take to close its port before it is terminated, ms. */
const WORKER_CLOSE_MS = 800;

/** How a failure of the worker thread itself (not of the port) begins. */
export const WORKER_FAILED = "RTU worker failed";

/**
 * Serves in a worker thread running the module at `url` (the host's entry for
 * `rtu_worker_side.ts`), which waits for requests with a blocking poll. A module that cannot be
 * loaded is reported by `open` as a value starting with {@linkcode WORKER_FAILED}.
 */
export function workerEngine(
  ctx: ActorContext<ModbusSlaveMsg>,
  live: SlaveLive,
  setup: RtuEngineSetup,
  url: URL,
): RtuEngine {
  const worker = new Worker(url.href, { type: "module" });
  live.thread = { engine: "worker", scheduling: "normal (real-time scheduling not requested)" };
  const mailBuffer = new SharedArrayBuffer(4);
  const mail = new Int32Array(mailBuffer);
  const queue: FromRtuWorker[] = [];
  let waiter: ((message: FromRtuWorker | null) => void) | null = null;
  let failure: string | null = null;
  let closing = false;
  let markClosed = () => {};
  const closedByWorker = new Promise<void>((resolve) => (markClosed = resolve));
  const send = (message: ToRtuWorker) => {
    if (failure !== null) return;
    worker.postMessage(message);
    Atomics.add(mail, 0, 1);
  };
  const wake = (message: FromRtuWorker | null) => {
    const resolve = waiter;
    waiter = null;
    if (resolve !== null) resolve(message);
    else if (message !== null) queue.push(message);
  };
  const next = () =>
    new Promise<FromRtuWorker | null>((resolve) => {
      const queued = queue.shift();
      if (queued !== undefined) resolve(queued);
      else if (failure !== null || closing) resolve(null);
      else waiter = resolve;
    });
  worker.onmessage = (event: MessageEvent<FromRtuWorker>) => {
    const msg = event.data;
    switch (msg.type) {
      case "update":
        copySessionCounters(live.counters, msg.counters);
        if (msg.valid + msg.invalid > 0) noteRs485(live, ctx, msg.valid, msg.invalid);
        return;
      case "write":
        void applyWrite(live, msg.intent, setup.write, ctx).then((outcome) =>
          send({ type: "writeResult", id: msg.id, outcome })
        );
        return;
      case "reboot":
        requestReboot(ctx, "RTU");
        return;
      case "problem":
        setup.report(msg.text);
        return;
      case "closed":
        markClosed();
        return;
      case "scheduling":
        live.thread = { engine: "worker", scheduling: describeScheduling(msg.scheduling) };
        return;
      default:
        wake(msg);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failure = `${WORKER_FAILED}: ${event.message} (worker module ${url.href})`;
    markClosed();
    wake(null);
  };
  send({ type: "mailbox", mail: mailBuffer });
  // Images reach the worker through shared memory: no message, no copy into its heap.
  const memory = createSharedImageMemory();
  const images = new SharedImageWriter(memory);
  send({ type: "sharedImage", memory });
  if (live.replica.update !== null) images.publish(live.replica.update);
  live.onUpdate = (update) => images.publish(update);
  const stopped = () => {
    if (closing) return null;
    throw new Error(failure ?? "RTU worker stopped");
  };
  return {
    async open() {
      send({
        type: "open",
        device: setup.device,
        serial: setup.serial,
        session: setup.session,
        rs485: setup.rs485,
      });
      const reply = await next();
      // A worker that failed to start is reported as a value, so the slave can fall back.
      if (reply === null) return failure ?? "Cannot open: the slave is stopping";
      return reply.type === "openFailed" ? reply.error : null;
    },
    async serve() {
      const reply = await next();
      if (reply === null) return stopped();
      return reply.type === "ended" ? reply.error : null;
    },
    async close() {
      if (closing) return;
      closing = true;
      live.onUpdate = null;
      send({ type: "close" });
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        closedByWorker,
        new Promise((resolve) => (timer = setTimeout(resolve, WORKER_CLOSE_MS))),
      ]);
      clearTimeout(timer);
      worker.terminate();
      wake(null);
    },
  };
}
