/**
 * One line of a trace file (JSON Lines): a message delivery, or a lifecycle event of the
 * runtime (`@sys.*`).
 *
 * @module
 */

/** A trace line as written and read back. */
export interface TraceRecord {
  /** Monotonic time of the delivery in microseconds. */
  readonly t_us: number;
  /** Wall-clock time of the delivery, ISO 8601 UTC. */
  readonly wall: string;
  /** Sender name. */
  readonly from: string;
  /** Receiver name. */
  readonly to: string;
  /** The message's `type` tag. */
  readonly type: string;
  /** Delivery id (0 for runtime events that are not messages). */
  readonly id: number;
  /** Id of the message whose handler caused this one, or null. */
  readonly cause: number | null;
  /** Short payload summary. */
  readonly summary: string;
  /** How long the handler took, in microseconds (null for runtime events). */
  readonly handler_us: number | null;
  /** Present when the handler threw: the error message. */
  readonly error?: string;
}

/** Where the bus writes trace records when tracing is on. */
export interface TraceSink {
  /** Appends one record; must not throw and must not block. */
  write(record: TraceRecord): void;
  /** Writes out what is buffered. */
  flush(): Promise<void>;
  /** Flushes and releases the file. */
  close(): Promise<void>;
}
