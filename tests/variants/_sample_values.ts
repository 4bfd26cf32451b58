/**
 * The pure value test of a variant against every sample's hand-made table: decode the telegram
 * into measurements, call every RegisterDef's `value`, compare. The same tables drive the
 * end-to-end tests.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Variant } from "../../variants/api.ts";
import { contextOf, evaluate, sampleMeasurements } from "./_contexts.ts";
import { assertFloat32, expectedInput } from "./_expect.ts";
import { EXPECTED_SAMPLES } from "./expected/mod.ts";

/** Non-measured registers of a variant and their value with the default configuration. */
export interface FixedExpectations {
  /** Holding registers (besides the serial): address → value. */
  readonly holding: Readonly<Record<number, number>>;
  /** Input-space copies of identification registers (besides the serial): address → value. */
  readonly input: Readonly<Record<number, number>>;
}

/** Registers one test per sample file comparing every register of `variant` with its table. */
export function sampleValueSuite(variant: Variant, fixed: FixedExpectations): void {
  for (const sample of EXPECTED_SAMPLES) {
    for (const file of sample.files) {
      Deno.test(`${variant.id} serves the hand-computed registers of ${file}`, () => {
        const values = evaluate(variant, contextOf(sampleMeasurements(file, sample.crc)));
        const input = expectedInput(sample, variant.id);
        const inputAddresses = new Set(
          variant.registers.filter((d) => d.space === "input").map((d) => d.address),
        );
        for (const a of input.keys()) assert.ok(inputAddresses.has(a), `no input register ${a}`);
        for (const def of variant.registers) {
          const got = values.get(`${def.space}:${def.address}`) ?? 0;
          const what = `${def.space} 0x${def.address.toString(16)} ${def.name}`;
          if (def.address === 0xfc00) {
            assert.equal(got, sample.serial, what);
          } else if (def.space === "input" && def.address in fixed.input) {
            assert.equal(got, fixed.input[def.address], what);
          } else if (def.space === "input") {
            assertFloat32(got, input.get(def.address) ?? 0, what);
          } else {
            assert.ok(def.address in fixed.holding, `${what} has no expected value`);
            assert.equal(got, fixed.holding[def.address], what);
          }
        }
      });
    }
  }
}
