/**
 * What the control endpoints serve: a snapshot of the running service, taken on request, and how
 * to render it for `status` (JSON) and `metrics` (Prometheus text). Supplied by the caller; the
 * endpoints only move bytes.
 *
 * @module
 */

/** The requests both control endpoints answer. */
export const CONTROL_COMMANDS = ["status", "metrics"] as const;

/** One of {@linkcode CONTROL_COMMANDS}. */
export type ControlCommand = typeof CONTROL_COMMANDS[number];

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
}
