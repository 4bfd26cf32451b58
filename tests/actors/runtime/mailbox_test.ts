import assert from "node:assert/strict";
import { Mailbox } from "../../../actors/runtime/mailbox.ts";
import type { Envelope } from "../../../actors/runtime/message.ts";

function env(id: number, type = "noted"): Envelope {
  return { id, cause: null, from: "test", to: "box", msg: { type } };
}

Deno.test("mailbox hands out user messages in arrival order", () => {
  const box = new Mailbox(8);
  for (let i = 1; i <= 5; i++) box.push(env(i));
  const ids: number[] = [];
  for (let e = box.shift(); e !== undefined; e = box.shift()) ids.push(e.id);
  assert.deepEqual(ids, [1, 2, 3, 4, 5]);
});

Deno.test("mailbox serves runtime messages before user messages", () => {
  const box = new Mailbox(8);
  box.push(env(1));
  box.push(env(2, "@sys.stop"));
  assert.equal(box.shift()?.id, 2);
  assert.equal(box.shift()?.id, 1);
});

Deno.test("mailbox is bounded: a full box drops and counts the newest user message", () => {
  const box = new Mailbox(3);
  assert.equal(box.push(env(1)), true);
  assert.equal(box.push(env(2)), true);
  assert.equal(box.push(env(3)), true);
  assert.equal(box.push(env(4)), false);
  assert.equal(box.length, 3);
  assert.equal(box.dropped, 1);
  assert.equal(box.shift()?.id, 1);
  assert.equal(box.push(env(5)), true, "room again after one was taken");
  const rest: number[] = [];
  for (let e = box.shift(); e !== undefined; e = box.shift()) rest.push(e.id);
  assert.deepEqual(rest, [2, 3, 5]);
});

Deno.test("mailbox rejects a capacity that is not a positive integer", () => {
  assert.throws(() => new Mailbox(0), RangeError);
});
