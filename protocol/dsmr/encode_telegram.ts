/**
 * Builds telegram bytes: `/header`, an empty line, one line per object, `!` and the
 * CRC-16/ARC as 4 upper-case hex digits, every line ending in CR LF.
 *
 * @module
 */

import { crc16Arc, formatCrc } from "./crc16_arc.ts";

/**
 * Encodes a telegram.
 *
 * @example
 * ```ts
 * import { encodeTelegram } from "./encode_telegram.ts";
 *
 * encodeTelegram("FLU5\\253769484_A", ["0-0:96.1.4(50217)", "1-0:1.7.0(00.153*kW)"]);
 * ```
 * @param header the text after `/` (e.g. `FLU5\253769484_A`)
 * @param lines object lines without line endings (e.g. `1-0:1.7.0(00.153*kW)`)
 * @throws {TypeError} when the header or a line holds a non-ASCII character, a CR/LF, or a `!`
 */
export function encodeTelegram(header: string, lines: readonly string[]): Uint8Array {
  let length = 1 + header.length + 4 + 1 + 6;
  for (const line of lines) length += line.length + 2;
  const out = new Uint8Array(length);
  let at = 0;
  const put = (text: string, what: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7e || c === 0x0d || c === 0x0a || c === 0x21) {
        throw new TypeError(
          `Cannot encode telegram: ${what} ${JSON.stringify(text)} holds character "\\u${
            c.toString(16).padStart(4, "0")
          }"`,
        );
      }
      out[at++] = c;
    }
  };
  const crlf = (): void => {
    out[at++] = 0x0d;
    out[at++] = 0x0a;
  };
  out[at++] = 0x2f;
  put(header, "header");
  crlf();
  crlf();
  for (const line of lines) {
    put(line, "line");
    crlf();
  }
  out[at++] = 0x21;
  const crc = formatCrc(crc16Arc(out, 0, at));
  for (let i = 0; i < 4; i++) out[at++] = crc.charCodeAt(i);
  crlf();
  return out;
}
