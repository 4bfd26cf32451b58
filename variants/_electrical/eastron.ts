/**
 * What every Eastron build shares besides its tables: FC04 reads the input registers (the
 * measurements) and FC03 the holding registers (settings and identity), with
 * `[registers] fc03 = "input"` offered for masters that read the measurements with FC03
 * (Growatt, Solax mix both); the shape of the factory defaults; the identification registers.
 *
 * @module
 */
import { type BuildConfig, FC03_KEY, type FunctionCodes, type NumberRegisterDef } from "../api.ts";
import { buildConfig } from "./build_config.ts";
import { type Formula, register } from "./formula.ts";
import { serial } from "./identity.ts";

/** FC04 → input registers, FC03 → holding registers (the Eastron manuals). */
export const EASTRON_FUNCTION_CODES: FunctionCodes = { fc03: "holding", fc04: "input" };

/** An Eastron build's factory defaults: Modbus address and baud rate, 8N1. */
export function eastronConfig(defaults: { address: number; baud: number }): BuildConfig {
  return buildConfig(defaults, [FC03_KEY]);
}

/** What an Eastron build's identification registers hold besides the serial number. */
export interface EastronIdentity {
  /** The meter code at 0xFC02. */
  readonly meterCode: Formula;
  /** The firmware (software) version at 0xFC03, where the meter has one, and its name. */
  readonly firmware?: { readonly name: string; readonly formula: Formula };
}

/**
 * The identification registers (serial 0xFC00, meter code 0xFC02, firmware 0xFC03) in the
 * holding space and their FC04 copies in the input space, as the Eastron meters answer them.
 *
 * @example
 * ```ts
 * import { eastronIdentity } from "./eastron.ts";
 * import { fixed } from "./formula.ts";
 * const defs = eastronIdentity({ meterCode: fixed(0x0070, "0x0070 = SDM630-Modbus") });
 * defs.map((d) => `${d.space} ${d.address.toString(16)}`).join(", ");
 * // "holding fc00, holding fc02, input fc00, input fc02"
 * ```
 */
export function eastronIdentity(identity: EastronIdentity): NumberRegisterDef[] {
  const { meterCode, firmware } = identity;
  return (["holding", "input"] as const).flatMap((space) => [
    register(space, "uint32", {
      address: 0xfc00,
      name: "Serial number",
      unit: "",
      formula: serial,
    }),
    register(space, "uint16", {
      address: 0xfc02,
      name: "Meter code",
      unit: "",
      formula: meterCode,
    }),
    ...(firmware === undefined ? [] : [
      register(space, "uint16", { address: 0xfc03, unit: "", ...firmware }),
    ]),
  ]);
}
