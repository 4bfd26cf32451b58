/**
 * The whole connection as one phase, for builds that emulate a single-phase meter (SDM120): the
 * current is the sum of the phase currents served (with `[registers] derived = true`, a whole-amp
 * 0 A on a loaded phase counts as |P| / V, as on the three-phase builds). Fed a single-phase
 * telegram this is the meter's own current; fed a three-phase one, it is the current of the
 * single-phase equivalent of the connection: with the total power (`1.7.0 − 2.7.0`) and the L1
 * voltage it keeps S = ΣS and PF = P / S consistent.
 *
 * @module
 */
import { clean, CURRENT_FIELDS, CURRENT_OBIS, PHASES, sumKnown } from "./fields.ts";
import type { Formula } from "./formula.ts";
import { currentA } from "./phase.ts";
import { PHASE_POWER_INPUTS } from "./power.ts";

/** Formula: the connection's current, the sum of the phase currents. */
export const connectionCurrent: Formula = {
  source: {
    kind: "reading",
    fields: CURRENT_FIELDS,
    obis: CURRENT_OBIS,
    rule:
      "1-0:31.7.0 (+ 1-0:51.7.0 + 1-0:71.7.0 on a three-phase meter: the single-phase equivalent of the connection) (A, magnitudes)",
    derived: {
      fields: [...PHASE_POWER_INPUTS],
      obis: ["1-0:21.7.0", "1-0:22.7.0", "1-0:32.7.0"],
      rule:
        "a phase whose current is 0 or missing while its power P ≠ 0 and its voltage V > 0 counts |P| / V",
    },
  },
  measured: true,
  value: (ctx) => clean(sumKnown(PHASES.map((p) => currentA(ctx, p)))),
};
