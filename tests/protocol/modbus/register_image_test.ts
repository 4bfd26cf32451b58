import assert from "node:assert/strict";
import {
  createRegisterImage,
  REGISTER_SPACE_SIZE,
} from "../../../protocol/modbus/register_image.ts";
import { withBlocked } from "./_server_helpers.ts";

Deno.test("register image starts with every space zero, nothing writable or measured", () => {
  const image = createRegisterImage();
  assert.equal(image.input.length, REGISTER_SPACE_SIZE);
  assert.equal(image.holding.length, 65536);
  assert.equal(image.input.some((v) => v !== 0), false);
  assert.equal(image.holdingWritable.some((v) => v !== 0), false);
  assert.equal(image.measured.input.some((v) => v !== 0), false);
  assert.equal(image.blocked, null);
});

Deno.test("register image keeps the arrays it is given, so masks can be shared", () => {
  const measured = { input: new Uint8Array(65536), holding: new Uint8Array(65536) };
  const writable = new Uint8Array(65536);
  const a = createRegisterImage({ measured, holdingWritable: writable });
  const b = createRegisterImage({ measured, holdingWritable: writable });
  assert.equal(a.measured, b.measured);
  assert.equal(a.holdingWritable, b.holdingWritable);
});

Deno.test("register image refuses arrays that do not cover the whole space", () => {
  assert.throws(() => createRegisterImage({ input: new Uint16Array(100) }), RangeError);
  assert.throws(
    () =>
      createRegisterImage({
        measured: { input: new Uint8Array(65536), holding: new Uint8Array(1) },
      }),
    RangeError,
  );
});

Deno.test("register image with another block setting shares every array", () => {
  const image = createRegisterImage();
  const blocked = withBlocked(image, "silent");
  assert.equal(blocked.blocked, "silent");
  assert.equal(image.blocked, null);
  assert.equal(blocked.input, image.input);
  assert.equal(blocked.measured, image.measured);
});
