/**
 * The register image the RTU slave shares with its worker thread: two image slots in shared
 * memory, written by the actor and read by the worker, so a telegram reaches the worker without
 * a message, a copy into the worker's heap or an allocation (a structured clone of the ~450 KB
 * image per telegram, before).
 *
 * The actor (one writer) writes each published update's words into the slot the worker is not
 * answering from, then makes it current. Every update carries all served words, so a slot two
 * updates old is wholly refreshed by the next. A reader that was preempted long enough for the writer to come
 * round to its slot again (two telegrams later) would see a mix of two images: each slot carries
 * a sequence number (odd while written, as in a seqlock), and the reader asks
 * {@linkcode SharedImageReader.intact} after using an image and answers again if it was not.
 * The reader never waits for the writer.
 *
 * @module
 */
import {
  type ImageShape,
  type ImageUpdate,
  scatterImageWords,
} from "../../protocol/modbus/image_update.ts";
import {
  DEFAULT_READ_SPACES,
  type MeasuredBlock,
  type ReadSpaces,
  REGISTER_SPACE_SIZE,
  type RegisterImage,
} from "../../protocol/modbus/mod.ts";

/** The shared memory of one slot: the image's five arrays. */
export interface SharedSlot {
  readonly input: SharedArrayBuffer;
  readonly holding: SharedArrayBuffer;
  readonly holdingWritable: SharedArrayBuffer;
  readonly echoWritable: SharedArrayBuffer;
  readonly measuredInput: SharedArrayBuffer;
  readonly measuredHolding: SharedArrayBuffer;
}

/** Everything the writer and the reader share (sent to the worker once). */
export interface SharedImageMemory {
  /**
   * Int32 × 7: current slot (-1 before the first image), sequence of slot 0 and 1, blocked code
   * of slot 0 and 1, read spaces code of slot 0 and 1.
   */
  readonly header: SharedArrayBuffer;
  readonly slots: readonly [SharedSlot, SharedSlot];
}

const CURRENT = 0;
const SEQ = 1;
const BLOCKED = 3;
const SPACES = 5;
const BLOCK_CODES: readonly MeasuredBlock[] = [null, "exception", "silent"];
const SPACE_CODES: readonly ReadSpaces["fc03"][] = [null, "input", "holding"];

function spacesCode(spaces: ReadSpaces): number {
  return SPACE_CODES.indexOf(spaces.fc03) * 3 + SPACE_CODES.indexOf(spaces.fc04);
}

/** The nine read-space pairs by code, built once (the reader asks for one per request). */
const SPACES_BY_CODE: readonly ReadSpaces[] = Array.from({ length: 9 }, (_, code) => ({
  fc03: SPACE_CODES[Math.floor(code / 3)] ?? null,
  fc04: SPACE_CODES[code % 3] ?? null,
}));

function slotMemory(): SharedSlot {
  return {
    input: new SharedArrayBuffer(REGISTER_SPACE_SIZE * 2),
    holding: new SharedArrayBuffer(REGISTER_SPACE_SIZE * 2),
    holdingWritable: new SharedArrayBuffer(REGISTER_SPACE_SIZE),
    echoWritable: new SharedArrayBuffer(REGISTER_SPACE_SIZE),
    measuredInput: new SharedArrayBuffer(REGISTER_SPACE_SIZE),
    measuredHolding: new SharedArrayBuffer(REGISTER_SPACE_SIZE),
  };
}

/** Allocates the shared memory (about 0.9 MB, once per worker). */
export function createSharedImageMemory(): SharedImageMemory {
  const header = new SharedArrayBuffer(7 * 4);
  new Int32Array(header)[CURRENT] = -1;
  return { header, slots: [slotMemory(), slotMemory()] };
}

/** A mutable image over one slot's memory (its `blocked` is set when handed out). */
type SlotImage = { -readonly [K in keyof RegisterImage]: RegisterImage[K] };

function slotImage(slot: SharedSlot): SlotImage {
  return {
    input: new Uint16Array(slot.input),
    holding: new Uint16Array(slot.holding),
    holdingWritable: new Uint8Array(slot.holdingWritable),
    echoWritable: new Uint8Array(slot.echoWritable),
    readSpaces: DEFAULT_READ_SPACES,
    measured: {
      input: new Uint8Array(slot.measuredInput),
      holding: new Uint8Array(slot.measuredHolding),
    },
    blocked: null,
  };
}

