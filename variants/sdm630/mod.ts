/**
 * The Eastron SDM630-Modbus V2 variant (being filled in: see the variants issue).
 *
 * @module
 */
import type { Variant } from "../api.ts";

/** The SDM630 variant. */
export const sdm630: Variant = {
  id: "sdm630",
  model: "Eastron SDM630-Modbus V2",
  registers: [],
  settings: [],
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: [],
};
