import assert from "node:assert/strict";
import { imageUpdateOf } from "../../protocol/modbus/_image_updates.ts";
import {
  createSharedImageMemory,
  SharedImageReader,
  SharedImageWriter,
} from "../../../actors/modbus/shared_image.ts";
import {
  createImageShape,
  type ImageShape,
  type ImageUpdate,
  type MeasuredBlock,
  REGISTER_SPACE_SIZE,
} from "../../../protocol/modbus/mod.ts";
import { testImage } from "./_fixtures.ts";

/** Served: input 0–1 and 65535, holding 0x14; input 0 measured; FC03 reads input (Carlo Gavazzi). */
function shapeOf(options: { writable0x14?: boolean; measured0?: boolean } = {}): ImageShape {
  const servedInput = new Uint8Array(REGISTER_SPACE_SIZE);
  servedInput.fill(1, 0, 2);
  servedInput[65535] = 1;
  const servedHolding = new Uint8Array(REGISTER_SPACE_SIZE);
  servedHolding[0x14] = 1;
  const measuredInput = new Uint8Array(REGISTER_SPACE_SIZE);
  measuredInput[0] = options.measured0 === false ? 0 : 1;
  const holdingWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  holdingWritable[0x14] = options.writable0x14 === true ? 1 : 0;
  const echoWritable = new Uint8Array(REGISTER_SPACE_SIZE);
  echoWritable[0x14] = 1;
  return createImageShape({
    served: { input: servedInput, holding: servedHolding },
    holdingWritable,
    echoWritable,
    readSpaces: { fc03: "input", fc04: "input" },
    measured: { input: measuredInput, holding: new Uint8Array(REGISTER_SPACE_SIZE) },
  });
}

/** Words in span order: input 0, input 1, input 65535, holding 0x14. */
function update(shape: ImageShape, value: number, blocked: MeasuredBlock = null): ImageUpdate {
  return { shape, words: Uint16Array.of(value, value + 1, value ^ 0xffff, value), blocked };
}

function pair() {
  const memory = createSharedImageMemory();
  return { writer: new SharedImageWriter(memory), reader: new SharedImageReader(memory) };
}

Deno.test("shared image: nothing to read before the first update", () => {
  assert.equal(pair().reader.image, null);
});

Deno.test("shared image: the reader sees every update exactly, masks, read spaces and blocked included", () => {
  const { writer, reader } = pair();
  const shape = shapeOf();
  for (const [value, blocked] of [[1, null], [2, "exception"], [3, "silent"], [4, null]] as const) {
    writer.publish(update(shape, value, blocked));
    const image = reader.image!;
    assert.deepEqual([image.input[0], image.input[1], image.input[2]], [value, value + 1, 0]);
    assert.equal(image.input[65535], value ^ 0xffff);
    assert.equal(image.holding[0x14], value);
    assert.equal(image.measured.input[0], 1);
    assert.equal(image.echoWritable[0x14], 1);
    assert.deepEqual(image.readSpaces, { fc03: "input", fc04: "input" });
    assert.equal(image.blocked, blocked);
    assert.equal(reader.intact(), true);
  }
  const full = testImage();
  writer.publish(imageUpdateOf(full));
  const seen = reader.image!;
  assert.deepEqual(
    [seen.input, seen.holding, seen.holdingWritable, seen.measured.input, seen.measured.holding],
    [full.input, full.holding, full.holdingWritable, full.measured.input, full.measured.holding],
  );
  assert.deepEqual(seen.readSpaces, full.readSpaces);
});

Deno.test("shared image: a slot two updates old is wholly refreshed by the next update", () => {
  const { writer, reader } = pair();
  const shape = shapeOf();
  writer.publish(update(shape, 10));
  writer.publish(update(shape, 20));
  writer.publish(update(shape, 30)); // into the slot that held 10
  const image = reader.image!;
  assert.deepEqual(
    [image.input[0], image.input[1], image.input[65535], image.holding[0x14]],
    [30, 31, 30 ^ 0xffff, 30],
  );
});

Deno.test("shared image: a new shape is written into both slots, and the old shape's words read 0", () => {
  const { writer, reader } = pair();
  writer.publish(imageUpdateOf(testImage())); // every word served
  writer.publish(imageUpdateOf(testImage()));
  const other = shapeOf({ writable0x14: true, measured0: false });
  writer.publish(update(other, 3));
  const after = (image = reader.image!) => [
    image.measured.input[0],
    image.holdingWritable[0x14],
    image.input[2],
    image.holding[0x13],
  ];
  assert.deepEqual(after(), [0, 1, 0, 0]);
  writer.publish(update(other, 4));
  assert.deepEqual(after(), [0, 1, 0, 0]);
  assert.equal(reader.image!.input[0], 4);
});

Deno.test("shared image: a newer update leaves the slot being read intact; the next one after it does not", () => {
  const { writer, reader } = pair();
  const shape = shapeOf();
  writer.publish(update(shape, 1));
  const reading = reader.image!;
  writer.publish(update(shape, 2)); // the other slot
  assert.equal(reader.intact(), true);
  assert.equal(reading.input[0], 1);
  writer.publish(update(shape, 3)); // back into the slot being read
  assert.equal(reader.intact(), false, "the reader must answer again");
  assert.equal(reader.image!.input[0], 3);
  assert.equal(reader.intact(), true);
});
