import assert from "node:assert/strict";
import { GAP_MS, niceTicks, pathData } from "../../../cli/console/page/chart.js";

Deno.test("chart ticks cover the range at a 1-2-5 step, always through zero when it is inside", () => {
  assert.deepEqual(niceTicks(0, 2685, 5), [0, 1000, 2000, 3000]);
  assert.deepEqual(niceTicks(-1513, 1228, 5), [-2000, -1000, 0, 1000, 2000]);
  assert.deepEqual(niceTicks(0, 0, 5), [-100, -50, 0, 50, 100]);
  assert.deepEqual(niceTicks(0, 7.5, 4), [0, 2, 4, 6, 8]);
});

Deno.test("chart lines break at missing values and at gaps between telegrams", () => {
  const x = (t: number) => t / 1000;
  const y = (v: number) => -v;
  const t = [0, 1000, 2000, 3000, 3000 + GAP_MS + 1];
  assert.equal(
    pathData(t, [1, 2, null, 4, 5], x, y),
    "M0.0,-1.0L1.0,-2.0M3.0,-4.0M33.0,-5.0",
  );
  assert.equal(pathData([], [], x, y), "");
});
