/**
 * Expected words of a build, written from the meter's documentation and independent of the
 * variant's code: each build's test lists its registers (address, type, scale, word order) and
 * where their value comes from in the hand-made sample tables (`expected/`, keyed by the SDM630
 * address of the same quantity), or a constant. The words are encoded here with a DataView and
 * BigInt, not with the codec under test, and compared with what the build serves: every listed
 * register holds its value (floats within float32 precision, scaled integers exactly), and every
 * other word in the compared ranges reads 0.
 *
 * @module
 */
import type { ExpectedSample } from "./expected/mod.ts";

/** A number encoding, as the meters' documents name them. */
export type WordType = "float32" | "uint16" | "int16" | "uint32" | "int32" | "uint64";

/** Where an expected register's value comes from. */
export type WordSource =
  /**
   * The sample's value at this SDM630 input address (0 when the table has none), × `sign`;
   * `abs`: its magnitude; `signOf`: its magnitude with the sign of the value at that address (a
   * current signed by its phase power).
   */
  | {
    readonly from: number;
    readonly sign?: 1 | -1;
    readonly abs?: true;
    readonly signOf?: number;
  }
  /** A constant. */
  | { readonly value: number }
  /** The sample's serial number. */
  | { readonly serial: true };

/** One register of a build's documented map and its value source. */
export type WordSpec =
  | ({
    readonly address: number;
    readonly type: WordType;
    /** The register holds value × scale. @default 1 */
    readonly scale?: number;
    /** @default "high-first" */
    readonly order?: "high-first" | "low-first";
  } & WordSource)
  | {
    readonly address: number;
    readonly type: "text";
    readonly length: number;
    /**
     * The text, or the sample's serial number as decimal text (zero-padded to `digits`, when
     * given).
     */
    readonly text: string | { readonly serial: true; readonly digits?: number };
  };

/** An expected register with its value worked out for one sample. */
export type Expected =
  | {
    readonly address: number;
    readonly type: WordType;
    readonly scale: number;
    readonly order: "high-first" | "low-first";
    readonly value: number;
  }
  | {
    readonly address: number;
    readonly type: "text";
    readonly length: number;
    readonly text: string;
  };

/** Registers a number of `type` spans. */
export function width(type: WordType): number {
  return type === "uint16" || type === "int16" ? 1 : type === "uint64" ? 4 : 2;
}

/** The specs' values for `sample`. */
export function expectedFor(specs: readonly WordSpec[], sample: ExpectedSample): Expected[] {
  return specs.map((spec): Expected => {
    if (spec.type === "text") {
      const text = typeof spec.text === "string"
        ? spec.text
        : String(sample.serial).padStart(spec.text.digits ?? 0, "0");
      return { address: spec.address, type: "text", length: spec.length, text };
    }
    const value = "from" in spec
      ? fromSample(sample, spec)
      : "value" in spec
      ? spec.value
      : sample.serial;
    return {
      address: spec.address,
      type: spec.type,
      scale: spec.scale ?? 1,
      order: spec.order ?? "high-first",
      value: value + 0,
    };
  });
}

/** A `from` source's value for `sample`. */
function fromSample(
  sample: ExpectedSample,
  spec: { from: number; sign?: 1 | -1; abs?: true; signOf?: number },
): number {
  const value = sample.input[spec.from] ?? 0;
  if (spec.abs === true) return Math.abs(value);
  if (spec.signOf !== undefined) {
    return (sample.input[spec.signOf] ?? 0) < 0 ? -Math.abs(value) : Math.abs(value);
  }
  return value * (spec.sign ?? 1);
}

