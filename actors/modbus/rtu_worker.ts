/**
 * The RTU slave's worker thread: opens the RS485 port and serves it ({@linkcode serveRtu}) with
 * a blocking wait for requests, so a request wakes this thread directly and is answered without
 * waiting for the main thread (its timers, its TCP clients, its garbage collector). The actor
 * (`rtu_slave.ts`) owns the worker: it sends images, applies settings writes, reports activity
 * and counters, decides when to open the port again; see `rtu_worker_protocol.ts`.
 *
 * @module
 */
import { openSerialPort, type PosixSerialPort } from "../../drivers/serial/mod.ts";
import type { RegisterImage, WriteIntent } from "../../protocol/modbus/mod.ts";
import { errorText } from "../runtime/error_text.ts";
import { createCounters } from "./counters.ts";
import { type RtuPort, setupDirection } from "./rs485_direction.ts";
import { serveRtu } from "./rtu_session.ts";
import type { FromRtuWorker, ToRtuWorker } from "./rtu_worker_protocol.ts";
import type { SlavePort, WriteOutcome } from "./slave_port.ts";

/** The worker's global scope, as far as this module uses it. */
const scope = globalThis as unknown as {
  postMessage(message: FromRtuWorker): void;
  onmessage: ((event: MessageEvent<ToRtuWorker>) => void) | null;
};

/** Longest single blocking wait, ms: messages from the actor wait at most this long. */
const WAIT_SLICE_MS = 50;

/**
 * Shortest time between two counter updates to the actor, ms: an update per request would wake
 * the main thread each time and compete for the CPU with the next request.
 */
const UPDATE_EVERY_MS = 100;

const writes = new Map<number, (outcome: WriteOutcome) => void>();
let nextWrite = 1;

/**
 * The slave as this thread serves it: the last image the actor sent, this thread's counters
 * (posted to the actor), settings writes forwarded to the actor.
 */
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

const post = (message: FromRtuWorker) => scope.postMessage(message);
const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A number that changes whenever a counter the session keeps changes. */
function signature(): number {
  const c = slave.counters;
  return c.requests + c.otherAddress + c.crcErrors + c.noise + c.timeouts + c.broadcasts +
    c.malformed + c.turnaround.count + c.unanswered;
}

/**
 * Posts the counters if they changed since the last update, at most every
 * {@linkcode UPDATE_EVERY_MS} unless `force`; returns the ms until a held update is due (or
 * {@linkcode WAIT_SLICE_MS} when none is held).
 */
function flushUpdate(force = false): number {
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
}

/** Blocks until input is there, letting messages in between; false once closing. */
async function idle(wait: (ms: number) => boolean): Promise<boolean> {
  for (;;) {
    const sliceMs = flushUpdate();
    if (closing || port === null || port.closed) return false;
    if (mail !== null && Atomics.load(mail, 0) !== received) {
      await macrotask();
      continue;
    }
    if (wait(sliceMs)) return true;
  }
}

async function serve(msg: Extract<ToRtuWorker, { type: "open" }>): Promise<void> {
  let opened: PosixSerialPort;
  try {
    opened = openSerialPort(msg.device, msg.serial);
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
}

scope.onmessage = (event) => {
  received++;
  const msg = event.data;
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
