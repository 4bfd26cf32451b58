/**
 * Strict argument parsing over `node:util` parseArgs: unknown flags and missing values become
 * {@linkcode UsageError}s that name the flag.
 *
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "./command.ts";

/** Parsed flags and positionals of one command. */
export interface ParsedArgs {
  /** Flag values by name. */
  readonly values: Record<string, string | boolean | string[] | undefined>;
  /** Positional arguments. */
  readonly positionals: string[];
}

/** Parses `args` for `command`; throws UsageError on anything not in `options`. */
export function parseCommandArgs(
  command: string,
  args: string[],
  options: ParseArgsOptionsConfig,
  maxPositionals = Infinity,
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${command}: ${describeParseError(error)}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `${command}: unexpected argument "${parsed.positionals[maxPositionals]}"`,
    );
  }
  return { values: parsed.values as ParsedArgs["values"], positionals: parsed.positionals };
}

function describeParseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const unknown = text.match(/Unknown option '([^']+)'/);
  if (unknown) return `unknown option "${unknown[1]}"`;
  const missing = text.match(/Option '(?:-\w, )?(--[^ ]+)[^']*' argument missing/);
  if (missing) return `option "${missing[1]}" needs a value`;
  return text.split("\n")[0] ?? text;
}

/** Reads a string flag. */
export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === "string" ? v : undefined;
}

/** Reads a repeatable string flag. */
export function stringListFlag(parsed: ParsedArgs, name: string): string[] | undefined {
  const v = parsed.values[name];
  if (Array.isArray(v)) return v;
  return typeof v === "string" ? [v] : undefined;
}

/** Reads a boolean flag. */
export function boolFlag(parsed: ParsedArgs, name: string): boolean {
  return parsed.values[name] === true;
}

/** Reads a non-negative integer flag, naming the flag in the error. */
export function intFlag(
  parsed: ParsedArgs,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const text = stringFlag(parsed, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`option "--${name}" must be an integer ${min}…${max}: got "${text}"`);
  }
  return Number(text);
}
