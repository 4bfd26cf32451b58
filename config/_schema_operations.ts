/**
 * The keys of `[leds]`, `[trace]`, `[log]`, `[control]` and `[passthrough]`: running the converter.
 *
 * @module
 */

import { LED_DRIVERS, LOG_FORMATS, LOG_LEVELS } from "./config_types.ts";
import { key } from "./schema_types.ts";

/** The keys of `[leds]`, `[trace]`, `[log]`, `[control]` and `[passthrough]`: running the converter. */
export const OPERATIONS_KEYS = [
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
] as const;
