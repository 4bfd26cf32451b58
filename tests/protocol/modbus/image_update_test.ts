import assert from "node:assert/strict";
import { imageFromUpdate, imageUpdateOf } from "./_image_updates.ts";
import {
  clearImageWords,
  createImageShape,
  createRegisterImage,
  gatherImageWords,
  REGISTER_SPACE_SIZE,
  RegisterImageReplica,
  scatterImageWords,
} from "../../../protocol/modbus/mod.ts";

function flags(...ranges: [number, number][]): Uint8Array {
  const f = new Uint8Array(REGISTER_SPACE_SIZE);
  for (const [start, end] of ranges) f.fill(1, start, end);
  return f;
}

const SHAPE = createImageShape({
  served: { input: flags([0, 2], [0x34, 0x36], [65534, 65536]), holding: flags([0x14, 0x16]) },
});

Deno.test("image shape: served words become ascending spans, input first, and a word count", () => {
  assert.deepEqual([...SHAPE.inputSpans], [0, 2, 0x34, 0x36, 65534, 65536]);
  assert.deepEqual([...SHAPE.holdingSpans], [0x14, 0x16]);
  assert.equal(SHAPE.wordCount, 8);
  assert.deepEqual(SHAPE.readSpaces, { fc03: "holding", fc04: "input" });
});

Deno.test("image shape refuses a flag array that is not 65536 long, naming it", () => {
  assert.throws(
    () => createImageShape({ served: { input: new Uint8Array(10), holding: flags() } }),
    new RangeError("Cannot build image shape: served.input must have 65536 entries (got 10)"),
  );
});

Deno.test("image update: gathering then scattering the served words gives them back, and nothing else", () => {
  const input = new Uint16Array(REGISTER_SPACE_SIZE).map((_, a) => a & 0xffff);
  const holding = new Uint16Array(REGISTER_SPACE_SIZE).fill(7);
  const words = gatherImageWords(SHAPE, input, holding);
  assert.deepEqual([...words], [0, 1, 0x34, 0x35, 65534, 65535, 7, 7]);
  const i2 = new Uint16Array(REGISTER_SPACE_SIZE), h2 = new Uint16Array(REGISTER_SPACE_SIZE);
  scatterImageWords({ shape: SHAPE, words }, i2, h2);
  assert.deepEqual([i2[1], i2[0x35], i2[65535], i2[2], h2[0x15], h2[0x16]], [
    1,
    0x35,
    65535,
    0,
    7,
    0,
  ]);
});

Deno.test("image update with the wrong number of words is refused, not half applied", () => {
  const input = new Uint16Array(REGISTER_SPACE_SIZE);
  assert.throws(
    () => scatterImageWords({ shape: SHAPE, words: new Uint16Array(7).fill(9) }, input, input),
    new RangeError("Cannot apply image update: 7 words for a shape of 8"),
  );
  assert.equal(input.indexOf(9), -1);
});

Deno.test("clearing a shape's words zeroes exactly its spans", () => {
  const input = new Uint16Array(REGISTER_SPACE_SIZE).fill(5);
  const holding = new Uint16Array(REGISTER_SPACE_SIZE).fill(5);
  clearImageWords(SHAPE, input, holding);
  assert.deepEqual([input[0], input[2], input[0x35], input[65535], holding[0x14], holding[0x13]], [
    0,
    5,
    0,
    0,
    0,
    5,
  ]);
});

Deno.test("replica: updates of one shape are applied in place, to the same image object", () => {
  const replica = new RegisterImageReplica();
  assert.equal(replica.image, null);
  const first = replica.apply({
    shape: SHAPE,
    words: Uint16Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    blocked: null,
  });
  const second = replica.apply({
    shape: SHAPE,
    words: Uint16Array.of(9, 9, 9, 9, 9, 9, 9, 9),
    blocked: "exception",
  });
  assert.equal(first, second);
  assert.equal(
    replica.update?.blocked,
    "exception",
    "the last update is kept (the RTU worker starts from it)",
  );
  assert.deepEqual([second.input[0], second.holding[0x15], second.blocked], [9, 9, "exception"]);
});

Deno.test("replica: a new shape starts from an all-zero image with the new masks", () => {
  const replica = new RegisterImageReplica();
  const everything = createRegisterImage();
  everything.input.fill(3);
  everything.holdingWritable[0x14] = 1;
  const whole = replica.apply(imageUpdateOf(everything));
  assert.equal(whole.input[100], 3);
  const next = replica.apply({ shape: SHAPE, words: new Uint16Array(8).fill(1), blocked: null });
  assert.notEqual(next, whole);
  assert.deepEqual([next.input[0], next.input[100], next.holdingWritable[0x14]], [1, 0, 0]);
});

Deno.test("an image carried whole by an update comes back equal", () => {
  const image = createRegisterImage({
    blocked: "silent",
    readSpaces: { fc03: "input", fc04: null },
  });
  image.input[0x1234] = 0xbeef;
  image.holding[0xfffe] = 0x0102;
  image.measured.holding[0xfffe] = 1;
  image.echoWritable[7] = 1;
  const back = imageFromUpdate(imageUpdateOf(image));
  assert.deepEqual(back, image);
  assert.notEqual(back.input, image.input, "a copy, not the same arrays");
});
