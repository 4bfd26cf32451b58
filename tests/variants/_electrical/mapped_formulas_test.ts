/**
 * The formulas other meters' units and signs need: `times` (kWh → Wh, a ratio → percent),
 * `magnitude` (a sign the telegram cannot give) and `phaseCurrentSigned` (a current with its
 * phase power's sign), each keeping its source's fields and adding its note to the rule.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  fixed,
  importEnergy,
  magnitude,
  phaseCurrent,
  phaseCurrentSigned,
  phasePowerFactor,
  times,
} from "../../../variants/_electrical/mod.ts";
import { contextOf, EDGE_MEASUREMENTS } from "../_contexts.ts";

Deno.test("times scales a formula's value and names the change in its rule", () => {
  const wh = times(importEnergy, 1000, "× 1000 (Wh)");
  const ctx = contextOf({ energyImportT1kWh: 12.5, energyImportT2kWh: 0.25 });
  assert.equal(wh.value(ctx), 12750);
  assert.equal(wh.value(contextOf({})), null, "no data stays no data");
  assert.equal(wh.source.rule, `${importEnergy.source.rule}; × 1000 (Wh)`);
  assert.equal(wh.source.kind, "reading");
  assert.deepEqual(
    wh.source.kind === "reading" ? wh.source.fields : [],
    importEnergy.source.kind === "reading" ? importEnergy.source.fields : null,
  );
});

Deno.test("magnitude drops the sign and never serves −0", () => {
  // "whole amps, exporting": L1 exports 48 W at 240 V: PF = −1.
  const ctx = contextOf(EDGE_MEASUREMENTS["whole amps, exporting"]!);
  assert.equal(phasePowerFactor(1).value(ctx), -1);
  assert.equal(magnitude(phasePowerFactor(1), "a magnitude").value(ctx), 1);
  const zero = magnitude(phasePowerFactor(2), "a magnitude").value(contextOf({ voltageL2V: 0 }));
  assert.ok(!Object.is(zero, -0));
});

Deno.test("times and magnitude refuse a fixed formula", () => {
  assert.throws(() => times(fixed(3, "three"), 10, "× 10"), TypeError);
  assert.throws(() => magnitude(fixed(3, "three"), "abs"), TypeError);
});

Deno.test("a signed phase current takes the sign of the phase power", () => {
  // "3x230 V grid announced": L1 exports 120 W at 2.5 A, L3 imports 640 W at 3.2 A.
  const ctx = contextOf(EDGE_MEASUREMENTS["3x230 V grid announced"]!);
  assert.equal(phaseCurrent(1).value(ctx), 2.5);
  assert.equal(phaseCurrentSigned(1).value(ctx), -2.5);
  assert.equal(phaseCurrentSigned(3).value(ctx), 3.2);
  // invert negates the powers, so the currents' signs follow.
  const inverted = contextOf(EDGE_MEASUREMENTS["3x230 V grid announced"]!, { invert: true });
  assert.equal(phaseCurrentSigned(1).value(inverted), 2.5);
  assert.equal(phaseCurrentSigned(3).value(inverted), -3.2);
  // No power known: the magnitude as sent.
  assert.equal(phaseCurrentSigned(2).value(contextOf({ currentL2A: 1.5 })), 1.5);
  const source = phaseCurrentSigned(1).source;
  assert.ok(source.kind === "reading" && source.fields.includes("powerExportL1W"));
});
