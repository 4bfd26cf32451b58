/**
 * The two values the integrations (MQTT, the HomeWizard API, the web console) derive from a
 * telegram's measurements, by one rule and with one rounding, the rule the registers count by
 * (`variants/_electrical/energy.ts`): net power is import − export, and a total energy is the total
 * the telegram sends, else the sum of the tariffs it sends. A missing one of a pair counts as 0
 * (a single-tariff meter sends only tariff 1); with neither, the value is unknown. Results are
 * rounded to 15 significant digits, so a sum shows as the meter's decimals (35802.467, not
 * 35802.467000000004).
 *
 * @example
 * ```ts
 * import { netPower, totalEnergy } from "./derived_values.ts";
 *
 * netPower(0, 1250); // -1250
 * totalEnergy(undefined, 17799.221, 18003.246); // 35802.467
 * totalEnergy(undefined, 1, undefined); // 1: a single-tariff meter
 * totalEnergy(undefined, undefined, undefined); // undefined
 * ```
 *
 * @module
 */

const rounded = (n: number): number => Number(n.toPrecision(15));

/** Import minus export (a missing one counts as 0); undefined when neither is known. */
export function netPower(
  imported: number | undefined,
  exported: number | undefined,
): number | undefined {
  if (imported === undefined && exported === undefined) return undefined;
  return rounded((imported ?? 0) - (exported ?? 0));
}

/**
 * The total as sent, else the sum of the tariffs sent (a missing one counts as 0); undefined when
 * none is known.
 */
export function totalEnergy(
  sent: number | undefined,
  t1: number | undefined,
  t2: number | undefined,
): number | undefined {
  if (sent !== undefined) return sent;
  if (t1 === undefined && t2 === undefined) return undefined;
  return rounded((t1 ?? 0) + (t2 ?? 0));
}
