/**
 * Identification values the masters check: the serial number, as a number or as text.
 *
 * Serial = `[registers] serial` when set; else the last 9 decimal digits of the meter's
 * hex-decoded equipment id (`0-0:96.1.1`, else `0-0:96.1.0`) as a uint32
 * (`1SAG3100138726` → 100138726). When the id has no digits, its digits make 0, or no telegram
 * has come yet: 1 (openWB rejects a serial of 0).
 *
 * @module
 */
import type { ValueContext } from "../api.ts";
import type { Formula, TextFormula } from "./formula.ts";

/** The serial number served. */
export function serialNumber(ctx: ValueContext): number {
  const configured = ctx.options.serial;
  if (configured !== "auto") return configured;
  const id = ctx.m.equipmentId;
  if (!ctx.hasReading || id === undefined) return 1;
  const digits = id.replace(/[^0-9]/g, "");
  const value = digits === "" ? 0 : Number(digits.slice(-9));
  return value === 0 ? 1 : value;
}

/** Formula: the serial number (uint32). */
export const serial: Formula = {
  source: {
    kind: "reading",
    fields: ["equipmentId"],
    obis: ["0-0:96.1.1", "0-0:96.1.0"],
    rule:
      "[registers] serial when set; else the last 9 decimal digits of the decoded equipment id; 1 when they make 0, the id has no digits or no telegram has come yet",
  },
  measured: false,
  value: serialNumber,
};

/**
 * Formula: the serial number as decimal text, zero-padded to `minDigits` digits (SunSpec SN;
 * Carlo Gavazzi 0x1300 with 7, since Victron refuses a serial of fewer than 2 characters).
 *
 * @example
 * ```ts
 * import { serialText } from "./identity.ts";
 * serialText(7).source.rule.startsWith("decimal text, zero-padded to 7 digits,"); // true
 * ```
 */
export function serialText(minDigits = 1): TextFormula {
  const padded = minDigits > 1 ? `, zero-padded to ${minDigits} digits,` : "";
  return {
    source: {
      ...serial.source,
      rule: `decimal text${padded} of the serial number: ${serial.source.rule}`,
    },
    value: (ctx) => String(serialNumber(ctx)).padStart(minDigits, "0"),
  };
}
