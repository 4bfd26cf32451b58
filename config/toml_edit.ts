/**
 * A TOML line editor: changes one value in place and keeps every comment, blank line, indent and
 * spacing of the file (smol-toml's `stringify` would drop them). Used by the Modbus settings writes.
 *
 * @module
 */

import { parse } from "smol-toml";
import { formatTomlScalar, tomlEqual, type TomlScalar } from "./_toml_values.ts";
import { formatKeyPath, scanToml, type TomlEntry, type TomlScan } from "./toml_locate.ts";

export type { TomlScalar } from "./_toml_values.ts";

/**
 * Sets `keyPath` to `value` in TOML text and returns the new text.
 *
 * An existing key keeps its indentation, the spacing around `=` and its trailing comment; only
 * the value is rewritten. A missing key is inserted after the last key line of its table (or
 * inside its inline table, or after the dotted keys that define its table); a missing table is
 * appended as a new `[table]` at the end. The result is parsed again and must differ from the
 * input in that one value only.
 *
 * @param keyPath dotted bare keys (`"modbus.rtu.address"`) or the key segments
 * @throws {SyntaxError} if `text` is not valid TOML
 * @throws {TypeError} if the path is empty, crosses a non-table or an array of tables, or names a
 * table
 * @throws {Error} if the edited text does not check out (a bug; the input text is untouched)
 *
 * @example
 * ```ts
 * import { setTomlValue } from "./toml_edit.ts";
 *
 * setTomlValue('[modbus.rtu]\naddress = 2  # slave id\n', "modbus.rtu.address", 7);
 * // '[modbus.rtu]\naddress = 7  # slave id\n'
 * ```
 */
export function setTomlValue(
  text: string,
  keyPath: string | readonly string[],
  value: TomlScalar,
): string {
  const segments = typeof keyPath === "string" ? keyPath.split(".") : [...keyPath];
  const shown = formatKeyPath(segments);
  if (segments.length === 0 || (typeof keyPath === "string" && segments.includes(""))) {
    throw new TypeError(`Cannot set key: invalid key path "${String(keyPath)}"`);
  }
  let before: Record<string, unknown>;
  try {
    before = parse(text);
  } catch (error) {
    const first = firstLine(error);
    throw new SyntaxError(`Cannot set ${shown}: the text is not valid TOML: ${first}`);
  }
  checkPath(before, segments, shown);

  const scan = scanToml(text);
  const literal = formatTomlScalar(value);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const existing = scan.byPath.get(shown);
  const edited = existing !== undefined && existing.kind === "value"
    ? splice(text, existing.valueStart, existing.valueEnd, literal)
    : insert(text, scan, segments, literal, eol);

  let after: unknown;
  try {
    after = parse(edited);
  } catch (error) {
    const first = firstLine(error);
    throw new Error(`Cannot set ${shown}: the edited text is not valid TOML: ${first}`);
  }
  if (!tomlEqual(after, withValue(before, segments, value))) {
    throw new Error(`Cannot set ${shown}: the edited text does not hold the expected values`);
  }
  return edited;
}

/** The first line of a smol-toml error, without its "Invalid TOML document: " prefix. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
}

/** Refuses paths through scalars or arrays, and paths naming a table. */
function checkPath(
  root: Record<string, unknown>,
  segments: readonly string[],
  shown: string,
): void {
  let node: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    if (Array.isArray(node)) {
      const where = formatKeyPath(segments.slice(0, i));
      throw new TypeError(`Cannot set ${shown}: ${where} is an array`);
    }
    if (typeof node !== "object" || node === null || Object.getPrototypeOf(node) !== null) {
      const where = formatKeyPath(segments.slice(0, i));
      throw new TypeError(`Cannot set ${shown}: ${where} is not a table`);
    }
    const segment = segments[i] ?? "";
    if (!Object.hasOwn(node, segment)) return; // the rest of the path is new
    node = (node as Record<string, unknown>)[segment];
  }
  if (typeof node === "object" && node !== null && Object.getPrototypeOf(node) === null) {
    throw new TypeError(`Cannot set ${shown}: it is a table`);
  }
}

