/**
 * The actor runtime: typed messages and refs, mailboxes, cells, the bus that traces every
 * delivery, and the supervisor.
 *
 * @module
 */
export type { ActorBehavior, ActorContext } from "./actor.ts";
export { Bus, type BusCounters, errorText, type Receiver } from "./bus.ts";
export { Cell, type CellFailure, type CellOptions, type CellStatus } from "./cell.ts";
export { DEFAULT_MAILBOX_CAPACITY, Mailbox } from "./mailbox.ts";
export {
  type ActorRef,
  type Envelope,
  type Message,
  type StatusReported,
  type StatusRequested,
  unreachable,
} from "./message.ts";
export { collectStatus } from "./status_probe.ts";
export { summarizeBytes, summarizeMessage } from "./summary.ts";
export {
  type ChildSpec,
  childSpec,
  SUPERVISOR,
  Supervisor,
  type SupervisorExit,
  type SupervisorMsg,
  type SupervisorOptions,
} from "./supervisor.ts";
export { TraceFile, type TraceFileOptions } from "./trace_file.ts";
export type { TraceRecord, TraceSink } from "./trace_record.ts";
