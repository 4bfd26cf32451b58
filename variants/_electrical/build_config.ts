/**
 * The shape every build's factory defaults take (Modbus address and baud rate, 8N1, and the
 * build's own options), and the function codes of meters that answer FC03 only.
 *
 * @module
 */
import type { BuildConfig, FunctionCodes } from "../api.ts";

/** FC03 → holding registers, FC04 unanswered (Chint, Huawei, ABB, SunSpec). */
export const FC03_ONLY: FunctionCodes = { fc03: "holding", fc04: null };

/**
 * A build's factory defaults: Modbus address and baud rate, parity none (8N1), and the build's
 * own configuration options.
 *
 * @example
 * ```ts
 * import { buildConfig } from "./build_config.ts";
 * const config = buildConfig({ address: 11, baud: 9600 });
 * config.defaults["modbus.rtu.parity"]; // "none"
 * ```
 */
export function buildConfig(
  defaults: { address: number; baud: number },
  options: readonly string[] = [],
): BuildConfig {
  return {
    defaults: {
      "modbus.rtu.address": defaults.address,
      "modbus.rtu.baud": defaults.baud,
      "modbus.rtu.parity": "none",
    },
    options,
  };
}
