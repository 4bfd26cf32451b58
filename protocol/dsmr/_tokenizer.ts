/**
 * Splits a telegram body into objects: `code(group)(group)…` per line, with DSMR 2.2/3
 * continuation lines (a line starting with `(` adds groups to the previous object) and
 * groups broken across lines (an unclosed `(` continues on the next line). Empty lines are
 * skipped. Lines end in CR LF or LF.
 *
 * @module
 */

/** One object as written in the telegram. */
export interface ObjectLine {
  /** OBIS code, with a trailing `*255` removed. */
  readonly code: string;
  /** The text of each `(…)` group, without parentheses. */
  groups: string[];
  /** 1-based line number of the object's first line in the telegram. */
  readonly line: number;
}

/** The objects of a body, or the first line that could not be read. */
export type TokenizeResult =
  | { readonly ok: true; readonly objects: ObjectLine[] }
  | { readonly ok: false; readonly line: number; readonly text: string };

const OPEN = 0x28;
const SEPARATORS = [0x2d, 0x3a, 0x2e, 0x2e]; // - : . .

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Validates `A-B:C.D.E[*F]` (1–3 digits each) in `text[from..to)`; strips `*255`. */
function normalizeCode(text: string, from: number, to: number): string | undefined {
  let i = from;
  for (let field = 0; field < 5; field++) {
    const begin = i;
    while (i < to && isDigit(text.charCodeAt(i))) i++;
    if (i === begin || i - begin > 3) return undefined;
    if (field < 4) {
      if (i >= to || text.charCodeAt(i) !== SEPARATORS[field]) return undefined;
      i++;
    }
  }
  if (i === to) return text.slice(from, to);
  if (text.charCodeAt(i) !== 0x2a) return undefined;
  const star = i++;
  const begin = i;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (i !== to || i === begin || i - begin > 3) return undefined;
  if (to - star === 4 && text.startsWith("255", star + 1)) return text.slice(from, star);
  return text.slice(from, to);
}

const NO_GROUPS: string[] = Object.freeze([]) as unknown as string[]; // shared, never pushed to

/**
 * Adds a group to an object. Most objects have one: `[group]` allocates room for one, where a
 * push onto `[]` would reserve 16 (5–6 KB of garbage per telegram).
 */
function addGroup(object: ObjectLine, group: string): void {
  if (object.groups === NO_GROUPS) object.groups = [group];
  else object.groups.push(group);
}

function bad(text: string, line: number, from: number, to: number): TokenizeResult {
  return { ok: false, line, text: text.slice(from, to) };
}

/**
 * Reads the objects of `text[start..end)`.
 * @param firstLine the telegram line number of the line starting at `start`
 */
export function tokenizeBody(
  text: string,
  start: number,
  end: number,
  firstLine: number,
): TokenizeResult {
  const objects: ObjectLine[] = [];
  let current: ObjectLine | undefined;
  let pending: string | null = null; // text of a group left open at the end of a line
  let pos = start;
  let lineNo = firstLine;
  while (pos < end) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0 || nl >= end) nl = end;
    let lineEnd = nl;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    const lineStart = pos;
    const thisLine = lineNo++;
    pos = nl + 1;
    let p = lineStart;
    if (pending !== null && current !== undefined) {
      const close = text.indexOf(")", p);
      const open = text.indexOf("(", p);
      if (close < 0 || close >= lineEnd) {
        if (open >= 0 && open < lineEnd) return bad(text, thisLine, lineStart, lineEnd);
        pending += text.slice(p, lineEnd);
        continue;
      }
      if (open >= 0 && open < close) return bad(text, thisLine, lineStart, lineEnd);
      addGroup(current, pending + text.slice(p, close));
      pending = null;
      p = close + 1;
    } else {
      if (lineEnd === lineStart) continue;
      if (text.charCodeAt(p) !== OPEN) {
        const open = text.indexOf("(", p);
        if (open < 0 || open >= lineEnd) return bad(text, thisLine, lineStart, lineEnd);
        const code = normalizeCode(text, p, open);
        if (code === undefined) return bad(text, thisLine, lineStart, lineEnd);
        current = { code, groups: NO_GROUPS, line: thisLine };
        objects.push(current);
        p = open;
      } else if (current === undefined) {
        return bad(text, thisLine, lineStart, lineEnd);
      }
    }
    while (p < lineEnd) {
      if (text.charCodeAt(p) !== OPEN) return bad(text, thisLine, lineStart, lineEnd);
      // The group ends at the next ")" on the line; a "(" before it is an error.
      const close = text.indexOf(")", p + 1);
      const open = text.indexOf("(", p + 1);
      const end = close < 0 || close > lineEnd ? lineEnd : close;
      if (open >= 0 && open < end) return bad(text, thisLine, lineStart, lineEnd);
      if (end === lineEnd) {
        pending = text.slice(p + 1, lineEnd);
        break;
      }
      addGroup(current!, text.slice(p + 1, end));
      p = end + 1;
    }
  }
  if (pending !== null && current !== undefined) {
    return { ok: false, line: current.line, text: `${current.code}(${pending}` };
  }
  return { ok: true, objects };
}
