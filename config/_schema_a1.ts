/**
 * The keys of `[a1]`: where telegrams come from and how they are checked.
 *
 * @module
 */

import {
  A1_BAUD_RATES,
  A1_PARITIES,
  A1_SOURCES,
  CRC_POLICIES,
  DATA_REQUEST_LINES,
  STALE_POLICIES,
} from "./config_types.ts";
import { key } from "./schema_types.ts";

/** The keys of `[a1]`: where telegrams come from and how they are checked. */
export const A1_KEYS = [
  // [a1]: the meter side
  key("a1.source", { type: "enum", values: A1_SOURCES }, "serial", "Where telegrams come from."),
  key(
    "a1.device",
    { type: "string", format: "path" },
    "/dev/ttyUSB0",
    'Serial device of the P1/A1 port (source = "serial").',
  ),
  key(
    "a1.baud",
    { type: "integer-choice", values: A1_BAUD_RATES },
    115200,
    "Baud rate of the P1/A1 port.",
  ),
  key(
    "a1.data_bits",
    { type: "integer-choice", values: [7, 8] },
    8,
    "Data bits per character on the P1/A1 port.",
  ),
  key("a1.parity", { type: "enum", values: A1_PARITIES }, "none", "Parity of the P1/A1 port."),
  key(
    "a1.stop_bits",
    { type: "integer-choice", values: [1, 2] },
    1,
    "Stop bits per character on the P1/A1 port.",
  ),
  key(
    "a1.data_request",
    { type: "enum", values: DATA_REQUEST_LINES },
    "rts",
    "Modem line that drives the meter's Data Request pin.",
  ),
  key(
    "a1.data_request_invert",
    { type: "boolean" },
    false,
    "Drive the Data Request line low instead of high to request data.",
  ),
  key(
    "a1.host",
    { type: "string", format: "host" },
    undefined,
    'Host of a TCP serial bridge that streams the telegrams (source = "tcp").',
  ),
  key(
    "a1.port",
    { type: "integer", min: 1, max: 65535 },
    undefined,
    'TCP port of that bridge (source = "tcp").',
  ),
  key(
    "a1.file",
    { type: "string", format: "path" },
    undefined,
    'File of recorded telegrams to replay (source = "file").',
  ),
  key(
    "a1.loop",
    { type: "boolean" },
    true,
    'Start the file again from the top when it ends (source = "file").',
  ),
  key(
    "a1.interval_ms",
    { type: "integer", min: 10, max: 60000 },
    1000,
    'Pause between two replayed telegrams, in milliseconds (source = "file").',
  ),
  key(
    "a1.crc",
    { type: "enum", values: CRC_POLICIES },
    "required",
    "Whether a telegram must carry a CRC; a wrong CRC is always rejected.",
  ),
  key(
    "a1.stale_after_s",
    { type: "integer", min: 1, max: 3600 },
    25,
    "Seconds without a valid telegram after which the measured values are stale.",
  ),
  key(
    "a1.stale",
    { type: "enum", values: STALE_POLICIES },
    "zero",
    "What a Modbus master gets for measured values once they are stale.",
  ),
  key(
    "a1.max_telegram_bytes",
    { type: "integer", min: 1024, max: 65536 },
    8192,
    "Longest telegram accepted, in bytes; longer input is reported and dropped.",
  ),
  key(
    "a1.telegram_timeout_ms",
    { type: "integer", min: 100, max: 60000 },
    10000,
    'Longest time from "/" to the end of a telegram before the partial telegram is dropped.',
  ),
  key(
    "a1.simulator_seed",
    { type: "integer", min: 0, max: 4294967295 },
    1,
    'Seed of the simulator\'s pseudo-random load profile (source = "simulator").',
  ),
  key(
    "a1.simulator_interval_ms",
    { type: "integer", min: 10, max: 60000 },
    1000,
    'Interval between two simulated telegrams, in milliseconds (source = "simulator").',
  ),
] as const;
