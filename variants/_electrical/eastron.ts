/**
 * What every Eastron build shares besides its tables: FC04 reads the input registers (the
 * measurements) and FC03 the holding registers (settings and identity), with
 * `[registers] fc03 = "input"` offered for masters that read the measurements with FC03
 * (Growatt, Solax mix both); and the shape of the factory defaults.
 *
 * @module
 */
import { type BuildConfig, FC03_KEY, type FunctionCodes } from "../api.ts";
import { buildConfig } from "./build_config.ts";

/** FC04 → input registers, FC03 → holding registers (the Eastron manuals). */
export const EASTRON_FUNCTION_CODES: FunctionCodes = { fc03: "holding", fc04: "input" };

/** An Eastron build's factory defaults: Modbus address and baud rate, 8N1. */
export function eastronConfig(defaults: { address: number; baud: number }): BuildConfig {
  return buildConfig(defaults, [FC03_KEY]);
}
