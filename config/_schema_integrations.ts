/**
 * The keys of `[homewizard]` and `[mqtt]`: the home's dashboards.
 *
 * @module
 */

import { key } from "./schema_types.ts";

/** The keys of `[homewizard]` and `[mqtt]`: the home's dashboards. */
export const INTEGRATION_KEYS = [
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
