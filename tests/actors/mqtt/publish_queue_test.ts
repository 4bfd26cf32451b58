import assert from "node:assert/strict";
import {
  EMPTY_QUEUE,
  offer,
  type Outgoing,
  resume,
  SEND_WINDOW,
  settle,
  suspend,
} from "../../../actors/mqtt/publish_queue.ts";

const state = (n: number): Outgoing => ({
  topic: "a1mb/x/state",
  payload: `{"n":${n}}`,
  retain: false,
});
const config = (key: string): Outgoing => ({
  topic: `homeassistant/sensor/a1mb_x/${key}/config`,
  payload: "{}",
  retain: true,
});

Deno.test("publish queue sends at once when connected and idle", () => {
  const step = offer(EMPTY_QUEUE, "state", [state(1)], 0, true);
  assert.deepEqual(step.send, [state(1)]);
  assert.equal(step.queue.state.outstanding, 1);
  assert.equal(step.dropped, 0);
});

Deno.test("publish queue keeps only the newest state behind one in flight", () => {
  let q = offer(EMPTY_QUEUE, "state", [state(1)], 0, true).queue;
  const second = offer(q, "state", [state(2)], 1000, true);
  assert.deepEqual(second.send, []);
  assert.equal(second.dropped, 0);
  const third = offer(second.queue, "state", [state(3)], 2000, true);
  assert.equal(third.dropped, 1, "state 2 never left: replaced by state 3");
  q = third.queue;
  // State 1 acknowledged: state 3 goes, state 2 never does.
  const settled = settle(q, "state", true);
  assert.deepEqual(settled.send, [state(3)]);
  assert.deepEqual(settled.queue.state, { outstanding: 1, rest: [], waiting: null });
  assert.deepEqual(settle(settled.queue, "state", true).queue.state, {
    outstanding: 0,
    rest: [],
    waiting: null,
  });
});

Deno.test("publish queue channels are independent: a slow discovery batch never holds a state", () => {
  let q = offer(EMPTY_QUEUE, "discovery", [config("a"), config("b")], 0, true).queue;
  assert.equal(q.discovery.outstanding, 2);
  const s = offer(q, "state", [state(1)], 0, true);
  assert.deepEqual(s.send, [state(1)]);
  // A batch is done only when each of its messages settled.
  q = settle(s.queue, "discovery", true).queue;
  assert.equal(q.discovery.outstanding, 1);
});

Deno.test("publish queue sends a long batch a window at a time (brokers drop QoS 2 messages past their quota)", () => {
  const batch = Array.from({ length: SEND_WINDOW + 3 }, (_, i) => config(`k${i}`));
  let step = offer(EMPTY_QUEUE, "discovery", batch, 0, true);
  assert.deepEqual(step.send, batch.slice(0, SEND_WINDOW));
  const sent = [...step.send];
  // Each acknowledgement lets one more go, never more than the window in flight.
  for (let i = 0; i < 3; i++) {
    step = settle(step.queue, "discovery", true);
    assert.equal(step.send.length, 1);
    assert.equal(step.queue.discovery.outstanding, SEND_WINDOW);
    sent.push(...step.send);
  }
  assert.deepEqual(sent, batch);
  // A newer batch waits for the whole of this one.
  step = offer(step.queue, "discovery", [config("new")], 10, true);
  for (let i = 0; i < SEND_WINDOW - 1; i++) {
    step = settle(step.queue, "discovery", true);
    assert.deepEqual(step.send, []);
  }
  assert.deepEqual(settle(step.queue, "discovery", true).send, [config("new")]);
});

Deno.test("publish queue holds the newest state while disconnected and sends it on connect if fresh", () => {
  let q = offer(EMPTY_QUEUE, "state", [state(1)], 0, false).queue;
  const newer = offer(q, "state", [state(2)], 1000, false);
  assert.equal(newer.dropped, 1);
  q = offer(newer.queue, "diagnostics", [state(9)], 1000, false).queue;
  q = suspend(q);
  assert.equal(q.diagnostics.waiting, null, "diagnostics are made afresh at the next connect");
  const resumed = resume(q, 5000, 25_000);
  assert.deepEqual(resumed.send, [{ channel: "state", messages: [state(2)] }]);
  assert.equal(resumed.dropped, 0);
});

Deno.test("publish queue drops a waiting state older than the stale limit at reconnect", () => {
  const q = offer(EMPTY_QUEUE, "state", [state(1)], 0, false).queue;
  const resumed = resume(q, 25_001, 25_000);
  assert.deepEqual(resumed.send, []);
  assert.equal(resumed.dropped, 1);
  assert.deepEqual(resumed.queue, EMPTY_QUEUE);
});

Deno.test("publish queue forgets what was in flight when the connection closes", () => {
  const q = suspend(offer(EMPTY_QUEUE, "state", [state(1)], 0, true).queue);
  assert.equal(q.state.outstanding, 0);
  assert.deepEqual(offer(q, "state", [state(2)], 10, true).send, [state(2)]);
});