/** A copy of `root` with `segments` set to `value` (only the objects on the path are copied). */
function withValue(root: unknown, segments: readonly string[], value: TomlScalar): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  const table = (typeof root === "object" && root !== null ? root : {}) as Record<string, unknown>;
  return { ...table, [head]: withValue(table[head], rest, value) };
}

function splice(text: string, start: number, end: number, insertion: string): string {
  return text.slice(0, start) + insertion + text.slice(end);
}

/** Inserts a missing key where a person would have written it. */
function insert(
  text: string,
  scan: TomlScan,
  segments: readonly string[],
  literal: string,
  eol: string,
): string {
  const parent = segments.slice(0, -1);
  // Inside an inline table (the deepest one on the path) the key must go between its braces.
  for (let n = segments.length - 1; n > 0; n--) {
    const owner = scan.byPath.get(formatKeyPath(segments.slice(0, n)));
    if (owner?.kind === "value") {
      return insertIntoInlineTable(text, owner, `${formatKeyPath(segments.slice(n))} = ${literal}`);
    }
  }
  // The deepest part of the path the text already defines.
  let depth = segments.length - 1;
  let anchor: TomlEntry | undefined;
  for (; depth > 0; depth--) {
    anchor = scan.byPath.get(formatKeyPath(segments.slice(0, depth)));
    if (anchor !== undefined) break;
  }
  if (depth === parent.length) {
    // The parent table exists: a header, dotted keys, or the root.
    const section = anchor === undefined ? scan.sections[0] : scan.sections[anchor.section];
    if (section !== undefined && (anchor === undefined || anchor.kind === "table")) {
      const line = `${formatKeyPath(segments.slice(parent.length))} = ${literal}`;
      const after = section.lastKeyLineEnd ?? section.headerLineEnd;
      return after < 0
        ? line + eol + text
        : insertLineAfter(text, after, section.lastKeyIndent + line, eol);
    }
    if (section !== undefined && anchor !== undefined && section.path.length < anchor.path.length) {
      // Defined by dotted keys (`rtu.baud = 1` under [modbus]): add one more beside the last.
      const last = scan.entries.findLast((e) =>
        e.kind === "value" && !e.inInlineTable && e.section === anchor.section &&
        parent.every((s, i) => e.path[i] === s)
      );
      if (last !== undefined) {
        const indent = text.slice(text.lastIndexOf("\n", last.keyStart - 1) + 1, last.keyStart);
        const line = `${formatKeyPath(segments.slice(section.path.length))} = ${literal}`;
        return insertLineAfter(text, last.lineEnd, indent + line, eol);
      }
    }
  }
  // No table to put it in: a new [table] at the end.
  const gap = text === "" ? "" : text.endsWith("\n") ? eol : eol + eol;
  return `${text}${gap}[${formatKeyPath(parent)}]${eol}${
    formatKeyPath(segments.slice(-1))
  } = ${literal}${eol}`;
}

/** Inserts a line after the line ending at `lineEnd` (a "\n" offset, or the text end). */
function insertLineAfter(text: string, lineEnd: number, line: string, eol: string): string {
  return lineEnd >= text.length
    ? text + eol + line
    : splice(text, lineEnd + 1, lineEnd + 1, line + eol);
}

/** Adds `pair` to the inline table `entry` before its closing brace. */
function insertIntoInlineTable(text: string, entry: TomlEntry, pair: string): string {
  const close = entry.valueEnd - 1;
  let last = close - 1;
  while (last > entry.valueStart && /\s/.test(text[last] ?? "")) last--;
  if (last === entry.valueStart) {
    return splice(text, entry.valueStart, entry.valueEnd, `{ ${pair} }`);
  }
  const separator = text[last] === "," ? " " : ", ";
  return splice(text, last + 1, last + 1, separator + pair);
}
