/**
 * MQTT broker URLs and topic prefixes as config.toml writes them (`[mqtt] url`, `topic_prefix`,
 * `discovery_prefix`).
 *
 * @module
 */

import { isHostName, isIPv4, isIPv6 } from "./host_port.ts";

/** A parsed broker URL; `hostname` has no brackets, ready to connect to. */
export interface MqttUrl {
  /** `mqtts://`: TLS. */
  readonly tls: boolean;
  readonly hostname: string;
  /** The URL's port, else 1883 (`mqtt://`) or 8883 (`mqtts://`). */
  readonly port: number;
}

/** The result of {@linkcode parseMqttUrl}: the broker, or why the text is not a broker URL. */
export type MqttUrlResult =
  | ({ readonly ok: true } & MqttUrl)
  /** `reason` follows the quoted text in a message: `"http://x" is not …`. */
  | { readonly ok: false; readonly reason: string };

const EXAMPLES = `e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com"`;

/**
 * Parses `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]` (HOST a host name, an IPv4 address or an
 * IPv6 address in brackets). User name and password have keys of their own (`mqtt.username`,
 * `mqtt.password`, `mqtt.password_file`) and are refused in the URL, so a password is never
 * part of a value that messages, logs and `a1mb config show` quote.
 *
 * @example
 * ```ts
 * import { parseMqttUrl } from "./mqtt_url.ts";
 * parseMqttUrl("mqtts://[::1]"); // { ok: true, tls: true, hostname: "::1", port: 8883 }
 * ```
 */
export function parseMqttUrl(text: string): MqttUrlResult {
  const scheme = /^(mqtts?):\/\//i.exec(text);
  if (scheme === null) {
    return { ok: false, reason: `is not an mqtt:// or mqtts:// URL (${EXAMPLES})` };
  }
  const tls = (scheme[1] ?? "").toLowerCase() === "mqtts";
  let rest = text.slice(scheme[0].length);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    // Refused rather than used: a password in the URL would be quoted wherever the URL is.
    return {
      ok: false,
      reason: rest.slice(0, at).includes(":")
        ? "holds a password: give the user name as mqtt.username and the password as " +
          "mqtt.password or mqtt.password_file, and the URL without them"
        : "holds a user name: give it as mqtt.username, and the URL without it",
    };
  }
  if (/[/?#]/.test(rest)) {
    return { ok: false, reason: `has a path or query; only a host and a port (${EXAMPLES})` };
  }
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return { ok: false, reason: `has an unclosed "[" (${EXAMPLES})` };
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) {
      return { ok: false, reason: `has text after the IPv6 address: "${after}"` };
    }
    portText = after === "" ? undefined : after.slice(1);
    if (!isIPv6(host)) return { ok: false, reason: `has an invalid IPv6 address "${host}"` };
  } else {
    const colon = rest.lastIndexOf(":");
    host = colon < 0 ? rest : rest.slice(0, colon);
    portText = colon < 0 ? undefined : rest.slice(colon + 1);
    if (host.includes(":")) {
      return { ok: false, reason: `has an IPv6 address without brackets (${EXAMPLES})` };
    }
    if (host === "") return { ok: false, reason: `has no host (${EXAMPLES})` };
    if (!isIPv4(host) && !isHostName(host)) {
      return { ok: false, reason: `has an invalid host "${host}"` };
    }
  }
  let port = tls ? 8883 : 1883;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText)) {
      return { ok: false, reason: `has "${portText}" where a port number belongs` };
    }
    port = Number(portText);
    if (port < 1 || port > 65535) {
      return { ok: false, reason: `has port ${port}, out of range 1…65535` };
    }
  }
  return { ok: true, tls, hostname: host, port };
}

/**
 * Why `text` cannot be a topic prefix (a topic name that a1mb extends with `/…`), or null when it
 * can: no wildcards (`+`, `#`), no leading or trailing `/`, no empty level, not `$…` (the
 * broker's own topics), at most 200 characters.
 *
 * @example
 * ```ts
 * import { topicPrefixProblem } from "./mqtt_url.ts";
 * topicPrefixProblem("homeassistant"); // null
 * topicPrefixProblem("a1mb/#"); // 'has a wildcard ("+" or "#")'
 * ```
 */
export function topicPrefixProblem(text: string): string | null {
  if (text.length > 200) return "is longer than 200 characters";
  if (/[+#]/.test(text)) return 'has a wildcard ("+" or "#")';
  if (text.startsWith("$")) return 'starts with "$" (topics the broker keeps for itself)';
  if (text.startsWith("/") || text.endsWith("/")) return 'starts or ends with "/"';
  if (text.includes("//")) return "has an empty level (//)";
  return null;
}
