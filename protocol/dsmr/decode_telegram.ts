/**
 * Decodes one telegram frame (`/` … `!CRC`) into a {@linkcode MeterReading}. Failures are
 * returned values, never throws: any byte sequence yields a result.
 *
 * Decisions:
 * - The CRC (CRC-16/ARC over `/` … `!`) is checked first. Its text may be upper, lower or
 *   mixed case and 1–4 digits (leading zeros dropped); it is compared as a number. A wrong
 *   CRC is always rejected; a missing one only with `crc: "required"`.
 * - After the footer digits only a line ending (CR LF, LF or CR) may follow.
 * - Objects outside the known list are kept as `raw`. A known object whose value does not
 *   parse rejects the telegram (`line N: bad value "…"`), except timestamps (invalid → null)
 *   and a `0-0:98.1.0` in another layout than the Belgian one (kept raw).
 * - A code that appears twice with the same value is kept once; with different values the
 *   telegram is rejected (`duplicate-object`): the decoder cannot know which one is true.
 *
 * @module
 */

import { crc16Arc, formatCrc } from "./crc16_arc.ts";
import { type BadValue, decodeValue, rawText } from "./_decode_value.ts";
import { objectFormat } from "./_object_table.ts";
import { tokenizeBody } from "./_tokenizer.ts";
import type { CosemValue, MeterReading } from "./reading.ts";

/** Whether a telegram must carry a CRC. */
export type CrcPolicy = "required" | "optional";

/** Options for {@linkcode decodeTelegram}. */
export interface DecodeOptions {
  /** `"required"` rejects telegrams without CRC (DSMR 2.2/3, EasyMeter); a wrong CRC is always rejected. */
  readonly crc: CrcPolicy;
}

/** Why a telegram was rejected. */
export type DecodeFailureCode =
  | "bad-frame"
  | "crc-missing"
  | "crc-mismatch"
  | "bad-line"
  | "bad-value"
  | "duplicate-object";

/** The outcome of {@linkcode decodeTelegram}. */
export type DecodeResult =
  | { readonly ok: true; readonly reading: MeterReading }
  | { readonly ok: false; readonly code: DecodeFailureCode; readonly reason: string };

const SLASH = 0x2f;
const BANG = 0x21;
const CR = 0x0d;
const LF = 0x0a;
const MAX_QUOTE = 80;
const latin1 = new TextDecoder("latin1");

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** Quotes text for a reason: printable ASCII kept, other characters as `\xNN`, long text cut. */
function quote(text: string): string {
  const cut = text.length > MAX_QUOTE ? text.slice(0, MAX_QUOTE) : text;
  let out = "";
  for (let i = 0; i < cut.length; i++) {
    const c = cut.charCodeAt(i);
    out += c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c
      ? cut[i]
      : `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `"${out}${text.length > MAX_QUOTE ? "…" : ""}"`;
}

function fail(code: DecodeFailureCode, reason: string): DecodeResult {
  return { ok: false, code, reason };
}

/**
 * Decodes a frame as the framer emits it (`/` through the CRC digits; a trailing line
 * ending is tolerated).
 *
 * @example
 * ```ts
 * import { decodeTelegram } from "./decode_telegram.ts";
 * import { encodeTelegram } from "./encode_telegram.ts";
 *
 * const frame = encodeTelegram("FLU5\\253769484_A", ["1-0:1.7.0(00.153*kW)"]);
 * const result = decodeTelegram(frame, { crc: "required" });
 * if (!result.ok) throw new Error(result.reason);
 * const power = result.reading.objects.get("1-0:1.7.0");
 * // { kind: "number", value: 0.153, unit: "kW" }
 * if (power?.kind !== "number" || power.value !== 0.153) throw new Error("unexpected");
 *
 * const damaged = frame.slice();
 * damaged[34] = 0x37; // "00.153" became "00.753" on the line
 * const refused = decodeTelegram(damaged, { crc: "required" });
 * // { ok: false, code: "crc-mismatch", reason: "crc-mismatch expected … got …" }
 * if (refused.ok || refused.code !== "crc-mismatch") throw new Error("unexpected");
 * ```
 */
export function decodeTelegram(frame: Uint8Array, options: DecodeOptions): DecodeResult {
  const n = frame.length;
  if (n === 0 || frame[0] !== SLASH) return fail("bad-frame", 'bad frame: no "/" at the start');
  const bang = frame.indexOf(BANG);
  if (bang < 0) return fail("bad-frame", 'bad frame: no "!" footer');

  // Footer: up to 4 hex digits, then at most a line ending.
  let sent = 0;
  let digits = 0;
  let i = bang + 1;
  for (; i < n && digits < 4; i++, digits++) {
    const v = hexValue(frame[i]!);
    if (v < 0) break;
    sent = (sent << 4) | v;
  }
  const rest = n - i;
  const tailOk = rest === 0 ||
    (rest === 1 && (frame[i] === LF || frame[i] === CR)) ||
    (rest === 2 && frame[i] === CR && frame[i + 1] === LF);
  if (!tailOk) {
    return fail(
      "bad-frame",
      `bad frame: bad footer ${quote(latin1.decode(frame.subarray(bang, Math.min(n, bang + 12))))}`,
    );
  }
  const computed = crc16Arc(frame, 0, bang + 1);
  if (digits === 0) {
    if (options.crc === "required") return fail("crc-missing", "crc-missing");
  } else if (sent !== computed) {
    return fail(
      "crc-mismatch",
      `crc-mismatch expected ${formatCrc(computed)} got ${formatCrc(sent)}`,
    );
  }

  const text = latin1.decode(frame.subarray(0, bang));
  let headerEnd = text.indexOf("\n");
  if (headerEnd < 0) headerEnd = text.length;
  const header = text.slice(
    1,
    headerEnd > 1 && text.charCodeAt(headerEnd - 1) === CR ? headerEnd - 1 : headerEnd,
  );

  const tokens = tokenizeBody(text, Math.min(headerEnd + 1, text.length), text.length, 2);
  if (!tokens.ok) return fail("bad-line", `line ${tokens.line}: bad line ${quote(tokens.text)}`);

  const objects = new Map<string, CosemValue>();
  for (const object of tokens.objects) {
    const format = objectFormat(object.code);
    const decoded: CosemValue | BadValue = format === undefined
      ? { kind: "raw", raw: rawText(object.groups) }
      : decodeValue(format, object.groups);
    if (decoded.kind === "bad") {
      return fail("bad-value", `line ${object.line}: bad value ${quote(decoded.bad)}`);
    }
    const previous = objects.get(object.code);
    if (previous !== undefined) {
      if (JSON.stringify(previous) === JSON.stringify(decoded)) continue;
      return fail(
        "duplicate-object",
        `line ${object.line}: duplicate object ${quote(object.code)} with a different value`,
      );
    }
    objects.set(object.code, decoded);
  }
  return { ok: true, reading: { header, crc: digits === 0 ? null : sent, objects } };
}
