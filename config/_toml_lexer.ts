/**
 * Low-level TOML lexing for the line scanner: keys, strings, values, comments. Lenient by design:
 * it never throws and always moves forward, so a broken file cannot make the scanner loop.
 *
 * @module
 */

/** A key as written (`a."b c".d`): its segments and where its text ends. */
export interface LexedKey {
  readonly segments: readonly string[];
  readonly end: number;
}

const BARE_KEY_STOP = " \t\r\n=.#[]{},\"'";
const VALUE_STOP = " \t\r\n,]}#";

/** Skips spaces and tabs. */
export function skipBlanks(text: string, p: number): number {
  while (text[p] === " " || text[p] === "\t") p++;
  return p;
}

/** Skips spaces, tabs, newlines and comments (inside arrays and inline tables). */
export function skipBlanksAndComments(text: string, p: number): number {
  for (;;) {
    const c = text[p];
    if (c === " " || c === "\t" || c === "\r" || c === "\n") p++;
    else if (c === "#") p = lineEndAt(text, p);
    else return p;
  }
}

/** Index of the "\n" that ends the line holding `p`, or the text length. */
export function lineEndAt(text: string, p: number): number {
  const nl = text.indexOf("\n", p);
  return nl < 0 ? text.length : nl;
}

/** Reads a possibly dotted, possibly quoted key starting at `p` (blanks around dots allowed). */
export function lexKey(text: string, p: number): LexedKey {
  const segments: string[] = [];
  for (;;) {
    p = skipBlanks(text, p);
    const c = text[p];
    if (c === '"' || c === "'") {
      const end = endOfSingleLineString(text, p);
      const inner = text.slice(p + 1, end - 1);
      segments.push(c === '"' ? unescapeBasic(inner) : inner);
      p = end;
    } else {
      const start = p;
      while (p < text.length && !BARE_KEY_STOP.includes(text[p] ?? "")) p++;
      segments.push(text.slice(start, p));
    }
    const after = skipBlanks(text, p);
    if (text[after] !== ".") return { segments, end: p };
    p = after + 1;
  }
}

/** End (exclusive) of the one-line basic or literal string opening at `p`. */
function endOfSingleLineString(text: string, p: number): number {
  const quote = text[p];
  let q = p + 1;
  while (q < text.length && text[q] !== "\n") {
    const c = text[q];
    if (quote === '"' && c === "\\") q += 2;
    else if (c === quote) return q + 1;
    else q++;
  }
  return q;
}

/** End (exclusive) of the multi-line string opening at `p` (`"""` or `'''`). */
function endOfMultiLineString(text: string, p: number): number {
  const quote = text[p];
  let q = p + 3;
  while (q < text.length) {
    const c = text[q];
    if (quote === '"' && c === "\\") {
      q += 2;
    } else if (c === quote && text[q + 1] === quote && text[q + 2] === quote) {
      // Up to two quotes may sit just before the closing delimiter: take the whole run.
      let run = 3;
      while (run < 5 && text[q + run] === quote) run++;
      return q + run;
    } else {
      q++;
    }
  }
  return q;
}

/**
 * End (exclusive) of the value starting at `p`. Inline tables are handed to `onInlineTable`,
 * which returns their end (so the caller can record the keys inside).
 */
export function endOfValue(
  text: string,
  p: number,
  onInlineTable: (open: number) => number,
): number {
  const c = text[p];
  if (c === '"' || c === "'") {
    return text.startsWith(c.repeat(3), p)
      ? endOfMultiLineString(text, p)
      : endOfSingleLineString(text, p);
  }
  if (c === "[") return endOfArray(text, p);
  if (c === "{") return onInlineTable(p);
  let q = p;
  while (q < text.length && !VALUE_STOP.includes(text[q] ?? "")) q++;
  // A local date-time may use a space between date and time: 1979-05-27 07:32:00.
  if (
    /^\d{4}-\d{2}-\d{2}$/.test(text.slice(p, q)) && text[q] === " " && /\d/.test(text[q + 1] ?? "")
  ) {
    q++;
    while (q < text.length && !VALUE_STOP.includes(text[q] ?? "")) q++;
  }
  return q === p ? p + 1 : q;
}

/** End (exclusive) of the array opening at `p`; arrays may span lines and hold comments. */
function endOfArray(text: string, p: number): number {
  let q = p + 1;
  while (q < text.length) {
    q = skipBlanksAndComments(text, q);
    const c = text[q];
    if (c === "]") return q + 1;
    if (c === ",") q++;
    else q = endOfValue(text, q, (open) => endOfInlineTable(text, open));
  }
  return q;
}

/** End (exclusive) of the inline table opening at `p`, without recording its keys. */
export function endOfInlineTable(text: string, p: number): number {
  return walkInlineTable(text, p, () => {});
}

/**
 * Walks the inline table opening at `p`, calling `onKey` for each key (segments relative to the
 * table, key start, value start and end); returns the end (exclusive) after the closing brace.
 */
export function walkInlineTable(
  text: string,
  p: number,
  onKey: (
    segments: readonly string[],
    keyStart: number,
    valueStart: number,
    valueEnd: number,
  ) => void,
): number {
  let q = p + 1;
  while (q < text.length) {
    q = skipBlanksAndComments(text, q);
    const c = text[q];
    if (c === "}") return q + 1;
    if (c === ",") {
      q++;
      continue;
    }
    const keyStart = q;
    const key = lexKey(text, q);
    q = skipBlanks(text, key.end);
    if (text[q] === "=") q = skipBlanks(text, q + 1);
    const valueStart = q;
    const valueEnd = text[q] === "{"
      ? walkInlineTable(
        text,
        q,
        (segments, ks, vs, ve) => onKey([...key.segments, ...segments], ks, vs, ve),
      )
      : endOfValue(text, q, (open) => endOfInlineTable(text, open));
    onKey(key.segments, keyStart, valueStart, valueEnd);
    q = Math.max(valueEnd, keyStart + 1);
  }
  return q;
}

/** Decodes the escapes of a basic string body (lenient: unknown escapes are kept as written). */
export function unescapeBasic(body: string): string {
  return body.replace(
    /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))/g,
    (whole, u4?: string, u8?: string, x2?: string, ch?: string) => {
      const hex = u4 ?? u8 ?? x2;
      if (hex !== undefined) {
        const code = Number.parseInt(hex, 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      const simple: Record<string, string> = {
        b: "\b",
        t: "\t",
        n: "\n",
        f: "\f",
        r: "\r",
        e: "\x1b",
        '"': '"',
        "\\": "\\",
      };
      return simple[ch ?? ""] ?? whole;
    },
  );
}
