/**
 * Host names, IP addresses and `HOST:PORT` strings as config.toml writes them.
 *
 * @module
 */

/** A parsed `HOST:PORT`; `hostname` has no brackets, ready for `Deno.listen`/`Deno.connect`. */
export interface HostPort {
  readonly hostname: string;
  readonly port: number;
}

/** The result of {@linkcode parseHostPort}: the address, or why the text is not one. */
export type HostPortResult =
  | ({ readonly ok: true } & HostPort)
  /** `reason` follows the quoted text in a message: `"x:0" has port 0, out of range 1…65535`. */
  | { readonly ok: false; readonly reason: string };

const EXAMPLES = `e.g. "127.0.0.1:1502" or "[::1]:1502"`;

/**
 * Parses `HOST:PORT`: HOST is a host name, an IPv4 address or an IPv6 address in brackets, PORT is
 * 1…65535.
 *
 * @example
 * ```ts
 * import { parseHostPort } from "./host_port.ts";
 *
 * parseHostPort("[::]:1502"); // { ok: true, hostname: "::", port: 1502 }
 * ```
 */
export function parseHostPort(text: string): HostPortResult {
  let host: string;
  let portText: string;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0 || text[close + 1] !== ":") {
      return { ok: false, reason: `is not HOST:PORT (${EXAMPLES})` };
    }
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIPv6(host)) return { ok: false, reason: `has an invalid IPv6 address "${host}"` };
  } else {
    const colon = text.lastIndexOf(":");
    if (colon < 0) return { ok: false, reason: `is not HOST:PORT (${EXAMPLES})` };
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(":")) {
      return {
        ok: false,
        reason: `is not HOST:PORT: an IPv6 address needs brackets (${EXAMPLES})`,
      };
    }
    if (!isIPv4(host) && !isHostName(host)) {
      return { ok: false, reason: `has an invalid host "${host}"` };
    }
  }
  if (!/^[0-9]{1,5}$/.test(portText)) {
    return { ok: false, reason: `is not HOST:PORT: "${portText}" is not a port number` };
  }
  const port = Number(portText);
  if (port < 1 || port > 65535) {
    return { ok: false, reason: `has port ${port}, out of range 1…65535` };
  }
  return { ok: true, hostname: host, port };
}

/** Whether `text` is a host name, an IPv4 address or an IPv6 address without brackets. */
export function isHost(text: string): boolean {
  return isIPv4(text) || isIPv6(text) || isHostName(text);
}

/** Whether `text` is a dotted-quad IPv4 address (no leading zeros). */
export function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 &&
    parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Whether `text` is an IPv6 address (RFC 4291 text forms, optional `%zone`). */
export function isIPv6(text: string): boolean {
  const zone = text.indexOf("%");
  const address = zone < 0 ? text : text.slice(0, zone);
  if (zone >= 0 && !/^[A-Za-z0-9_.-]+$/.test(text.slice(zone + 1))) return false;
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  const all = groups.flat();
  let count = all.length;
  const last = all[all.length - 1];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  if (last !== undefined && last.includes(".")) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Whether `text` is an RFC 1123 host name (and not something that looks like a bad IPv4). */
export function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253 || /^[0-9.]+$/.test(text)) return false;
  return text.split(".").every((label) =>
    /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)
  );
}
