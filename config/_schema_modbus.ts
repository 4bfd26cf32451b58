/**
 * The keys of `[modbus.rtu]`, `[modbus.tcp]` and `[registers]`: the master side.
 *
 * @module
 */

import {
  FC03_SPACES,
  RS485_MODES,
  RTU_BAUD_RATES,
  RTU_PARITIES,
  RTU_THREADS,
  SUNSPEC_ENERGIES,
  SUNSPEC_MODELS,
} from "./config_types.ts";
import { key } from "./schema_types.ts";

/** The keys of `[modbus.rtu]`, `[modbus.tcp]` and `[registers]`: the master side. */
export const MODBUS_KEYS = [
  // [modbus.rtu]: the RS485 slave
  key("modbus.rtu.enabled", { type: "boolean" }, true, "Serve Modbus RTU on the RS485 port."),
  key(
    "modbus.rtu.device",
    { type: "string", format: "path" },
    "/dev/ttyUSB1",
    "Serial device of the RS485 port.",
  ),
  key(
    "modbus.rtu.baud",
    { type: "integer-choice", values: RTU_BAUD_RATES },
    9600,
    "Baud rate of the RS485 line.",
    "default",
  ),
  key(
    "modbus.rtu.parity",
    { type: "enum", values: RTU_PARITIES },
    "none",
    'Parity of the RS485 line: "none" = 8N1, "even" = 8E1.',
    "default",
  ),
  key(
    "modbus.rtu.address",
    { type: "integer", min: 1, max: 247 },
    2,
    "Modbus slave address.",
    "default",
  ),
  key(
    "modbus.rtu.response_delay_ms",
    { type: "integer", min: 0, max: 1000, keyword: "auto" },
    "auto",
    'Silence before each reply, in milliseconds, or "auto" for 3.5 characters (t3.5).',
  ),
  key(
    "modbus.rtu.rs485",
    { type: "enum", values: RS485_MODES },
    "none",
    "Who switches the RS485 transceiver between sending and receiving.",
  ),
  key(
    "modbus.rtu.echo",
    { type: "boolean" },
    false,
    "The adapter echoes what it sends; drop our own bytes from the input.",
  ),
  key(
    "modbus.rtu.writes",
    { type: "boolean" },
    true,
    "Allow settings writes over Modbus RTU.",
  ),
  key(
    "modbus.rtu.thread",
    { type: "enum", values: RTU_THREADS },
    "worker",
    "Where RTU requests are served: a worker thread of their own, or the main thread.",
  ),

  // [modbus.tcp]: the Modbus TCP server
  key("modbus.tcp.enabled", { type: "boolean" }, false, "Serve Modbus TCP."),
  key(
    "modbus.tcp.listen",
    { type: "string", format: "host-port" },
    "127.0.0.1:1502",
    "Address and port the Modbus TCP server listens on.",
  ),
  key(
    "modbus.tcp.max_connections",
    { type: "integer", min: 1, max: 1024 },
    64,
    "Most Modbus TCP clients connected at the same time.",
  ),
  key(
    "modbus.tcp.idle_timeout_s",
    { type: "integer", min: 1, max: 86400 },
    300,
    "Seconds without a request after which a Modbus TCP connection is closed.",
  ),
  key(
    "modbus.tcp.writes",
    { type: "boolean" },
    false,
    "Allow settings writes over Modbus TCP.",
  ),

  // [registers]: what the emulated meter serves beyond the measurements
  key(
    "registers.derived",
    { type: "boolean" },
    true,
    "Compute values the telegram lacks (apparent power, power factor, totals) from those it has.",
  ),
  key(
    "registers.serial",
    { type: "integer", min: 1, max: 4294967295, keyword: "auto" },
    "auto",
    "Serial number served in the identification registers.",
  ),
  key(
    "registers.nominal_frequency_hz",
    { type: "number", min: 45, max: 65, also: [0] },
    0,
    "Grid frequency to serve, in hertz (P1 telegrams do not carry it).",
  ),
  key(
    "registers.invert",
    { type: "boolean" },
    false,
    "Swap import and export (meter mounted the other way round).",
  ),
  key(
    "registers.fc03",
    { type: "enum", values: FC03_SPACES },
    "holding",
    "What FC03 reads on the Eastron builds: the holding registers, or the measurements as FC04.",
    "option",
  ),
  key(
    "registers.sunspec_model",
    { type: "integer-choice", values: SUNSPEC_MODELS },
    203,
    "SunSpec meter model the sunspec build serves: 203 (integers, scale factors) or 213 (floats).",
    "option",
  ),
  key(
    "registers.sunspec_energy",
    { type: "enum", values: SUNSPEC_ENERGIES },
    "grid",
    "Which energy the sunspec build serves as TotWhImp: taken from the grid, or fed into it.",
    "option",
  ),
] as const;
