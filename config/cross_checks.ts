/**
 * Rules that involve more than one key. Each rule names the keys it reads; it runs only when each
 * of those keys is valid on its own, so one mistake is never reported twice.
 *
 * @module
 */

import type { Config, ConfigPath } from "./config_types.ts";
import { quoteText } from "./describe.ts";
import { parseHostPort } from "./host_port.ts";

/** A cross-field problem, reported at the line of `path`. */
export interface CrossProblem {
  readonly path: ConfigPath;
  readonly reason: string;
}

/** One rule over several keys. */
export interface CrossRule {
  /** Keys the rule reads; the rule is skipped if any of them has a problem of its own. */
  readonly keys: readonly ConfigPath[];
  readonly check: (config: Config) => readonly CrossProblem[];
}

/** A value quoted for a message, a URL's password masked. */
const q = quoteText;

/** Addresses that listen on every interface. */
const WILDCARDS = new Set(["0.0.0.0", "::"]);

/** Every cross-field rule, in the order their problems are reported on one line. */
export const CROSS_RULES: readonly CrossRule[] = [
  {
    // A TCP source needs somewhere to connect to.
    keys: ["a1.source", "a1.host", "a1.port"],
    check: ({ a1 }) => {
      if (a1.source !== "tcp") return [];
      const missing = [
        a1.host === undefined ? "a1.host" : "",
        a1.port === undefined ? "a1.port" : "",
      ]
        .filter((k) => k !== "");
      return missing.length === 0
        ? []
        : [{ path: "a1.source", reason: `"tcp" requires ${missing.join(" and ")}` }];
    },
  },
  {
    // A file source needs a file.
    keys: ["a1.source", "a1.file"],
    check: ({ a1 }) =>
      a1.source === "file" && a1.file === undefined
        ? [{ path: "a1.source", reason: `"file" requires a1.file` }]
        : [],
  },
  {
    // The meter and the Modbus line cannot share one serial port.
    keys: ["a1.source", "a1.device", "modbus.rtu.enabled", "modbus.rtu.device"],
    check: ({ a1, modbus }) =>
      a1.source === "serial" && modbus.rtu.enabled && a1.device === modbus.rtu.device
        ? [{
          path: "modbus.rtu.device",
          reason: `${
            q(a1.device)
          } is also a1.device: the meter and the Modbus line need a port each`,
        }]
        : [],
  },
  {
    // With neither transport the service would serve nothing.
    keys: ["modbus.rtu.enabled", "modbus.tcp.enabled"],
    check: ({ modbus }) =>
      !modbus.rtu.enabled && !modbus.tcp.enabled
        ? [{
          path: "modbus.rtu.enabled",
          reason: "modbus.rtu and modbus.tcp are both disabled: nothing would serve the registers",
        }]
        : [],
  },
  {
    // Two listeners on one port: the second would fail to start.
    keys: [
      "modbus.tcp.enabled",
      "modbus.tcp.listen",
      "control.http",
      "passthrough.listen",
      "homewizard.listen",
    ],
    check: (config) => {
      const listeners: { path: ConfigPath; text: string }[] = [];
      if (config.modbus.tcp.enabled) {
        listeners.push({ path: "modbus.tcp.listen", text: config.modbus.tcp.listen });
      }
      if (config.control.http !== "") {
        listeners.push({ path: "control.http", text: config.control.http });
      }
      if (config.passthrough.listen !== "") {
        listeners.push({ path: "passthrough.listen", text: config.passthrough.listen });
      }
      if (config.homewizard.listen !== "") {
        listeners.push({ path: "homewizard.listen", text: config.homewizard.listen });
      }
      const problems: CrossProblem[] = [];
      listeners.forEach((later, i) => {
        const b = parseHostPort(later.text);
        const clash = listeners.slice(0, i).find((earlier) => {
          const a = parseHostPort(earlier.text);
          return a.ok && b.ok && a.port === b.port &&
            (a.hostname === b.hostname || WILDCARDS.has(a.hostname) || WILDCARDS.has(b.hostname));
        });
        if (clash !== undefined) {
          problems.push({
            path: later.path,
            reason: `${q(later.text)} uses the same port as ${clash.path} (${q(clash.text)})`,
          });
        }
      });
      return problems;
    },
  },
  {
    // The trace and the log would write over each other.
    keys: ["trace.file", "log.file"],
    check: ({ trace, log }) =>
      trace.file !== "" && trace.file === log.file
        ? [{ path: "trace.file", reason: `${q(trace.file)} is also log.file` }]
        : [],
  },
  {
    // Replayed or simulated telegrams slower than the stale limit: every value would go stale.
    keys: ["a1.source", "a1.interval_ms", "a1.simulator_interval_ms", "a1.stale_after_s"],
    check: ({ a1 }) => {
      const path: ConfigPath | undefined = a1.source === "file"
        ? "a1.interval_ms"
        : a1.source === "simulator"
        ? "a1.simulator_interval_ms"
        : undefined;
      const interval = a1.source === "file" ? a1.interval_ms : a1.simulator_interval_ms;
      return path !== undefined && interval >= a1.stale_after_s * 1000
        ? [{
          path,
          reason: `${interval} ms is not shorter than a1.stale_after_s (${a1.stale_after_s} s): ` +
            "every value would go stale between two telegrams",
        }]
        : [];
    },
  },
  {
    // sysfs LEDs: three different LEDs.
    keys: ["leds.driver", "leds.pwr", "leds.a1", "leds.rs485"],
    check: ({ leds }) => {
      if (leds.driver !== "sysfs") return [];
      const named: { path: ConfigPath; name: string }[] = [
        { path: "leds.pwr", name: leds.pwr },
        { path: "leds.a1", name: leds.a1 },
        { path: "leds.rs485", name: leds.rs485 },
      ];
      return named.flatMap((led, i) => {
        const same = named.slice(0, i).find((other) => other.name === led.name);
        return same === undefined
          ? []
          : [{ path: led.path, reason: `${q(led.name)} is also ${same.path}` }];
      });
    },
  },
  {
    // One password, from one place.
    keys: ["mqtt.password", "mqtt.password_file"],
    check: ({ mqtt }) =>
      mqtt.password !== "" && mqtt.password_file !== ""
        ? [{
          path: "mqtt.password_file",
          reason: `${q(mqtt.password_file)} is given as well as mqtt.password: keep one of them`,
        }]
        : [],
  },
  {
    // MQTT 3.1.1 sends a password only together with a user name.
    keys: ["mqtt.username", "mqtt.password", "mqtt.password_file"],
    check: ({ mqtt }) => {
      if (mqtt.username !== "") return [];
      const path: ConfigPath | null = mqtt.password !== ""
        ? "mqtt.password"
        : mqtt.password_file !== ""
        ? "mqtt.password_file"
        : null;
      return path === null ? [] : [{
        path,
        reason: "a password needs mqtt.username (MQTT sends it only with a user name)",
      }];
    },
  },
  {
    // A CA file only makes sense for TLS.
    keys: ["mqtt.url", "mqtt.ca_file"],
    check: ({ mqtt }) =>
      mqtt.ca_file !== "" && !/^mqtts:/i.test(mqtt.url)
        ? [{
          path: "mqtt.ca_file",
          reason: `${q(mqtt.ca_file)} is only used with an mqtts:// url (mqtt.url is ${
            q(mqtt.url)
          })`,
        }]
        : [],
  },
];
