/**
 * The control endpoints of a running a1mb: a unix socket for `a1mb status` and an optional HTTP
 * listener for people and Prometheus, both serving a snapshot the caller supplies.
 *
 * - {@linkcode startControlSocket} / {@linkcode requestControl}: the unix socket server (one
 *   request line, `status` or `metrics`; the body; close) and its client.
 * - {@linkcode startControlHttp}: `GET /status` (JSON) and `GET /metrics` (Prometheus text).
 * - {@linkcode prometheusText}, {@linkcode Histogram}: the pure Prometheus text writer and a
 *   histogram accumulator for it.
 *
 * Needs `--allow-read --allow-write` (the socket file) and `--allow-net` (HTTP).
 *
 * @module
 */
export { CONTROL_COMMANDS, type ControlCommand, type ControlSource } from "./control_source.ts";
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
