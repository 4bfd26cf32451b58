/**
 * The register image a Modbus server answers from: the full 65536-register input and holding
 * spaces, which space each read function code answers from, which holding registers a master may
 * write (settings) or may write with the value they already hold (a master's protocol writes,
 * answered as accepted), which registers carry measured values, and whether measured values are
 * currently blocked (for instance while the meter data is stale).
 *
 * The RegisterStore does not hand images around: it publishes the served words only
 * (`image_update.ts`), and each reader keeps one image of its own, updated in place. The mask
 * arrays rarely change, so images share them.
 *
 * @module
 */

/** Registers in one Modbus address space (PDU addresses 0..65535). */
export const REGISTER_SPACE_SIZE = 65536;

/** Per-register flags (1 = measured value), one array per space. */
export interface MeasuredMasks {
  readonly input: Uint8Array;
  readonly holding: Uint8Array;
}

/**
 * How reads touching measured registers are answered: `null` normally; `"exception"` answers
 * exception 04; `"silent"` sends no reply, so the master sees a dead meter.
 */
export type MeasuredBlock = null | "exception" | "silent";

/**
 * The space each read function code answers from; null = the meter does not answer that
 * function code (exception 01). Eastron: FC03 holding, FC04 input; Carlo Gavazzi: both the same
 * space; Chint, ABB, SunSpec: FC03 only.
 */
export interface ReadSpaces {
  readonly fc03: "input" | "holding" | null;
  readonly fc04: "input" | "holding" | null;
}

/** FC03 reads the holding space, FC04 the input space (the Modbus data model). */
export const DEFAULT_READ_SPACES: ReadSpaces = { fc03: "holding", fc04: "input" };

/** A complete, immutable register image. */
export interface RegisterImage {
  /** Input registers (FC 04), 65536 entries. */
  readonly input: Uint16Array;
  /** Holding registers (FC 03, FC 06, FC 16), 65536 entries. */
  readonly holding: Uint16Array;
  /** 1 = the holding register at that address is a writable setting. */
  readonly holdingWritable: Uint8Array;
  /**
   * 1 = a master writes the holding register at that address as part of its protocol: a write of
   * the value it holds is answered as accepted and changes nothing; any other value is refused.
   */
  readonly echoWritable: Uint8Array;
  /** Which space FC03 and FC04 read. */
  readonly readSpaces: ReadSpaces;
  /** Which registers carry measured values. */
  readonly measured: MeasuredMasks;
  /** Whether reads touching measured registers are blocked, and how. */
  readonly blocked: MeasuredBlock;
}

/** Parts of a register image; any part left out is a fresh all-zero array. */
export interface RegisterImageParts {
  readonly input?: Uint16Array;
  readonly holding?: Uint16Array;
  readonly holdingWritable?: Uint8Array;
  readonly echoWritable?: Uint8Array;
  readonly readSpaces?: ReadSpaces;
  readonly measured?: MeasuredMasks;
  readonly blocked?: MeasuredBlock;
}

function checkSize(name: string, array: { readonly length: number }): void {
  if (array.length !== REGISTER_SPACE_SIZE) {
    throw new RangeError(
      `Cannot build register image: ${name} must have ${REGISTER_SPACE_SIZE} entries (got ${array.length})`,
    );
  }
}

/**
 * Builds a register image from its parts, checking every array covers the whole space.
 *
 * @throws {RangeError} if an array does not have 65536 entries
 */
export function createRegisterImage(parts: RegisterImageParts = {}): RegisterImage {
  const image: RegisterImage = {
    input: parts.input ?? new Uint16Array(REGISTER_SPACE_SIZE),
    holding: parts.holding ?? new Uint16Array(REGISTER_SPACE_SIZE),
    holdingWritable: parts.holdingWritable ?? new Uint8Array(REGISTER_SPACE_SIZE),
    echoWritable: parts.echoWritable ?? new Uint8Array(REGISTER_SPACE_SIZE),
    readSpaces: parts.readSpaces ?? DEFAULT_READ_SPACES,
    measured: parts.measured ?? {
      input: new Uint8Array(REGISTER_SPACE_SIZE),
      holding: new Uint8Array(REGISTER_SPACE_SIZE),
    },
    blocked: parts.blocked ?? null,
  };
  checkSize("input", image.input);
  checkSize("holding", image.holding);
  checkSize("holdingWritable", image.holdingWritable);
  checkSize("echoWritable", image.echoWritable);
  checkSize("measured.input", image.measured.input);
  checkSize("measured.holding", image.measured.holding);
  return image;
}
