/**
 * A formula: where a register's value comes from (for the map) together with the function that
 * computes it, so a variant's table only pairs addresses and names with formulas. Builders turn
 * a formula into a {@linkcode RegisterDef}: a number of a type with the meter's scale and word
 * order, or a text.
 *
 * @module
 */
import type {
  NumberRegisterDef,
  NumberType,
  RegisterCondition,
  RegisterSource,
  RegisterSpace,
  SettingDef,
  TextRegisterDef,
  ValueContext,
  WordOrder,
} from "../api.ts";
import { clean } from "./fields.ts";

/** A register's source and value, independent of its address. */
export interface Formula {
  /** Where the value comes from. */
  readonly source: RegisterSource;
  /** A measured value (subject to the stale policy). */
  readonly measured: boolean;
  /** The value now; null when unknown (served as 0). */
  readonly value: (ctx: ValueContext) => number | null;
}

/** A text register's source and text. */
export interface TextFormula {
  /** Where the text comes from. */
  readonly source: RegisterSource;
  /** The text now; null = all NUL. */
  readonly value: (ctx: ValueContext) => string | null;
}

/** The name, unit and formula of a register, as a variant's table lists them. */
export interface RegisterLine {
  /** Zero-based address. */
  readonly address: number;
  /** Name as the meter's documentation gives it. */
  readonly name: string;
  /** Unit of the formula's value, "" when none. */
  readonly unit: string;
  /** The formula. */
  readonly formula: Formula;
}

/** How a number register is encoded besides its type. */
export interface EncodingOptions {
  /** The meter's fixed scale (register = value × scale). @default 1 */
  readonly scale?: number;
  /** Word order of 32- and 64-bit values. @default "high-first" */
  readonly wordOrder?: WordOrder;
  /** SunSpec: address of the scale-factor register `scale` follows. */
  readonly scaleFactorAt?: number;
  /** A master writes it with the value it holds (see `RegisterDef.protocolWrite`). */
  readonly protocolWrite?: boolean;
  /** Served only while this build option has this value. */
  readonly when?: RegisterCondition;
}

/** Makes float32 registers (high word first, as Eastron meters) of one space from a table. */
export function floatRegisters(
  space: RegisterSpace,
  lines: readonly RegisterLine[],
): NumberRegisterDef[] {
  return lines.map((line) => register(space, "float32", line));
}

/** Makes one number register of `type` (32- and 64-bit values high word first by default). */
export function register(
  space: RegisterSpace,
  type: NumberType,
  line: RegisterLine,
  options: EncodingOptions = {},
): NumberRegisterDef {
  const { formula } = line;
  return {
    space,
    address: line.address,
    name: line.name,
    unit: line.unit,
    type,
    scale: options.scale ?? 1,
    wordOrder: options.wordOrder ?? "high-first",
    source: formula.source,
    measured: formula.measured,
    value: formula.value,
    ...(options.scaleFactorAt === undefined ? {} : { scaleFactorAt: options.scaleFactorAt }),
    ...(options.protocolWrite === undefined ? {} : { protocolWrite: options.protocolWrite }),
    ...(options.when === undefined ? {} : { when: options.when }),
  };
}

/** A text register's place, name and formula. */
export interface TextLine {
  /** Zero-based address. */
  readonly address: number;
  /** Name as the meter's documentation gives it. */
  readonly name: string;
  /** Registers it spans (two characters each). */
  readonly length: number;
  /** The formula. */
  readonly formula: TextFormula;
}

/** Makes one text register. */
export function textRegister(
  space: RegisterSpace,
  line: TextLine,
  options: Pick<EncodingOptions, "when"> = {},
): TextRegisterDef {
  return {
    space,
    address: line.address,
    name: line.name,
    unit: "",
    type: "text",
    length: line.length,
    wordOrder: "high-first",
    source: line.formula.source,
    measured: false,
    value: line.formula.value,
    ...(options.when === undefined ? {} : { when: options.when }),
  };
}

/** A constant. */
export function fixed(value: number, rule: string): Formula {
  return { source: { kind: "fixed", value, rule }, measured: false, value: () => value };
}

/** A constant text. */
export function fixedText(text: string, rule: string): TextFormula {
  return { source: { kind: "fixed", value: text, rule }, value: () => text };
}

/**
 * A measured formula's value times `factor`, for a meter that counts in another unit (kWh → Wh,
 * a power factor → percent); `note` is added to the rule.
 *
 * @example
 * ```ts
 * import { times } from "./formula.ts";
 * import { importEnergy } from "./energy.ts";
 * const wh = times(importEnergy, 1000, "× 1000 (Wh)");
 * wh.source.rule.endsWith("; × 1000 (Wh)"); // true
 * ```
 *
 * @throws {TypeError} for a fixed formula (its declared value would no longer be what it serves)
 */
export function times(formula: Formula, factor: number, note: string): Formula {
  return mapped(formula, note, (v) => v * factor);
}

/**
 * A measured formula's magnitude, for a meter whose sign means something the telegram does not
 * say (the EM24's power factor sign is lead/lag); `note` is added to the rule.
 *
 * @throws {TypeError} for a fixed formula
 */
export function magnitude(formula: Formula, note: string): Formula {
  return mapped(formula, note, Math.abs);
}

function mapped(formula: Formula, note: string, f: (value: number) => number): Formula {
  const { source } = formula;
  if (source.kind === "fixed") {
    throw new TypeError(`Cannot map a fixed formula: ${source.rule}`);
  }
  return {
    source: { ...source, rule: `${source.rule}; ${note}` },
    measured: formula.measured,
    value: (ctx) => {
      const value = formula.value(ctx);
      return value === null ? null : clean(f(value));
    },
  };
}

/** A value no telegram carries: reads 0, as the device serves it. */
export function none(rule = "not in any P1 telegram: reads 0"): Formula {
  return { source: { kind: "none", rule }, measured: true, value: () => null };
}

/** The holding register that shows a setting's pending value (what the next start uses). */
export function settingRegister(
  setting: SettingDef,
  name: string,
  unit = "",
): NumberRegisterDef {
  return {
    space: "holding",
    address: setting.address,
    name,
    unit,
    type: setting.type,
    scale: 1,
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
