import assert from "node:assert/strict";
import { parseMqttUrl, topicPrefixProblem } from "../../config/mqtt_url.ts";

/** Broker URLs a1mb accepts, and what they mean. */
const GOOD_URLS: readonly [string, { tls: boolean; hostname: string; port: number }][] = [
  // The default ports: 1883 plain, 8883 TLS.
  ["mqtt://192.168.1.10", { tls: false, hostname: "192.168.1.10", port: 1883 }],
  ["mqtts://broker.example.com", { tls: true, hostname: "broker.example.com", port: 8883 }],
  // An explicit port, a trailing slash, an upper-case scheme.
  ["mqtt://localhost:1884/", { tls: false, hostname: "localhost", port: 1884 }],
  ["MQTTS://broker:8884", { tls: true, hostname: "broker", port: 8884 }],
  // IPv6 in brackets, with and without a port.
  ["mqtt://[::1]:1883", { tls: false, hostname: "::1", port: 1883 }],
  ["mqtts://[fe80::1%eth0]", { tls: true, hostname: "fe80::1%eth0", port: 8883 }],
];

/** Broker URLs a1mb refuses, with the reason it gives. */
const BAD_URLS: readonly [string, string][] = [
  // Another scheme.
  [
    "tcp://broker:1883",
    'is not an mqtt:// or mqtts:// URL (e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
  ],
  // No scheme at all.
  [
    "broker:1883",
    'is not an mqtt:// or mqtts:// URL (e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
  ],
  // A password in the URL: it has keys of its own, which are never shown back.
  [
    "mqtt://user:pw@broker",
    "holds a password: give the user name as mqtt.username and the password as mqtt.password " +
    "or mqtt.password_file, and the URL without them",
  ],
  // A password holding an "@" is still a password.
  [
    "mqtts://user:p@ss@broker:8883",
    "holds a password: give the user name as mqtt.username and the password as mqtt.password " +
    "or mqtt.password_file, and the URL without them",
  ],
  // A user name alone.
  ["mqtt://user@broker", "holds a user name: give it as mqtt.username, and the URL without it"],
  // A path (websocket brokers use one; a1mb speaks plain MQTT).
  [
    "mqtt://broker/mqtt",
    'has a path or query; only a host and a port (e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
  ],
  // No host.
  [
    "mqtt://:1883",
    'has no host (e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
  ],
  // Port out of range, or not a number.
  ["mqtt://broker:0", "has port 0, out of range 1…65535"],
  ["mqtt://broker:http", 'has "http" where a port number belongs'],
  // A bad IPv4 address, an IPv6 address without brackets.
  ["mqtt://300.1.1.1", 'has an invalid host "300.1.1.1"'],
  [
    "mqtt://::1",
    'has an IPv6 address without brackets (e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
  ],
];

Deno.test("broker URLs give TLS, host and port, with the scheme's default port", () => {
  for (const [text, expected] of GOOD_URLS) {
    assert.deepEqual(parseMqttUrl(text), { ok: true, ...expected }, text);
  }
});

Deno.test("broker URLs that cannot be connected to are refused with a reason", () => {
  for (const [text, reason] of BAD_URLS) {
    assert.deepEqual(parseMqttUrl(text), { ok: false, reason }, text);
  }
});

Deno.test("topic prefixes refuse wildcards, outer slashes, empty levels and $ topics", () => {
  assert.equal(topicPrefixProblem("a1mb/site-7"), null);
  assert.equal(topicPrefixProblem("homeassistant"), null);
  assert.equal(topicPrefixProblem("a1mb/+"), 'has a wildcard ("+" or "#")');
  assert.equal(topicPrefixProblem("a1mb/"), 'starts or ends with "/"');
  assert.equal(topicPrefixProblem("a//b"), "has an empty level (//)");
  assert.equal(
    topicPrefixProblem("$SYS/x"),
    'starts with "$" (topics the broker keeps for itself)',
  );
  assert.equal(topicPrefixProblem("x".repeat(201)), "is longer than 200 characters");
});
