import assert from "node:assert/strict";
import {
  createEchoFilter,
  echoFilterDeadline,
  echoFilterExpect,
  echoFilterFlush,
  echoFilterPush,
} from "../../../protocol/modbus/echo_filter.ts";
import { concat, hex } from "./_helpers.ts";

// The reply this server just wrote (the SDM630 doc's reply frame).
const REPLY = hex("01 04 04 43 66 33 34 1B 38");
// The master's next request.
const NEXT_REQUEST = hex("01 04 00 00 00 02 71 CB");
const WINDOW_US = 50_000;

function expecting(): ReturnType<typeof createEchoFilter> {
  const state = createEchoFilter();
  echoFilterExpect(state, REPLY, 1_000, WINDOW_US);
  return state;
}

Deno.test("echo filter passes everything on while no echo is expected", () => {
  const state = createEchoFilter();
  assert.deepEqual(echoFilterPush(state, NEXT_REQUEST, 0), { pass: NEXT_REQUEST, outcome: "none" });
  assert.equal(echoFilterDeadline(state), null);
});

Deno.test("echo filter discards the echo when it arrives in one piece", () => {
  const state = expecting();
  assert.deepEqual(echoFilterPush(state, REPLY, 2_000), {
    pass: new Uint8Array(0),
    outcome: "completed",
  });
  assert.deepEqual(echoFilterPush(state, NEXT_REQUEST, 3_000).pass, NEXT_REQUEST);
});

Deno.test("echo filter discards the echo when it arrives in pieces", () => {
  const state = expecting();
  const pieces = [
    REPLY.subarray(0, 1),
    REPLY.subarray(1, 4),
    REPLY.subarray(4, 8),
    REPLY.subarray(8),
  ];
  const outcomes = pieces.map((piece, i) => echoFilterPush(state, piece, 2_000 + i));
  assert.deepEqual(outcomes.map((o) => o.outcome), ["pending", "pending", "pending", "completed"]);
  assert.deepEqual(outcomes.map((o) => o.pass.length), [0, 0, 0, 0]);
  assert.equal(echoFilterDeadline(state), null);
});

Deno.test("echo filter passes on the bytes that follow the echo in the same chunk", () => {
  const state = expecting();
  const result = echoFilterPush(state, concat(REPLY, NEXT_REQUEST), 2_000);
  assert.equal(result.outcome, "completed");
  assert.deepEqual(result.pass, NEXT_REQUEST);
});

Deno.test("echo filter abandons the expectation on a mismatch and passes every byte on", () => {
  // The adapter does not echo: the master's request starts like the reply (01 04) and then
  // differs. The two bytes held back so far are given back, in order.
  const state = expecting();
  assert.equal(echoFilterPush(state, NEXT_REQUEST.subarray(0, 2), 2_000).outcome, "pending");
  const result = echoFilterPush(state, NEXT_REQUEST.subarray(2), 2_100);
  assert.equal(result.outcome, "abandoned");
  assert.deepEqual(result.pass, NEXT_REQUEST);
  assert.deepEqual(echoFilterPush(state, REPLY, 2_200).pass, REPLY);
});

Deno.test("echo filter abandons the expectation on a mismatch inside one chunk", () => {
  const state = expecting();
  const result = echoFilterPush(state, NEXT_REQUEST, 2_000);
  assert.equal(result.outcome, "abandoned");
  assert.deepEqual(result.pass, NEXT_REQUEST);
});

Deno.test("echo filter abandons an expectation whose deadline has passed", () => {
  const state = expecting();
  assert.equal(echoFilterDeadline(state), 1_000 + WINDOW_US);
  assert.equal(echoFilterPush(state, REPLY.subarray(0, 3), 2_000).outcome, "pending");
  const result = echoFilterPush(state, REPLY.subarray(3), 1_000 + WINDOW_US + 1);
  assert.equal(result.outcome, "expired");
  assert.deepEqual(result.pass, REPLY);
});

Deno.test("echo filter flush gives back the bytes held for an unfinished echo", () => {
  const state = expecting();
  echoFilterPush(state, REPLY.subarray(0, 3), 2_000);
  assert.deepEqual(echoFilterFlush(state), REPLY.subarray(0, 3));
  assert.deepEqual(echoFilterFlush(state), new Uint8Array(0));
});

Deno.test("echo filter refuses a reply longer than its capacity", () => {
  assert.throws(() => echoFilterExpect(createEchoFilter(), new Uint8Array(261), 0, 1), RangeError);
});