/** The raw number (value × scale, rounded for integers) and its words, big-endian first. */
function rawWords(e: Extract<Expected, { scale: number }>): { raw: number; words: number[] } {
  const scaled = e.value * e.scale;
  const n = width(e.type);
  const view = new DataView(new ArrayBuffer(8));
  let raw: number;
  if (e.type === "float32") {
    view.setFloat32(0, scaled);
    raw = Math.fround(scaled);
  } else {
    raw = Math.round(scaled) + 0;
    view.setBigInt64(0, BigInt(raw));
    // Keep the low `n` words: the two's complement of a negative number in its width.
  }
  const all = [0, 1, 2, 3].map((i) => view.getUint16(2 * i));
  const words = e.type === "float32" ? all.slice(0, 2) : all.slice(4 - n);
  return { raw, words: e.order === "low-first" ? words.reverse() : words };
}

/** The words of a text, two characters per register, NUL padded. */
function textWords(text: string, length: number): number[] {
  return Array.from(
    { length },
    (_, i) => (text.charCodeAt(2 * i) || 0) << 8 | (text.charCodeAt(2 * i + 1) || 0),
  );
}

/** The number the words hold, decoded here. */
function decodeWords(e: Extract<Expected, { scale: number }>, words: number[]): number {
  const big = e.order === "low-first" ? [...words].reverse() : words;
  const view = new DataView(new ArrayBuffer(8));
  big.forEach((w, i) => view.setUint16(8 - 2 * big.length + 2 * i, w));
  switch (e.type) {
    case "float32":
      return view.getFloat32(4);
    case "uint16":
      return view.getUint16(6);
    case "int16":
      return view.getInt16(6);
    case "uint32":
      return view.getUint32(4);
    case "int32":
      return view.getInt32(4);
    case "uint64":
      return Number(view.getBigUint64(0));
  }
}

/** Whether `got` is the raw number expected: floats within float32 precision, integers exactly
 * (or off by one where value × scale sits on a rounding edge). */
function rawMatches(e: Extract<Expected, { scale: number }>, got: number): boolean {
  const { raw } = rawWords(e);
  if (e.type === "float32") return Math.abs(got - raw) <= Math.max(Math.abs(raw) * 2.5e-7, 1e-30);
  const frac = Math.abs(e.value * e.scale) % 1;
  return got === raw || (Math.abs(frac - 0.5) < 1e-6 && Math.abs(got - raw) === 1);
}

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Every difference between the words served and the expected registers, over `ranges`
 * ([start, count] each): a listed register must hold its value, every other word 0.
 *
 * @param word the served word at an address
 */
export function wordProblems(
  expected: readonly Expected[],
  word: (address: number) => number,
  ranges: readonly (readonly [number, number])[],
): string[] {
  const problems: string[] = [];
  const covered = new Set<number>();
  const inRange = (a: number) => ranges.some(([start, count]) => a >= start && a < start + count);
  for (const e of expected) {
    const n = e.type === "text" ? e.length : width(e.type);
    const addresses = Array.from({ length: n }, (_, i) => e.address + i);
    if (!addresses.every(inRange)) continue;
    for (const a of addresses) covered.add(a);
    const words = addresses.map(word);
    if (e.type === "text") {
      const want = textWords(e.text, e.length);
      if (words.join() !== want.join()) {
        problems.push(`${hex(e.address)} text: ${words.map(hex)} ≠ "${e.text}" ${want.map(hex)}`);
      }
      continue;
    }
    const got = decodeWords(e, words);
    if (!rawMatches(e, got)) {
      problems.push(
        `${hex(e.address)} ${e.type} ×${e.scale}: ${got} (${words.map(hex)}) ≠ ${
          rawWords(e).raw
        } (value ${e.value})`,
      );
    }
  }
  for (const [start, count] of ranges) {
    for (let a = start; a < start + count; a++) {
      if (!covered.has(a) && word(a) !== 0) problems.push(`${hex(a)}: ${hex(word(a))} ≠ 0`);
    }
  }
  return problems;
}

/** The words `expected` encodes, by address (for building replies to compare raw bytes). */
export function expectedWordMap(expected: readonly Expected[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of expected) {
    const words = e.type === "text" ? textWords(e.text, e.length) : rawWords(e).words;
    words.forEach((w, i) => out.set(e.address + i, w));
  }
  return out;
}
