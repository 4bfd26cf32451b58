/**
 * The COSEM objects the decoder interprets (e-MUCS 1.7.1, DSMR 5.0.2 and the older DSMR
 * 2.2/3/4 objects), and how each value is read. Everything else is kept raw.
 *
 * @module
 */

/** How the value groups of an object are read. */
export type ObjectFormat =
  /** `(value[*unit])`: a decimal number. */
  | "number"
  /** `(hex)`: an octet string, hex-decoded to text when printable. */
  | "hexText"
  /** `(0001)`: a short code kept as sent (up to 16 letters and digits, or empty). */
  | "code"
  /** `(YYMMDDhhmmssX)`. */
  | "timestamp"
  /** `(TST)(value[*unit])`. */
  | "timedNumber"
  /** DSMR 2.2/3 hourly gas: `(TST12)(00)(60)(1)(0-n:24.2.1)(unit)` + `(value)`. */
  | "hourlyGas"
  /** Belgian `0-0:98.1.0` maximum-demand history (raw when the layout differs). */
  | "peakHistory"
  /** `1-0:99.97.0` power-failure event log. */
  | "powerFailureLog";

const ELECTRICITY: Readonly<Record<string, ObjectFormat>> = {
  // Energy registers (kWh; Wh on some meters)
  "1-0:1.8.0": "number",
  "1-0:1.8.1": "number",
  "1-0:1.8.2": "number",
  "1-0:2.8.0": "number",
  "1-0:2.8.1": "number",
  "1-0:2.8.2": "number",
  // Power: totals and per phase, import (+P) and export (-P)
  "1-0:1.7.0": "number",
  "1-0:2.7.0": "number",
  "1-0:21.7.0": "number",
  "1-0:41.7.0": "number",
  "1-0:61.7.0": "number",
  "1-0:22.7.0": "number",
  "1-0:42.7.0": "number",
  "1-0:62.7.0": "number",
  // Voltage and current per phase
  "1-0:32.7.0": "number",
  "1-0:52.7.0": "number",
  "1-0:72.7.0": "number",
  "1-0:31.7.0": "number",
  "1-0:51.7.0": "number",
  "1-0:71.7.0": "number",
  // Frequency (not BE/NL, but a converter uses it when sent)
  "1-0:14.7.0": "number",
  // Belgian capacity tariff
  "1-0:1.4.0": "number",
  "1-0:1.6.0": "timedNumber",
  "0-0:98.1.0": "peakHistory",
  // Limiter, fuse, breaker, grid configuration
  "0-0:17.0.0": "number",
  "1-0:31.4.0": "number",
  "0-0:96.3.10": "number",
  "1-0:94.32.1": "number",
  // Power quality (NL)
  "0-0:96.7.21": "number",
  "0-0:96.7.9": "number",
  "1-0:99.97.0": "powerFailureLog",
  "1-0:32.32.0": "number",
  "1-0:52.32.0": "number",
  "1-0:72.32.0": "number",
  "1-0:32.36.0": "number",
  "1-0:52.36.0": "number",
  "1-0:72.36.0": "number",
  // Meta
  "0-0:1.0.0": "timestamp",
  "0-0:96.1.4": "code",
  "1-3:0.2.8": "code",
  "0-0:96.14.0": "code",
  "0-0:96.1.1": "hexText",
  "0-0:96.1.0": "hexText",
  "0-0:96.1.2": "hexText",
  "0-0:96.13.0": "hexText",
  "0-0:96.13.1": "hexText",
};

/** M-Bus channel objects `0-n:C.D.E`, n = 1…9. */
const MBUS: Readonly<Record<string, ObjectFormat>> = {
  "24.1.0": "code",
  "96.1.0": "hexText",
  "96.1.1": "hexText",
  "96.1.2": "hexText",
  "24.2.1": "timedNumber",
  "24.2.3": "timedNumber",
  "24.3.0": "hourlyGas",
  "24.4.0": "number",
  "96.3.10": "number",
};

const ELECTRICITY_MAP: ReadonlyMap<string, ObjectFormat> = new Map(Object.entries(ELECTRICITY));
const MBUS_MAP: ReadonlyMap<string, ObjectFormat> = new Map(Object.entries(MBUS));

/** The format of a known object, or `undefined` for an object kept raw. */
export function objectFormat(code: string): ObjectFormat | undefined {
  const known = ELECTRICITY_MAP.get(code);
  if (known !== undefined) return known;
  // "0-n:" with n = 1…9
  if (
    code.length > 4 && code.charCodeAt(0) === 0x30 && code.charCodeAt(1) === 0x2d &&
    code.charCodeAt(3) === 0x3a
  ) {
    const n = code.charCodeAt(2);
    if (n >= 0x31 && n <= 0x39) return MBUS_MAP.get(code.slice(4));
  }
  return undefined;
}
