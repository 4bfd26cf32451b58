import assert from "node:assert/strict";
import {
  brokerConnected,
  brokerConnecting,
  brokerDisconnected,
  initialBrokerLink,
} from "../../../actors/mqtt/broker_link.ts";

const BACKOFF = { minMs: 1000, maxMs: 30_000 };
const STABLE = 30_000;
const LABEL = "mqtt://127.0.0.1:1883 as a1mb-1";
const REFUSED =
  "the broker refused the connection: not authorized (check mqtt.username and the password)";

Deno.test("broker link retries a refusing broker at 1, 2, 4 … 30 s and logs the reason once", () => {
  let link = initialBrokerLink(0);
  const delays: number[] = [];
  const logs: string[] = [];
  let now = 0;
  for (let i = 0; i < 8; i++) {
    link = brokerConnecting(link, now);
    const step = brokerDisconnected(link, now, LABEL, REFUSED, BACKOFF, STABLE);
    link = step.link;
    delays.push(step.retryInMs!);
    if (step.log !== null) logs.push(step.log.level);
    now += step.retryInMs!;
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  assert.deepEqual(logs, ["error"], "one line for eight refusals");
  assert.equal(link.attempt, 8);
  assert.equal(link.lastError, REFUSED);
});

Deno.test("broker link logs a new reason, and every lost connection", () => {
  let link = brokerConnecting(initialBrokerLink(0), 0);
  let step = brokerDisconnected(
    link,
    0,
    LABEL,
    "connect ECONNREFUSED 127.0.0.1:1883",
    BACKOFF,
    STABLE,
  );
  assert.equal(step.log?.level, "error");
  link = brokerConnecting(step.link, 1000);
  step = brokerConnected(link, 1100, LABEL);
  assert.equal(step.log?.template, "MQTT: connected again to {broker}");
  link = step.link;
  step = brokerDisconnected(link, 2000, LABEL, "the broker closed the connection", BACKOFF, STABLE);
  assert.equal(step.log?.level, "warning");
  assert.deepEqual(step.log?.props, {
    broker: LABEL,
    reason: "the broker closed the connection",
    seconds: 2, // the second failure in a row: the connection did not last
  });
});

Deno.test("broker link starts the back-off over only after a connection that lasted", () => {
  // Two clients with one id throw each other off at once: the delay keeps growing.
  let link = initialBrokerLink(0);
  let now = 0;
  const delays: number[] = [];
  for (let i = 0; i < 4; i++) {
    link = brokerConnected(brokerConnecting(link, now), now, LABEL).link;
    const step = brokerDisconnected(
      link,
      now + 100,
      LABEL,
      "the broker closed the connection",
      BACKOFF,
      STABLE,
    );
    delays.push(step.retryInMs!);
    link = step.link;
    now += 100 + step.retryInMs!;
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000]);
  // A connection that held for 30 s: back to 1 s.
  link = brokerConnected(brokerConnecting(link, now), now, LABEL).link;
  const step = brokerDisconnected(link, now + STABLE, LABEL, "Keepalive timeout", BACKOFF, STABLE);
  assert.equal(step.retryInMs, 1000);
  assert.equal(step.link.connects, 5);
});
