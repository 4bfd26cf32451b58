import assert from "node:assert/strict";
import { netPower, totalEnergy } from "../../../protocol/dsmr/derived_values.ts";

Deno.test("net power is import minus export, a missing one counting as 0, unknown with neither", () => {
  assert.equal(netPower(2.5, 0.25), 2.25);
  assert.equal(netPower(undefined, 1250), -1250);
  assert.equal(netPower(1250, undefined), 1250);
  assert.equal(netPower(undefined, undefined), undefined);
  assert.equal(netPower(0.3, 0.1), 0.2, "rounded to 15 digits, not 0.19999999999999998");
});

Deno.test("total energy is the total sent, else the tariffs' sum, a missing tariff counting as 0", () => {
  assert.equal(totalEnergy(10, 1, 2), 10, "the meter's own total wins");
  assert.equal(totalEnergy(undefined, 17799.221, 18003.246), 35802.467);
  assert.equal(totalEnergy(undefined, 1, undefined), 1, "a single-tariff meter");
  assert.equal(totalEnergy(undefined, undefined, 2), 2);
  assert.equal(totalEnergy(undefined, undefined, undefined), undefined);
});
