/**
 * A formula: where a register's value comes from (for the map) together with the function that
 * computes it, so a variant's table only pairs addresses and names with formulas. Builders turn
 * a formula into a {@linkcode RegisterDef}.
 *
 * @module
 */
import type {
  RegisterDef,
  RegisterSource,
  RegisterSpace,
  RegisterType,
  SettingDef,
  ValueContext,
} from "../api.ts";

/** A register's source and value, independent of its address. */
export interface Formula {
  /** Where the value comes from. */
  readonly source: RegisterSource;
  /** A measured value (subject to the stale policy). */
  readonly measured: boolean;
  /** The value now; null when unknown (served as 0). */
  readonly value: (ctx: ValueContext) => number | null;
}

/** The name, unit and formula of a register, as a variant's table lists them. */
export interface RegisterLine {
  /** Zero-based address. */
  readonly address: number;
  /** Name as the meter's documentation gives it. */
  readonly name: string;
  /** Unit, "" when none. */
  readonly unit: string;
  /** The formula. */
  readonly formula: Formula;
}

/** Makes float32 registers (high word first, as Eastron meters) of one space from a table. */
export function floatRegisters(
  space: RegisterSpace,
  lines: readonly RegisterLine[],
): RegisterDef[] {
  return lines.map((line) => register(space, "float32", line));
}

/** Makes one register of `type` (32-bit values high word first). */
export function register(
  space: RegisterSpace,
  type: RegisterType,
  line: RegisterLine,
): RegisterDef {
  const { formula } = line;
  return {
    space,
    address: line.address,
    name: line.name,
    unit: line.unit,
    type,
    wordOrder: "high-first",
    source: formula.source,
    measured: formula.measured,
    value: formula.value,
  };
}

/** A constant. */
export function fixed(value: number, rule: string): Formula {
  return { source: { kind: "fixed", value, rule }, measured: false, value: () => value };
}

/** A value no telegram carries: reads 0, as the device serves it. */
export function none(rule = "not in any P1 telegram: reads 0"): Formula {
  return { source: { kind: "none", rule }, measured: true, value: () => null };
}

/** The holding register that shows a setting's pending value (what the next start uses). */
export function settingRegister(setting: SettingDef, name: string, unit = ""): RegisterDef {
  return {
    space: "holding",
    address: setting.address,
    name,
    unit,
    type: setting.type,
    wordOrder: setting.wordOrder,
    source: { kind: "setting", key: setting.key, rule: setting.rule },
    measured: false,
    value: (ctx) => {
      const value = ctx.settings(setting.key);
      if (value === undefined) return null;
      const served = setting.encode(value);
      return Number.isFinite(served) ? served : null;
    },
  };
}
