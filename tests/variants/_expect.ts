/**
 * Comparing served values with the hand-made expected tables: float32 precision, and the
 * SDM72D-M addresses it shares with the SDM630 (from the SDM72D-M V2 manual, written out here,
 * not taken from the variant).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ExpectedSample } from "./expected/mod.ts";

/** Asserts `actual` is `expected` within float32 precision (one or two units in the last place). */
export function assertFloat32(actual: number, expected: number, what: string): void {
  const a = Math.fround(actual);
  const e = Math.fround(expected);
  const tolerance = Math.max(Math.abs(e) * 2.5e-7, 1e-30);
  assert.ok(
    Math.abs(a - e) <= tolerance,
    `${what}: expected ${expected}, got ${actual}`,
  );
}

/** Input addresses the SDM72D-M V2 shares with the SDM630 (manual V1.1 register list). */
export const SDM72DM_SHARED_INPUT: readonly number[] = [
  0x0000,
  0x0002,
  0x0004,
  0x0006,
  0x0008,
  0x000a,
  0x000c,
  0x000e,
  0x0010,
  0x0012,
  0x0014,
  0x0016,
  0x0018,
  0x001a,
  0x001c,
  0x001e,
  0x0020,
  0x0022,
  0x002a,
  0x002e,
  0x0030,
  0x0034,
  0x0038,
  0x003c,
  0x003e,
  0x0046,
  0x0048,
  0x004a,
  0x00c8,
  0x00ca,
  0x00cc,
  0x00ce,
  0x00e0,
  0x0156,
  0x0158,
];

/** The expected non-zero input registers of a sample for a variant (`sdm630` or `sdm72dm`). */
export function expectedInput(sample: ExpectedSample, variant: string): Map<number, number> {
  if (variant === "sdm630") {
    return new Map(Object.entries(sample.input).map(([a, v]) => [Number(a), v]));
  }
  const out = new Map<number, number>();
  for (const a of SDM72DM_SHARED_INPUT) {
    const v = sample.input[a];
    if (v !== undefined) out.set(a, v);
  }
  for (const [a, v] of Object.entries(sample.sdm72dm)) out.set(Number(a), v);
  return out;
}
