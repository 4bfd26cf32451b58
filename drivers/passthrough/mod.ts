/**
 * The raw telegram passthrough: a TCP server re-serving each telegram, byte for byte, to any
 * number of clients (other P1 readers), without ever letting a slow client slow the meter side.
 *
 * - {@linkcode startPassthroughServer}: listen, then `publish(bytes)` per telegram.
 *
 * Needs `--allow-net`.
 *
 * @module
 */
export {
  type PassthroughCounters,
  type PassthroughEvent,
  type PassthroughOptions,
  type PassthroughServer,
  startPassthroughServer,
} from "./passthrough_server.ts";
