/**
 * The configuration schema: every key of config.toml, as data. New keys are added here (and to
 * {@linkcode Config} and config.toml; the compiler and the tests point at whichever is missing).
 *
 * @module
 */

import {
  A1_BAUD_RATES,
  A1_PARITIES,
  A1_SOURCES,
  type Config,
  type ConfigPath,
  CRC_POLICIES,
  DATA_REQUEST_LINES,
  FC03_SPACES,
  LED_DRIVERS,
  LOG_FORMATS,
  LOG_LEVELS,
  RS485_MODES,
  RTU_BAUD_RATES,
  RTU_PARITIES,
  RTU_THREADS,
  STALE_POLICIES,
  SUNSPEC_ENERGIES,
  SUNSPEC_MODELS,
} from "./config_types.ts";
import { key, type KeyDescriptor } from "./schema_types.ts";
import { buildConfig } from "./_build.ts";

const SCHEMA_TUPLE = [
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
    "main",
    "Where RTU requests are served: the main thread, or a worker thread with tighter timing.",
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

  // [leds]
  key(
    "leds.driver",
    { type: "enum", values: LED_DRIVERS },
    "console",
    "How the PWR, A1 and 485 LEDs are shown.",
  ),
  key("leds.pwr", { type: "string", format: "led-name" }, "a1mb:pwr", "Sysfs name of the PWR LED."),
  key("leds.a1", { type: "string", format: "led-name" }, "a1mb:a1", "Sysfs name of the A1 LED."),
  key(
    "leds.rs485",
    { type: "string", format: "led-name" },
    "a1mb:485",
    "Sysfs name of the 485 LED.",
  ),
  key(
    "leds.sysfs_base",
    { type: "string", format: "absolute-path" },
    "/sys/class/leds",
    "Folder that holds the sysfs LEDs.",
  ),

  // [trace]
  key(
    "trace.file",
    { type: "string", format: "path", empty: "off" },
    "",
    "File the message trace is written to (JSON Lines).",
  ),
  key(
    "trace.max_mb",
    { type: "integer", min: 1, max: 1024 },
    10,
    "Size in megabytes at which the trace file is rotated.",
  ),
  key(
    "trace.keep",
    { type: "integer", min: 0, max: 100 },
    3,
    "Rotated trace files kept besides the current one.",
  ),

  // [log]
  key("log.level", { type: "enum", values: LOG_LEVELS }, "info", "Least severe level logged."),
  key("log.format", { type: "enum", values: LOG_FORMATS }, "text", "Format of the log lines."),
  key(
    "log.file",
    { type: "string", format: "path", empty: "standard error" },
    "",
    "File the log is written to.",
  ),
  key(
    "log.max_mb",
    { type: "integer", min: 1, max: 1024 },
    10,
    "Size in megabytes at which the log file is rotated.",
  ),

  // [control]
  key(
    "control.socket",
    { type: "string", format: "path", empty: "off" },
    "/run/a1mb/control.sock",
    "Unix socket the a1mb command line uses to talk to the running service.",
  ),
  key(
    "control.http",
    { type: "string", format: "host-port", empty: "off" },
    "",
    "Address and port of the web console, its JSON API and the metrics.",
  ),
  key(
    "control.token",
    { type: "string", format: "token", empty: "read-only console", secret: true },
    "",
    "Secret that web console and API writes must carry (Authorization: Bearer <token>).",
  ),

  // [passthrough]
  key(
    "passthrough.listen",
    { type: "string", format: "host-port", empty: "off" },
    "",
    "Address and port where the telegrams are re-served to other P1 readers over TCP.",
  ),
  key(
    "passthrough.all",
    { type: "boolean" },
    false,
    "Re-serve every telegram, also those rejected, instead of only the valid ones.",
  ),

  // [homewizard]
  key(
    "homewizard.listen",
    { type: "string", format: "host-port", empty: "off" },
    "",
    "Address and port of the HomeWizard-compatible P1 API (GET /api, /api/v1/data, /api/v1/telegram).",
  ),
  key(
    "homewizard.mdns",
    { type: "boolean" },
    true,
    "Announce the API over mDNS as _hwenergy._tcp, so Home Assistant discovers it.",
  ),

  // [mqtt]
  key(
    "mqtt.url",
    { type: "string", format: "mqtt-url", empty: "off" },
    "",
    "The MQTT broker the readings are published to.",
  ),
  key(
    "mqtt.ca_file",
    { type: "string", format: "path", empty: "the system's CA certificates" },
    "",
    "PEM file of the CA that signed the broker's certificate (mqtts:// only).",
  ),
  key(
    "mqtt.username",
    { type: "string", format: "text", empty: "none" },
    "",
    "User name a1mb logs in to the broker with.",
  ),
  key(
    "mqtt.password",
    { type: "string", format: "text", empty: "none", secret: true },
    "",
    "Password a1mb logs in to the broker with.",
  ),
  key(
    "mqtt.password_file",
    { type: "string", format: "path", empty: "none" },
    "",
    "File whose first line is the password (instead of mqtt.password).",
  ),
  key(
    "mqtt.client_id",
    { type: "string", format: "text", empty: '"a1mb-" and the meter\'s serial' },
    "",
    "Client identifier a1mb connects with; unique per broker.",
  ),
  key(
    "mqtt.topic_prefix",
    { type: "string", format: "mqtt-topic", empty: '"a1mb/" and the meter\'s serial' },
    "",
    "Topic under which a1mb publishes its state, availability and diagnostics.",
  ),
  key(
    "mqtt.qos",
    { type: "integer-choice", values: [0, 1, 2] },
    1,
    "MQTT quality of service of every message a1mb publishes.",
  ),
  key(
    "mqtt.keepalive_s",
    { type: "integer", min: 1, max: 3600 },
    60,
    "Keep-alive interval, in seconds; the broker declares a1mb offline after 1.5 times this.",
  ),
  key(
    "mqtt.discovery",
    { type: "boolean" },
    true,
    "Announce the meter and its sensors to Home Assistant (MQTT discovery).",
  ),
  key(
    "mqtt.discovery_prefix",
    { type: "string", format: "mqtt-topic" },
    "homeassistant",
    "Topic prefix Home Assistant reads discovery messages from.",
  ),
] as const;

// Compile-time check: every leaf of Config has a descriptor. A missing key names itself here.
type MissingFromSchema = Exclude<ConfigPath, typeof SCHEMA_TUPLE[number]["path"]>;
const schemaIsComplete: [MissingFromSchema] extends [never] ? true : MissingFromSchema = true;
void schemaIsComplete;

/** Every configuration key, in config.toml order. */
export const CONFIG_SCHEMA: readonly KeyDescriptor[] = SCHEMA_TUPLE;

/**
 * The configuration used for every key config.toml leaves out (deeply frozen), before any
 * build's own defaults (see `configDefaults`).
 */
export const DEFAULT_CONFIG: Config = buildConfig(
  new Map(CONFIG_SCHEMA.map((d) => [d.path, d.default])),
);
