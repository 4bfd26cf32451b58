import assert from "node:assert/strict";
import { parseHostPort } from "../../config/mod.ts";
import { isHost } from "../../config/host_port.ts";

/** HOST:PORT strings and what they parse to (hostname without brackets). */
const GOOD: Record<string, { hostname: string; port: number }> = {
  // Loopback, the default.
  "127.0.0.1:1502": { hostname: "127.0.0.1", port: 1502 },
  // Every IPv4 interface, the standard Modbus port.
  "0.0.0.0:502": { hostname: "0.0.0.0", port: 502 },
  // Every IPv6 interface.
  "[::]:502": { hostname: "::", port: 502 },
  // IPv6 loopback and a full address.
  "[::1]:65535": { hostname: "::1", port: 65535 },
  "[2001:db8:0:0:0:0:0:1]:1": { hostname: "2001:db8:0:0:0:0:0:1", port: 1 },
  // An IPv4-mapped IPv6 address.
  "[::ffff:192.168.1.5]:80": { hostname: "::ffff:192.168.1.5", port: 80 },
  // A link-local address with a zone.
  "[fe80::1%eth0]:1502": { hostname: "fe80::1%eth0", port: 1502 },
  // Host names.
  "localhost:8080": { hostname: "localhost", port: 8080 },
  "p1-gw.home.arpa:23": { hostname: "p1-gw.home.arpa", port: 23 },
};

/** Strings that are not HOST:PORT, with the reason that follows the quoted text in a message. */
const BAD: Record<string, string> = {
  // No port.
  "1502": 'is not HOST:PORT (e.g. "127.0.0.1:1502" or "[::1]:1502")',
  // Port 0 and too big.
  "0.0.0.0:0": "has port 0, out of range 1…65535",
  "0.0.0.0:65536": "has port 65536, out of range 1…65535",
  // Not a number.
  "localhost:http": 'is not HOST:PORT: "http" is not a port number',
  "localhost:": 'is not HOST:PORT: "" is not a port number',
  // IPv6 without brackets.
  "::1:1502":
    'is not HOST:PORT: an IPv6 address needs brackets (e.g. "127.0.0.1:1502" or "[::1]:1502")',
  // Bracketed garbage, missing colon after the bracket.
  "[::g]:1": 'has an invalid IPv6 address "::g"',
  "[::1]1502": 'is not HOST:PORT (e.g. "127.0.0.1:1502" or "[::1]:1502")',
  // IPv4 out of range, leading zero, too few parts.
  "256.0.0.1:1": 'has an invalid host "256.0.0.1"',
  "01.2.3.4:1": 'has an invalid host "01.2.3.4"',
  "1.2.3:1": 'has an invalid host "1.2.3"',
  // Empty host, spaces, underscores.
  ":1502": 'has an invalid host ""',
  "my host:1": 'has an invalid host "my host"',
  "my_host:1": 'has an invalid host "my_host"',
};

Deno.test("HOST:PORT parser accepts IPv4, bracketed IPv6 and host names", () => {
  for (const [text, expected] of Object.entries(GOOD)) {
    assert.deepEqual(parseHostPort(text), { ok: true, ...expected }, text);
  }
});

Deno.test("HOST:PORT parser says why a string is not HOST:PORT", () => {
  for (const [text, reason] of Object.entries(BAD)) {
    assert.deepEqual(parseHostPort(text), { ok: false, reason }, text);
  }
});

Deno.test("host check accepts bare IPv6 but not a host with a port", () => {
  assert.ok(isHost("fe80::1"));
  assert.ok(isHost("1:2:3:4:5:6:7:8"));
  assert.ok(!isHost("1:2:3:4:5:6:7:8:9"));
  assert.ok(!isHost("1::2::3"));
  assert.ok(!isHost("192.168.1.5:2000"));
  assert.ok(!isHost("-bad.example"));
});
