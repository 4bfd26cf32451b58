/**
 * {@linkcode JsonBytes}: a growable byte buffer that JSON text is written into as UTF-8, piece by
 * piece, without building strings first. `a1mb decode` writes thousands of JSON lines a second;
 * building each as a string and encoding it cost more than decoding the telegram.
 *
 * @module
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const encoder = new TextEncoder();

/** The local fields {@linkcode JsonBytes.dateTime} prints (month 1…12). */
export interface DateTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Writes 0…99 as two digits at `at`. */
function put2(b: Uint8Array, at: number, n: number): void {
  const tens = (n / 10) | 0;
  b[at] = ZERO + tens;
  b[at + 1] = ZERO + n - tens * 10;
}

/**
 * UTF-8 bytes of JSON text, appended piece by piece; {@linkcode JsonBytes.view} shows what was
 * written since the last {@linkcode JsonBytes.clear}. Every piece is written as `JSON.stringify`
 * would write it.
 *
 * @example
 * ```ts
 * import { JsonBytes } from "./json_bytes.ts";
 *
 * const out = new JsonBytes();
 * out.ascii('{"name":');
 * out.string('say "hi"');
 * out.ascii(',"n":');
 * out.number(0.25);
 * out.byte(0x7d); // }
 * const text = new TextDecoder().decode(out.view());
 * if (text !== JSON.stringify({ name: 'say "hi"', n: 0.25 })) throw new Error(text);
 * ```
 */
export class JsonBytes {
  private buf: Uint8Array;
  private len = 0;

  /** @param capacity the initial size of the buffer in bytes; it grows as needed */
  constructor(capacity = 16_384) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }

  /** Bytes written since the last {@linkcode JsonBytes.clear}. */
  get length(): number {
    return this.len;
  }

  /** The bytes written since the last clear: a view, valid until the next write or clear. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** Forgets what was written; the buffer is kept for the next writes. */
  clear(): void {
    this.len = 0;
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** Appends text the caller knows is ASCII (keys, punctuation, digits), as it is. */
  ascii(text: string): void {
    const n = text.length;
    this.reserve(n);
    const bytes = this.buf;
    let at = this.len;
    for (let i = 0; i < n; i++) bytes[at++] = text.charCodeAt(i);
    this.len = at;
  }

  /** Appends a JSON string (quoted and escaped as `JSON.stringify` does), or `null`. */
  string(text: string | null): void {
    if (text === null) return this.ascii("null");
    const n = text.length;
    this.reserve(2 * n + 2); // every character escaped, at worst
    const bytes = this.buf;
    let at = this.len;
    bytes[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Control characters and non-ASCII: the general path.
      if (c < 0x20 || c > 0x7e) return this.encoded(text);
      if (c === QUOTE || c === BACKSLASH) bytes[at++] = BACKSLASH;
      bytes[at++] = c;
    }
    bytes[at++] = QUOTE;
    this.len = at;
  }

  /** Appends a number as `JSON.stringify` writes it (`null` when not finite). */
  number(n: number): void {
    if (n >= 0 && n <= 0x7fffffff && (n | 0) === n) return this.digits(n, 1); // -0 too: "0"
    this.ascii(Number.isFinite(n) ? `${n}` : "null");
  }

  /** Appends a non-negative integer below 2³¹ in decimal, zero-padded to `width` digits. */
  digits(n: number, width: number): void {
    let count = 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) count++;
    const size = count > width ? count : width;
    this.reserve(size);
    const bytes = this.buf;
    const end = this.len + size;
    let rest = n;
    for (let at = end - 1; at >= this.len; at--) {
      const next = (rest / 10) | 0;
      bytes[at] = ZERO + rest - next * 10;
      rest = next;
    }
    this.len = end;
  }

  /**
   * Appends a quoted RFC 3339 date-time with offset, `"2024-07-08T20:07:56+02:00"`: the local
   * fields as given, the offset in minutes. Needs a year from 0 to 9999 and a whole offset under
   * 100 hours (throws a RangeError otherwise).
   */
  dateTime(local: DateTimeFields, offsetMinutes: number): void {
    const abs = Math.abs(offsetMinutes);
    if (!(local.year >= 0 && local.year <= 9999 && Number.isInteger(offsetMinutes) && abs < 6000)) {
      throw new RangeError(
        `Cannot write date-time: year "${local.year}" or offset "${offsetMinutes}" out of range`,
      );
    }
    this.reserve(27);
    const b = this.buf;
    const at = this.len;
    const year = local.year;
    b[at] = QUOTE;
    b[at + 1] = ZERO + ((year / 1000) | 0);
    b[at + 2] = ZERO + (((year / 100) | 0) % 10);
    b[at + 3] = ZERO + (((year / 10) | 0) % 10);
    b[at + 4] = ZERO + (year % 10);
    b[at + 5] = 0x2d; // -
    put2(b, at + 6, local.month);
    b[at + 8] = 0x2d;
    put2(b, at + 9, local.day);
    b[at + 11] = 0x54; // T
    put2(b, at + 12, local.hour);
    b[at + 14] = 0x3a; // :
    put2(b, at + 15, local.minute);
    b[at + 17] = 0x3a;
    put2(b, at + 18, local.second);
    b[at + 20] = offsetMinutes < 0 ? 0x2d : 0x2b; // - or +
    put2(b, at + 21, (abs / 60) | 0);
    b[at + 23] = 0x3a;
    put2(b, at + 24, abs % 60);
    b[at + 26] = QUOTE;
    this.len = at + 27;
  }

  private encoded(text: string): void {
    const json = JSON.stringify(text);
    this.reserve(json.length * 3); // at most 3 UTF-8 bytes per UTF-16 unit
    this.len += encoder.encodeInto(json, this.buf.subarray(this.len)).written;
  }

  private reserve(n: number): void {
    if (this.len + n > this.buf.length) this.grow(this.len + n);
  }

  private grow(need: number): void {
    const grown = new Uint8Array(Math.max(need, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}
