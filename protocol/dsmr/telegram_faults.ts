/**
 * Deterministic fault injection for simulated streams and tests: a telegram with a wrong
 * CRC, a telegram cut off before its footer, and line-noise bytes.
 *
 * @module
 */

import { formatCrc } from "./crc16_arc.ts";
import { Prng } from "./_prng.ts";

const BANG = 0x21;
const LF = 0x0a;

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * Returns a copy of a telegram whose 4 CRC digits are replaced by a different, well-formed CRC.
 * @throws {TypeError} when the telegram has no `!` followed by 4 hex digits
 */
export function corruptCrc(telegram: Uint8Array): Uint8Array {
  const bang = telegram.indexOf(BANG);
  let crc = 0;
  for (let k = 1; k <= 4; k++) {
    const v = bang < 0 ? -1 : hexValue(telegram[bang + k] ?? -1);
    if (v < 0) throw new TypeError("Cannot corrupt CRC: telegram has no 4-digit CRC footer");
    crc = (crc << 4) | v;
  }
  const out = telegram.slice();
  const text = formatCrc(crc ^ 0x5a5a);
  for (let k = 0; k < 4; k++) out[bang + 1 + k] = text.charCodeAt(k);
  return out;
}

/**
 * Cuts a telegram after the line that holds byte `fraction × length`, before its footer,
 * as a meter that stops mid-telegram would: the result ends with a line ending and has no `!`.
 * @param fraction where to cut, 0…1 (default 0.5)
 * @throws {TypeError} when the telegram has no `!` footer or too few lines to cut
 */
export function truncateTelegram(telegram: Uint8Array, fraction = 0.5): Uint8Array {
  const bang = telegram.indexOf(BANG);
  if (bang < 0) throw new TypeError("Cannot truncate telegram: it has no footer");
  const target = Math.min(bang - 1, Math.max(0, Math.floor(telegram.length * fraction)));
  let lf = telegram.indexOf(LF, target);
  if (lf < 0 || lf >= bang) lf = telegram.lastIndexOf(LF, bang - 1);
  if (lf < 0) throw new TypeError("Cannot truncate telegram: it has no line to cut after");
  return telegram.slice(0, lf + 1);
}

/** Deterministic line noise of `length` bytes; it never holds `/`, so it cannot open a frame. */
export function garbageBytes(seed: number, length: number): Uint8Array {
  const rng = new Prng(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const b = rng.int(0, 254);
    out[i] = b >= 0x2f ? b + 1 : b;
  }
  return out;
}
