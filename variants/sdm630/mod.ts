/**
 * The Eastron SDM630-Modbus V2 variant.
 *
 * @module
 */
import type { Variant } from "../api.ts";

/** The SDM630 variant. */
export const sdm630: Variant = { id: "sdm630", model: "Eastron SDM630-Modbus V2" };
