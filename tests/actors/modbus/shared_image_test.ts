import assert from "node:assert/strict";
import {
  createSharedImageMemory,
  SharedImageReader,
  SharedImageWriter,
} from "../../../actors/modbus/shared_image.ts";
import { createRegisterImage, type RegisterImage } from "../../../protocol/modbus/mod.ts";
import { testImage } from "./_fixtures.ts";

/** An image whose input register 0 holds `value`, measured, with `blocked`. */
function imageWith(value: number, blocked: RegisterImage["blocked"] = null): RegisterImage {
  const image = createRegisterImage({ blocked });
  image.input[0] = value;
  image.input[65535] = value ^ 0xffff;
  image.holding[0x14] = value;
  image.measured.input[0] = 1;
  return image;
}

function pair() {
  const memory = createSharedImageMemory();
  return { writer: new SharedImageWriter(memory), reader: new SharedImageReader(memory) };
}

Deno.test("shared image: nothing to read before the first image", () => {
  assert.equal(pair().reader.image, null);
});

Deno.test("shared image: the reader sees every published image exactly, masks and blocked included", () => {
  const { writer, reader } = pair();
  for (const [value, blocked] of [[1, null], [2, "exception"], [3, "silent"], [4, null]] as const) {
    writer.publish(imageWith(value, blocked));
    const image = reader.image!;
    assert.equal(image.input[0], value);
    assert.equal(image.input[65535], value ^ 0xffff);
    assert.equal(image.holding[0x14], value);
    assert.equal(image.measured.input[0], 1);
    assert.equal(image.blocked, blocked);
    assert.equal(reader.intact(), true);
  }
  const full = testImage();
  writer.publish(full);
  const seen = reader.image!;
  assert.deepEqual(
    [seen.input, seen.holding, seen.holdingWritable, seen.measured.input, seen.measured.holding],
    [full.input, full.holding, full.holdingWritable, full.measured.input, full.measured.holding],
  );
});

Deno.test("shared image: masks that change are copied into both slots", () => {
  const { writer, reader } = pair();
  writer.publish(imageWith(1));
  writer.publish(imageWith(2));
  const other = imageWith(3);
  other.measured.input[0] = 0;
  other.holdingWritable[0x14] = 1;
  writer.publish(other);
  assert.deepEqual([reader.image!.measured.input[0], reader.image!.holdingWritable[0x14]], [0, 1]);
  writer.publish({
    ...imageWith(4),
    measured: other.measured,
    holdingWritable: other.holdingWritable,
  });
  assert.deepEqual([reader.image!.measured.input[0], reader.image!.holdingWritable[0x14]], [0, 1]);
});

Deno.test("shared image: a newer image leaves the one being read intact; the next one after it does not", () => {
  const { writer, reader } = pair();
  writer.publish(imageWith(1));
  const reading = reader.image!;
  writer.publish(imageWith(2)); // the other slot
  assert.equal(reader.intact(), true);
  assert.equal(reading.input[0], 1);
  writer.publish(imageWith(3)); // back into the slot being read
  assert.equal(reader.intact(), false, "the reader must answer again");
  assert.equal(reader.image!.input[0], 3);
  assert.equal(reader.intact(), true);
});
