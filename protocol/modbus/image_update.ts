/**
 * A register image in two parts, so that a telegram costs a few hundred words instead of two
 * whole 65536-word spaces:
 *
 * - the **shape** ({@linkcode ImageShape}): which words a build serves (as spans), the masks and
 *   the read spaces. Built once, when the RegisterStore starts; shared by every update.
 * - the **update** ({@linkcode ImageUpdate}): the values of the served words only, in span order,
 *   and whether measured reads are blocked. Immutable once published.
 *
 * Each reader keeps its own full {@linkcode RegisterImage} and copies an update's words into it
 * in place ({@linkcode RegisterImageReplica}); words outside the spans are never served values
 * and stay 0.
 *
 * @example
 * ```ts
 * import {
 *   createImageShape,
 *   gatherImageWords,
 *   RegisterImageReplica,
 * } from "./image_update.ts";
 * import { REGISTER_SPACE_SIZE } from "./register_image.ts";
 *
 * const served = new Uint8Array(REGISTER_SPACE_SIZE);
 * served.fill(1, 0x0000, 0x0002); // one float at input register 0
 * const shape = createImageShape({
 *   served: { input: served, holding: new Uint8Array(REGISTER_SPACE_SIZE) },
 * });
 * const input = new Uint16Array(REGISTER_SPACE_SIZE);
 * input[0] = 0x4366; // 230.0 as float32, high word first
 * const words = gatherImageWords(shape, input, new Uint16Array(REGISTER_SPACE_SIZE));
 * const image = new RegisterImageReplica().apply({ shape, words, blocked: null });
 * if (words.length !== 2 || image.input[0] !== 0x4366) throw new Error("not applied");
 * ```
 *
 * @module
 */
import {
  DEFAULT_READ_SPACES,
  type MeasuredBlock,
  type MeasuredMasks,
  type ReadSpaces,
  REGISTER_SPACE_SIZE,
  type RegisterImage,
} from "./register_image.ts";

/** What every update of one layout shares: the served words, the masks, the read spaces. */
export interface ImageShape {
  /** Served input words as `[start, end)` pairs, ascending, in update order (input first). */
  readonly inputSpans: Uint32Array;
  /** Served holding words as `[start, end)` pairs, ascending, after the input words. */
  readonly holdingSpans: Uint32Array;
  /** Number of served words of both spaces: the length of every update's `words`. */
  readonly wordCount: number;
  /** 1 = the holding register at that address is a writable setting. */
  readonly holdingWritable: Uint8Array;
  /** 1 = a master writes the holding register with the value it holds (protocol write). */
  readonly echoWritable: Uint8Array;
  /** Which space FC03 and FC04 read. */
  readonly readSpaces: ReadSpaces;
  /** Which registers carry measured values. */
  readonly measured: MeasuredMasks;
}

/** One published state of the registers: the served words' values, and the measured block. */
export interface ImageUpdate {
  /** The layout the words belong to. */
  readonly shape: ImageShape;
  /** The values of the served words, input spans first, then holding spans. */
  readonly words: Uint16Array;
  /** Whether reads touching measured registers are blocked, and how. */
  readonly blocked: MeasuredBlock;
}

/** Parts of a shape; a mask left out is all zero, the read spaces default to the data model's. */
export interface ImageShapeParts {
  /** 1 for each word a register of the build occupies, per space. */
  readonly served: { readonly input: Uint8Array; readonly holding: Uint8Array };
  readonly holdingWritable?: Uint8Array;
  readonly echoWritable?: Uint8Array;
  readonly readSpaces?: ReadSpaces;
  readonly measured?: MeasuredMasks;
}

function spansOf(name: string, flags: Uint8Array): Uint32Array {
  if (flags.length !== REGISTER_SPACE_SIZE) {
    throw new RangeError(
      `Cannot build image shape: ${name} must have ${REGISTER_SPACE_SIZE} entries (got ${flags.length})`,
    );
  }
  const spans: number[] = [];
  let start = -1;
  for (let a = 0; a <= REGISTER_SPACE_SIZE; a++) {
    const on = a < REGISTER_SPACE_SIZE && flags[a] !== 0;
    if (on && start < 0) start = a;
    else if (!on && start >= 0) {
      spans.push(start, a);
      start = -1;
    }
  }
  return Uint32Array.from(spans);
}

function spanWords(spans: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < spans.length; i += 2) n += spans[i + 1]! - spans[i]!;
  return n;
}

