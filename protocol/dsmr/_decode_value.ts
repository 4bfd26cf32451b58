/**
 * Turns the groups of one object into a {@linkcode CosemValue} according to its format.
 * A value that does not fit its format yields `{ kind: "bad", bad: text }` (the telegram
 * is rejected), except timestamps, which become `null`, and a `0-0:98.1.0` in another
 * layout than the Belgian one, which is kept raw.
 *
 * @module
 */

import type { ObjectFormat } from "./_object_table.ts";
import { decodeHexText, isUnit, parseDecimal, parseNumberUnit, parseTst } from "./_values.ts";
import type { CosemValue, PeakEntry, PowerFailure } from "./reading.ts";

/** A value that does not parse: the offending text. */
export interface BadValue {
  readonly kind: "bad";
  readonly bad: string;
}

const PEAK_ID = "1-0:1.6.0";

/** The text between the outer parentheses of an object. */
export function rawText(groups: readonly string[]): string {
  return groups.length === 1 ? groups[0]! : groups.join(")(");
}

function whole(groups: readonly string[]): BadValue {
  return { kind: "bad", bad: rawText(groups) };
}

function isCode(g: string): boolean {
  const n = g.length;
  if (n > 16) return false;
  for (let i = 0; i < n; i++) {
    const c = g.charCodeAt(i);
    const l = c | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x7a))) return false;
  }
  return true;
}

function isDigits(g: string): boolean {
  if (g.length < 1 || g.length > 6) return false;
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Decodes the groups of an object of a known format. */
export function decodeValue(
  format: ObjectFormat,
  groups: readonly string[],
): CosemValue | BadValue {
  switch (format) {
    case "number": {
      if (groups.length !== 1) return whole(groups);
      const g = groups[0]!;
      return parseNumberUnit(g) ?? { kind: "bad", bad: g };
    }
    case "hexText": {
      if (groups.length !== 1) return whole(groups);
      const g = groups[0]!;
      return { kind: "text", value: decodeHexText(g) ?? g, raw: g };
    }
    case "code": {
      if (groups.length !== 1) return whole(groups);
      const g = groups[0]!;
      return isCode(g) ? { kind: "text", value: g, raw: g } : { kind: "bad", bad: g };
    }
    case "timestamp":
      if (groups.length !== 1) return whole(groups);
      return { kind: "timestamp", value: parseTst(groups[0]!) };
    case "timedNumber": {
      if (groups.length !== 2) return whole(groups);
      const n = parseNumberUnit(groups[1]!);
      if (n === undefined) return { kind: "bad", bad: groups[1]! };
      return { kind: "timedNumber", timestamp: parseTst(groups[0]!), value: n.value, unit: n.unit };
    }
    case "hourlyGas":
      return decodeHourlyGas(groups);
    case "peakHistory":
      return decodePeakHistory(groups);
    case "powerFailureLog":
      return decodePowerFailureLog(groups);
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

/** DSMR 2.2/3 `0-n:24.3.0(TST12)(00)(60)(1)(0-n:24.2.1)(unit)` + continuation `(value)`. */
function decodeHourlyGas(groups: readonly string[]): CosemValue | BadValue {
  if (groups.length !== 7) return whole(groups);
  const unitGroup = groups[5]!;
  if (unitGroup.length > 0 && !isUnit(unitGroup, 0, unitGroup.length)) {
    return { kind: "bad", bad: unitGroup };
  }
  const n = parseNumberUnit(groups[6]!);
  if (n === undefined) return { kind: "bad", bad: groups[6]! };
  return {
    kind: "timedNumber",
    timestamp: parseTst(groups[0]!),
    value: n.value,
    unit: n.unit ?? (unitGroup.length > 0 ? unitGroup : null),
  };
}

/**
 * Belgian layout `(N)(1-0:1.6.0)(1-0:1.6.0)` + N × `(month start)(peak time)(value*kW)`;
 * N = 0 is followed by one empty `()`. Any other layout (E.ON Hungary) is kept raw.
 */
function decodePeakHistory(groups: readonly string[]): CosemValue | BadValue {
  const count = groups.length >= 3 && isDigits(groups[0]!)
    ? parseDecimal(groups[0]!, 0, groups[0]!.length)
    : NaN;
  const belgian = !Number.isNaN(count) && groups[1] === PEAK_ID && groups[2] === PEAK_ID &&
    (count === 0
      ? groups.length === 3 || (groups.length === 4 && groups[3] === "")
      : groups.length === 3 + 3 * count);
  if (!belgian) return { kind: "raw", raw: rawText(groups) };
  const entries: PeakEntry[] = [];
  for (let k = 0; k < count; k++) {
    const at = 3 + 3 * k;
    const n = parseNumberUnit(groups[at + 2]!);
    if (n === undefined) return { kind: "bad", bad: groups[at + 2]! };
    entries.push({
      monthStart: parseTst(groups[at]!),
      peakTime: parseTst(groups[at + 1]!),
      value: n.value,
      unit: n.unit,
    });
  }
  return { kind: "peakHistory", entries };
}

/** `(z)(0-0:96.7.19)` + z × `(TST end)(duration*s)`; the ill-formed `()` is an empty log. */
function decodePowerFailureLog(groups: readonly string[]): CosemValue | BadValue {
  if (groups.length === 1 && groups[0] === "") return { kind: "powerFailureLog", events: [] };
  if (groups.length < 2 || !isDigits(groups[0]!)) return whole(groups);
  const count = parseDecimal(groups[0]!, 0, groups[0]!.length);
  if (groups.length !== 2 + 2 * count) return whole(groups);
  const events: PowerFailure[] = [];
  for (let k = 0; k < count; k++) {
    const at = 2 + 2 * k;
    const g = groups[at + 1]!;
    const n = parseNumberUnit(g);
    if (n === undefined || (n.unit !== null && n.unit.toLowerCase() !== "s")) {
      return { kind: "bad", bad: g };
    }
    events.push({ end: parseTst(groups[at]!), durationS: n.value });
  }
  return { kind: "powerFailureLog", events };
}
