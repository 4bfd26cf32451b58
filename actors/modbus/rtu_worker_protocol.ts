/**
 * Messages between the RTU slave actor and its worker thread (see `rtu_worker_side.ts`), and the
 * shared mail counter: the actor bumps it after each message it posts, so the worker, blocked in
 * `poll` most of the time, knows when to let its event loop deliver them.
 *
 * @module
 */
import type { SerialPortOptions } from "../../drivers/serial/mod.ts";
import type { WriteIntent } from "../../protocol/modbus/mod.ts";
import type { RegisterImage } from "../../protocol/modbus/mod.ts";
import type { Rs485Mode } from "../../config/mod.ts";
import type { ModbusCounters } from "./counters.ts";
import type { RtuSessionOptions } from "./rtu_session.ts";
import type { WriteOutcome } from "./slave_port.ts";

/** Actor → worker. */
export type ToRtuWorker =
  /** The shared mail counter (sent first, once). */
  | { readonly type: "mailbox"; readonly mail: SharedArrayBuffer }
  /** A new register image to answer from. */
  | { readonly type: "image"; readonly image: RegisterImage }
  /** Open the port and serve it until it is lost or closed. */
  | {
    readonly type: "open";
    readonly device: string;
    readonly serial: SerialPortOptions;
    readonly session: Omit<RtuSessionOptions, "direction">;
    readonly rs485: Rs485Mode;
  }
  /** The outcome of a settings write the worker asked for. */
  | { readonly type: "writeResult"; readonly id: number; readonly outcome: WriteOutcome }
  /** Close the port and stop. */
  | { readonly type: "close" };

/** Worker → actor. */
export type FromRtuWorker =
  | { readonly type: "opened" }
  /** The port could not be opened (message of the error). */
  | { readonly type: "openFailed"; readonly error: string }
  /** Serving ended: the port was lost or failed (`error`), or closed on request (null). */
  | { readonly type: "ended"; readonly error: string | null }
  /** Counters changed; `valid`/`invalid` requests and bad frames since the last update. */
  | {
    readonly type: "update";
    readonly counters: ModbusCounters;
    readonly valid: number;
    readonly invalid: number;
  }
  /** A settings write to apply (answer with `writeResult`). */
  | { readonly type: "write"; readonly id: number; readonly intent: WriteIntent }
  /** The reboot register was written and answered. */
  | { readonly type: "reboot" }
  /** A problem to report once (an RS485 mode the device refuses). */
  | { readonly type: "problem"; readonly text: string }
  /** The worker has closed its port and can be terminated. */
  | { readonly type: "closed" };

/** The counters the RTU session keeps (the worker's); the actor keeps the others. */
const SESSION_COUNTERS = [
  "requests",
  "replies",
  "unanswered",
  "broadcasts",
  "crcErrors",
  "otherAddress",
  "noise",
  "timeouts",
  "malformed",
] as const;

/** Copies the counters the session keeps from the worker's copy `from` into `into`. */
export function copySessionCounters(into: ModbusCounters, from: ModbusCounters): void {
  for (const key of SESSION_COUNTERS) into[key] = from[key];
  Object.assign(into.exceptions, from.exceptions);
  const t = from.turnaround;
  for (let i = 0; i < t.counts.length; i++) into.turnaround.counts[i] = t.counts[i] ?? 0;
  into.turnaround.count = t.count;
  into.turnaround.sumUs = t.sumUs;
  into.turnaround.maxUs = t.maxUs;
}
