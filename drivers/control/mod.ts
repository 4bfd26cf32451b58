/**
 * The control endpoints of a running a1mb: a unix socket for `a1mb status` and an optional HTTP
 * listener for people and Prometheus, both serving a snapshot the caller supplies.
 *
 * - {@linkcode startControlSocket} / {@linkcode requestControl}: the unix socket server (one
 *   request line: `status`, `metrics`, `config`, `set {…}`, `reboot`; the answer; close) and its
 *   client.
 * - {@linkcode startControlHttp}: the web console's files, the JSON API (`/api/status`,
 *   `/api/config`, `/api/reboot`, …), `/status` and `/metrics`; writes need a bearer token.
 * - {@linkcode prometheusText}, {@linkcode Histogram}: the pure Prometheus text writer and a
 *   histogram accumulator for it.
 *
 * Needs `--allow-read --allow-write` (the socket file) and `--allow-net` (HTTP).
 *
 * @module
 */
export {
  CONTROL_COMMANDS,
  type ControlAnswer,
  type ControlCommand,
  type ControlOrigin,
  type ControlSettings,
  type ControlSource,
  type SnapshotCommand,
} from "./control_source.ts";
export {
  type ControlSocketOptions,
  type ControlSocketServer,
  startControlSocket,
} from "./control_socket.ts";
export { type ControlReply, requestControl } from "./control_client.ts";
export {
  type ControlHttpOptions,
  type ControlHttpServer,
  startControlHttp,
  STATUS_CONTENT_TYPE,
} from "./http_server.ts";
export type { HttpAsset } from "./http_routes.ts";
export { type BearerCheck, checkBearer } from "./bearer_token.ts";
export { CONTENT_SECURITY_POLICY } from "./_http_reply.ts";
export {
  escapeHelp,
  escapeLabelValue,
  formatNumber,
  type HistogramSample,
  type Labels,
  type MetricFamily,
  PROMETHEUS_CONTENT_TYPE,
  prometheusText,
  type Sample,
} from "./prometheus_text.ts";
export { Histogram, LATENCY_SECONDS_BOUNDS } from "./histogram.ts";
