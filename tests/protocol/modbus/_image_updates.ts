/**
 * Test helpers over image updates: a whole hand-made image carried by one update, and an update
 * turned back into a fresh full image (for tests that keep several images).
 *
 * @module
 */
import {
  createImageShape,
  gatherImageWords,
  type ImageUpdate,
  REGISTER_SPACE_SIZE,
  type RegisterImage,
  RegisterImageReplica,
} from "../../../protocol/modbus/mod.ts";

/** A new full image holding one update (for readers that keep several images, such as tests). */
export function imageFromUpdate(update: ImageUpdate): RegisterImage {
  return new RegisterImageReplica().apply(update);
}

const EVERY_WORD = new Uint8Array(REGISTER_SPACE_SIZE).fill(1);

/**
 * The update that carries a whole image (every word of both spaces served): how a test or a
 * tool hands a hand-made image to a reader of updates.
 */
export function imageUpdateOf(image: RegisterImage): ImageUpdate {
  const shape = createImageShape({
    served: { input: EVERY_WORD, holding: EVERY_WORD },
    holdingWritable: image.holdingWritable,
    echoWritable: image.echoWritable,
    readSpaces: image.readSpaces,
    measured: image.measured,
  });
  return {
    shape,
    words: gatherImageWords(shape, image.input, image.holding),
    blocked: image.blocked,
  };
}
