/**
 * What the control endpoints serve: a snapshot of the running service, taken on request, and how
 * to render it for `status` (JSON) and `metrics` (Prometheus text); optionally the settings
 * (read, write, reboot). Supplied by the caller; the endpoints only move bytes.
 *
 * @module
 */

/** The requests the control socket answers (the first word of its request line). */
export const CONTROL_COMMANDS = ["status", "metrics", "config", "set", "reboot"] as const;

/** One of {@linkcode CONTROL_COMMANDS}. */
export type ControlCommand = typeof CONTROL_COMMANDS[number];

/** The snapshot commands, answered by both endpoints from {@linkcode ControlSource.snapshot}. */
export type SnapshotCommand = "status" | "metrics";

/** Which endpoint a settings request came through. */
export type ControlOrigin = "socket" | "http";

/**
 * The answer to a settings request: an HTTP status (200 done, 202 accepted, 400 refused values,
 * 409 refused in the current state, 500/503 failures) and a JSON-ready body.
 */
export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The settings of the running service, behind both endpoints. */
export interface ControlSettings {
  /** Every key with its active and pending value (JSON-ready; secrets hidden). */
  view(): Promise<ControlAnswer>;
  /** Saves `changes` (key → value), all or nothing; they take effect at the next reboot. */
  write(changes: Readonly<Record<string, unknown>>, origin: ControlOrigin): Promise<ControlAnswer>;
  /** Asks for the in-process reboot (as a write to the reboot register does). */
  reboot(origin: ControlOrigin): Promise<ControlAnswer>;
}

/** The snapshot provider and its renderers. */
export interface ControlSource<S> {
  /** Takes a snapshot of the service's state (may ask actors; it is awaited with a timeout). */
  snapshot(): Promise<S>;
  /**
   * The `status` body.
   * @default {(s) => JSON.stringify(s, null, 2)}
   */
  readonly renderStatus?: (snapshot: S) => string;
  /** The `metrics` body, in Prometheus text format (see `prometheusText`). */
  renderMetrics(snapshot: S): string;
  /** The settings; without them `config`, `set` and `reboot` are answered 404. */
  readonly settings?: ControlSettings;
}
