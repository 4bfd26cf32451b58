/**
 * A small TOML line scanner: finds where each key, table header and value sits in the text, which
 * smol-toml does not report. The validator uses it for line numbers, the line editor for spans.
 *
 * It understands `[table]`/`[[array]]` headers (spaces, quoted keys), dotted keys, inline tables,
 * comments, strings holding `#`, `=` or `[`, and multi-line strings and arrays (whose inner lines
 * are not keys). It assumes text that smol-toml accepts; on anything else it stays lenient.
 *
 * @module
 */

import { endOfValue, lexKey, lineEndAt, skipBlanks, walkInlineTable } from "./_toml_lexer.ts";
import { formatTomlScalar } from "./_toml_values.ts";

/** What a scanned entry is. */
export type TomlEntryKind =
  /** `key = value` (also inside an inline table). */
  | "value"
  /** A `[table]` header. */
  | "table"
  /** A `[[array]]` header (the first one). */
  | "array-table"
  /** A table created implicitly by a dotted key (`rtu.baud = 1`) or a deeper header. */
  | "implicit-table";

/** One key or table found in the text. Offsets are UTF-16 indices into the text. */
export interface TomlEntry {
  readonly kind: TomlEntryKind;
  /** Full key path from the root (header path + key segments). */
  readonly path: readonly string[];
  /** 1-based line of the key or header. */
  readonly line: number;
  /** Offset of the key (or of `[`) on its line. */
  readonly keyStart: number;
  /** Offset of the first character of the value (values only; else -1). */
  readonly valueStart: number;
  /** Offset just past the value (values only; else -1). */
  readonly valueEnd: number;
  /** Offset of the "\n" (or text end) that ends the line where the entry ends. */
  readonly lineEnd: number;
  /** Index of the section (0 = before any header) the entry sits in. */
  readonly section: number;
  /** Whether the key is written inside an inline table. */
  readonly inInlineTable: boolean;
}

/** A header and the lines up to the next header (section 0 is the text before any header). */
export interface TomlSection {
  /** The header's path; empty for section 0. */
  readonly path: readonly string[];
  readonly isArray: boolean;
  /** Offset of the "\n" (or text end) ending the header line; -1 for section 0. */
  readonly headerLineEnd: number;
  /** Offset of the line end after the section's last key-value; undefined when it has none. */
  readonly lastKeyLineEnd: number | undefined;
  /** Indentation of the section's last key-value line. */
  readonly lastKeyIndent: string;
}

/** The result of {@linkcode scanToml}. */
export interface TomlScan {
  readonly entries: readonly TomlEntry[];
  readonly sections: readonly TomlSection[];
  /** Entry per formatted path ({@linkcode formatKeyPath}); explicit entries win over implicit. */
  readonly byPath: ReadonlyMap<string, TomlEntry>;
}

/** Formats key segments as TOML writes them: bare where possible, else a quoted basic string. */
export function formatKeyPath(segments: readonly string[]): string {
  return segments.map((s) => (/^[A-Za-z0-9_-]+$/.test(s) ? s : formatTomlScalar(s))).join(".");
}

/** Scans TOML text for the position of every key, header and value. */
export function scanToml(text: string): TomlScan {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const entries: TomlEntry[] = [];
  const byPath = new Map<string, TomlEntry>();
  const sections: { -readonly [K in keyof TomlSection]: TomlSection[K] }[] = [
    { path: [], isArray: false, headerLineEnd: -1, lastKeyLineEnd: undefined, lastKeyIndent: "" },
  ];
  const record = (entry: TomlEntry): void => {
    entries.push(entry);
    const id = formatKeyPath(entry.path);
    const known = byPath.get(id);
    if (
      known === undefined || (known.kind === "implicit-table" && entry.kind !== "implicit-table")
    ) {
      byPath.set(id, entry);
    }
  };
  const recordPrefixes = (path: readonly string[], from: number, at: number, section: number) => {
    for (let n = from; n < path.length; n++) {
      const id = formatKeyPath(path.slice(0, n));
      if (byPath.has(id)) continue;
      record({
        kind: "implicit-table",
        path: path.slice(0, n),
        line: lineOf(at),
        keyStart: at,
        valueStart: -1,
        valueEnd: -1,
        lineEnd: lineEndAt(text, at),
        section,
        inInlineTable: false,
      });
    }
  };

  let p = 0;
  while (p < text.length) {
    const start = skipBlanks(text, p);
    const c = text[start];
    if (c === "\n" || c === "\r") {
      p = start + 1;
      continue;
    }
    if (c === "#" || c === undefined) {
      p = lineEndAt(text, start) + 1;
      continue;
    }
    const sectionIndex = sections.length - 1;
    const section = sections[sectionIndex];
    if (c === "[" && section !== undefined) {
      const isArray = text[start + 1] === "[";
      const key = lexKey(text, start + (isArray ? 2 : 1));
      const lineEnd = lineEndAt(text, key.end);
      sections.push({
        path: key.segments,
        isArray,
        headerLineEnd: lineEnd,
        lastKeyLineEnd: undefined,
        lastKeyIndent: "",
      });
      recordPrefixes(key.segments, 1, start, sectionIndex + 1);
      record({
        kind: isArray ? "array-table" : "table",
        path: key.segments,
        line: lineOf(start),
        keyStart: start,
        valueStart: -1,
        valueEnd: -1,
        lineEnd,
        section: sectionIndex + 1,
        inInlineTable: false,
      });
      p = lineEnd + 1;
      continue;
    }
    if (section === undefined) break;
    // A key-value line.
    const key = lexKey(text, start);
    let q = skipBlanks(text, key.end);
    if (text[q] === "=") q = skipBlanks(text, q + 1);
    const path = [...section.path, ...key.segments];
    recordPrefixes(path, section.path.length + 1, start, sectionIndex);
    const valueStart = q;
    const valueEnd = endOfValue(
      text,
      q,
      (open) =>
        walkInlineTable(text, open, (segments, keyStart, vStart, vEnd) => {
          const inner = [...path, ...segments];
          recordPrefixes(inner, path.length + 1, keyStart, sectionIndex);
          record({
            kind: "value",
            path: inner,
            line: lineOf(keyStart),
            keyStart,
            valueStart: vStart,
            valueEnd: vEnd,
            lineEnd: lineEndAt(text, vEnd),
            section: sectionIndex,
            inInlineTable: true,
          });
        }),
    );
    const lineEnd = lineEndAt(text, valueEnd);
    record({
      kind: "value",
      path,
      line: lineOf(start),
      keyStart: start,
      valueStart,
      valueEnd,
      lineEnd,
      section: sectionIndex,
      inInlineTable: false,
    });
    section.lastKeyLineEnd = lineEnd;
    section.lastKeyIndent = text.slice(lineStarts[lineOf(start) - 1] ?? 0, start);
    p = Math.max(lineEnd + 1, start + 1);
  }
  return { entries, sections, byPath };
}

/**
 * The 1-based line of a key: where it is written, else where its nearest enclosing table is
 * (header, dotted key or inline table), else 1.
 *
 * @param path dotted path of bare keys (`"modbus.rtu.address"`) or the segments themselves
 */
export function locateLine(scan: TomlScan, path: string | readonly string[]): number {
  const segments = typeof path === "string" ? path.split(".") : path;
  for (let n = segments.length; n > 0; n--) {
    const entry = scan.byPath.get(formatKeyPath(segments.slice(0, n)));
    if (entry !== undefined) return entry.line;
  }
  return 1;
}
