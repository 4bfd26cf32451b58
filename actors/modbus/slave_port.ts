/**
 * What a request path (the RTU session, a TCP connection) needs from the slave it serves: the
 * register image to answer from, the counters to bump, and the settings-write round trip. Narrow
 * on purpose: the actor offers its holder through it (`slavePort` in `slave_core.ts`),
 * and the RTU worker thread offers its own image and counters without the actor's runtime.
 *
 * @module
 */
import type { RegisterImage, WriteIntent } from "../../protocol/modbus/mod.ts";
import type { ModbusCounters } from "./counters.ts";

/** What became of a write: answer it normally (then reboot, for `"reboot"`), or with `code`. */
export type WriteOutcome =
  | { readonly kind: "accepted" }
  | { readonly kind: "reboot" }
  | { readonly kind: "exception"; readonly code: 2 | 3 | 4; readonly reason: string };

/** The slave as a request path sees it. */
export interface SlavePort {
  /** The image requests are answered from; null before the first (reads get exception 04). */
  readonly image: RegisterImage | null;
  /** The transport's counters, bumped in place by the request path. */
  readonly counters: ModbusCounters;
  /** Saves the settings a write carries, or plans a reboot; never rejects. */
  applyWrite(intent: WriteIntent): Promise<WriteOutcome>;
}