/**
 * The actor's side: writes each update into the slot not in use and makes that slot current.
 * Only the update's words are copied (a few hundred); the masks and read spaces only when a slot
 * meets a new shape.
 *
 * @example
 * ```ts
 * import {
 *   createSharedImageMemory,
 *   SharedImageReader,
 *   SharedImageWriter,
 * } from "./shared_image.ts";
 * import { createImageShape } from "../../protocol/modbus/mod.ts";
 *
 * const memory = createSharedImageMemory(); // posted to the worker, which reads it:
 * const reader = new SharedImageReader(memory);
 * const writer = new SharedImageWriter(memory);
 * const served = new Uint8Array(65536);
 * served[0] = 1; // the build serves input register 0 only
 * const shape = createImageShape({ served: { input: served, holding: new Uint8Array(65536) } });
 * writer.publish({ shape, words: Uint16Array.of(0x4366), blocked: null });
 * const image = reader.image; // image?.input[0] === 0x4366
 * const usable = reader.intact(); // true: nothing rewrote the slot meanwhile
 * ```
 */
export class SharedImageWriter {
  readonly #header: Int32Array;
  readonly #slots: readonly [SlotImage, SlotImage];
  /** The shape each slot was last written with: masks are copied only when it changes. */
  readonly #shapes: [ImageShape | null, ImageShape | null] = [null, null];

  constructor(memory: SharedImageMemory) {
    this.#header = new Int32Array(memory.header);
    this.#slots = [slotImage(memory.slots[0]), slotImage(memory.slots[1])];
  }

  /** Writes `update` into the spare slot and makes that slot current. */
  publish(update: ImageUpdate): void {
    const h = this.#header;
    const s = Atomics.load(h, CURRENT) === 0 ? 1 : 0;
    const slot = this.#slots[s];
    const { shape } = update;
    Atomics.add(h, SEQ + s, 1); // odd: being written
    if (this.#shapes[s] !== shape) {
      slot.input.fill(0);
      slot.holding.fill(0);
      slot.holdingWritable.set(shape.holdingWritable);
      slot.echoWritable.set(shape.echoWritable);
      slot.measured.input.set(shape.measured.input);
      slot.measured.holding.set(shape.measured.holding);
      Atomics.store(h, SPACES + s, spacesCode(shape.readSpaces));
      this.#shapes[s] = shape;
    }
    scatterImageWords(update, slot.input, slot.holding);
    Atomics.store(h, BLOCKED + s, BLOCK_CODES.indexOf(update.blocked));
    Atomics.add(h, SEQ + s, 1); // even: complete
    Atomics.store(h, CURRENT, s);
  }
}

/** The worker's side: the current image, and whether it stayed intact while it was used. */
export class SharedImageReader {
  readonly #header: Int32Array;
  readonly #slots: readonly [SlotImage, SlotImage];
  #slot = 0;
  #seq = 1;

  constructor(memory: SharedImageMemory) {
    this.#header = new Int32Array(memory.header);
    this.#slots = [slotImage(memory.slots[0]), slotImage(memory.slots[1])];
  }

  /** The current image, null before the first; check {@linkcode intact} after using it. */
  get image(): RegisterImage | null {
    const h = this.#header;
    const s = Atomics.load(h, CURRENT);
    if (s !== 0 && s !== 1) return null;
    this.#slot = s;
    this.#seq = Atomics.load(h, SEQ + s);
    const image = this.#slots[s];
    image.blocked = BLOCK_CODES[Atomics.load(h, BLOCKED + s)] ?? null;
    image.readSpaces = SPACES_BY_CODE[Atomics.load(h, SPACES + s)] ?? DEFAULT_READ_SPACES;
    return image;
  }

  /**
   * True when the image last handed out was complete and has not been rewritten since: what was
   * read from it is one image's. False: read it again.
   */
  intact(): boolean {
    return (this.#seq & 1) === 0 && Atomics.load(this.#header, SEQ + this.#slot) === this.#seq;
  }
}