/**
 * Builds a shape from the served words of each space and the masks.
 *
 * @throws {RangeError} if a flag array does not have 65536 entries
 */
export function createImageShape(parts: ImageShapeParts): ImageShape {
  const inputSpans = spansOf("served.input", parts.served.input);
  const holdingSpans = spansOf("served.holding", parts.served.holding);
  return {
    inputSpans,
    holdingSpans,
    wordCount: spanWords(inputSpans) + spanWords(holdingSpans),
    holdingWritable: parts.holdingWritable ?? new Uint8Array(REGISTER_SPACE_SIZE),
    echoWritable: parts.echoWritable ?? new Uint8Array(REGISTER_SPACE_SIZE),
    readSpaces: parts.readSpaces ?? DEFAULT_READ_SPACES,
    measured: parts.measured ?? {
      input: new Uint8Array(REGISTER_SPACE_SIZE),
      holding: new Uint8Array(REGISTER_SPACE_SIZE),
    },
  };
}

/**
 * Copies the served words of `input` and `holding` into `words` (a fresh array of the shape's
 * word count unless given) and returns it.
 */
export function gatherImageWords(
  shape: ImageShape,
  input: Uint16Array,
  holding: Uint16Array,
  words: Uint16Array = new Uint16Array(shape.wordCount),
): Uint16Array {
  let at = gatherSpans(shape.inputSpans, input, words, 0);
  at = gatherSpans(shape.holdingSpans, holding, words, at);
  return words;
}

function gatherSpans(spans: Uint32Array, from: Uint16Array, to: Uint16Array, at: number): number {
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i]!, end = spans[i + 1]!;
    to.set(from.subarray(start, end), at);
    at += end - start;
  }
  return at;
}

/** Copies an update's words into the served words of `input` and `holding` (the inverse). */
export function scatterImageWords(
  update: Pick<ImageUpdate, "shape" | "words">,
  input: Uint16Array,
  holding: Uint16Array,
): void {
  const { shape, words } = update;
  if (words.length !== shape.wordCount) {
    throw new RangeError(
      `Cannot apply image update: ${words.length} words for a shape of ${shape.wordCount}`,
    );
  }
  const at = scatterSpans(shape.inputSpans, words, input, 0);
  scatterSpans(shape.holdingSpans, words, holding, at);
}

function scatterSpans(spans: Uint32Array, from: Uint16Array, to: Uint16Array, at: number): number {
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i]!, end = spans[i + 1]!;
    to.set(from.subarray(at, at + end - start), start);
    at += end - start;
  }
  return at;
}

/** Zeroes the served words of `input` and `holding` (before encoding a new state into them). */
export function clearImageWords(shape: ImageShape, input: Uint16Array, holding: Uint16Array): void {
  for (let i = 0; i < shape.inputSpans.length; i += 2) {
    input.fill(0, shape.inputSpans[i]!, shape.inputSpans[i + 1]!);
  }
  for (let i = 0; i < shape.holdingSpans.length; i += 2) {
    holding.fill(0, shape.holdingSpans[i]!, shape.holdingSpans[i + 1]!);
  }
}

type MutableImage = { -readonly [K in keyof RegisterImage]: RegisterImage[K] };

/**
 * A reader's own full image, kept up to date in place from updates: the two 65536-word spaces
 * are allocated when the first update (or one of another shape) arrives, never per update.
 * {@linkcode image} is the same object after every update.
 */
export class RegisterImageReplica {
  #image: MutableImage | null = null;
  #update: ImageUpdate | null = null;

  /** The image as of the last update; null before the first. */
  get image(): RegisterImage | null {
    return this.#image;
  }

  /** The last update applied; null before the first. */
  get update(): ImageUpdate | null {
    return this.#update;
  }

  /**
   * Applies `update` and returns the image. A new shape starts from an all-zero image.
   *
   * @throws {RangeError} if the update's words do not match its shape
   */
  apply(update: ImageUpdate): RegisterImage {
    const { shape } = update;
    let image = this.#image;
    if (image === null || this.#update?.shape !== shape) {
      image = {
        input: new Uint16Array(REGISTER_SPACE_SIZE),
        holding: new Uint16Array(REGISTER_SPACE_SIZE),
        holdingWritable: shape.holdingWritable,
        echoWritable: shape.echoWritable,
        readSpaces: shape.readSpaces,
        measured: shape.measured,
        blocked: null,
      };
    }
    scatterImageWords(update, image.input, image.holding);
    image.blocked = update.blocked;
    this.#image = image;
    this.#update = update;
    return image;
  }
}
