/**
 * Where the A1Reader's bytes come from (`[a1] source`): the {@linkcode A1SourceOpener} /
 * {@linkcode A1Source} contract and the real sources.
 *
 * - {@linkcode serialSource}: the P1 port on a UART (with its modem lines for data request).
 * - {@linkcode tcpSource}: a raw P1 stream from a network dongle or ser2net.
 * - {@linkcode fileSource}: a recorded file, one telegram per interval, optionally looping.
 *
 * The built-in simulator source lives in `actors/a1/` (it needs the DSMR codec).
 *
 * @module
 */
export type { A1Source, A1SourceOpener } from "./a1_source.ts";
export { describeLine, serialSource, type SerialSourceOptions } from "./serial_source.ts";
export { tcpSource, type TcpSourceOptions } from "./tcp_source.ts";
export { fileSource, type FileSourceOptions, splitTelegrams } from "./file_source.ts";
