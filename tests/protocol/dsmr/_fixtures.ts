/** Test helpers: the sample telegrams and their INDEX.md table. */

import { type DecodeJson, decodeJsonLine } from "../../../protocol/dsmr/decode_json.ts";
import type { MeterReading } from "../../../protocol/dsmr/reading.ts";
import {
  createTelegramFramer,
  type TelegramFramerEvent,
  telegramFramerFlush,
  telegramFramerPush,
} from "../../../protocol/dsmr/telegram_framer.ts";

export const FIXTURES = new URL("../../fixtures/telegrams/", import.meta.url);

/** One row of tests/fixtures/telegrams/INDEX.md. */
export interface IndexRow {
  readonly file: string;
  readonly crcInText: string;
  readonly crcComputed: string;
  readonly status: string;
  readonly bytes: number;
}

/** The rows of the sample table in INDEX.md. */
export function indexRows(): IndexRow[] {
  const text = Deno.readTextFileSync(new URL("INDEX.md", FIXTURES));
  const rows: IndexRow[] = [];
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 9 || !cells[1]!.endsWith(".txt")) continue;
    rows.push({
      file: cells[1]!,
      crcInText: cells[4]!,
      crcComputed: cells[5]!,
      status: cells[6]!,
      bytes: Number(cells[7]),
    });
  }
  return rows;
}

/** The raw bytes of a sample. */
export function fixture(file: string): Uint8Array {
  return Deno.readFileSync(new URL(file, FIXTURES));
}

/** The complete frames among framer events, in order. */
export function framesOf(events: readonly TelegramFramerEvent[]): Uint8Array[] {
  return events.flatMap((e) => e.type === "frameReceived" ? [e.bytes] : []);
}

/**
 * Feeds a whole sample to a fresh framer and flushes it: the frames, and the other events
 * (drops, skipped bytes).
 */
export function frameAll(
  bytes: Uint8Array,
): { frames: Uint8Array[]; events: TelegramFramerEvent[] } {
  const framer = createTelegramFramer();
  const all = [...telegramFramerPush(framer, bytes), ...telegramFramerFlush(framer)];
  return { frames: framesOf(all), events: all.filter((e) => e.type !== "frameReceived") };
}

/** A reading as `a1mb decode` prints it, parsed back into an object. */
export function readingJson(reading: MeterReading): DecodeJson {
  return JSON.parse(decodeJsonLine(reading));
}

/** Bytes to text, one character per byte (for the independent reader). */
export function bytesToText(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/**
 * Wire bytes written readably: "⏎" is CR LF, "␍" a lone CR, "␊" a lone LF, every other
 * character one byte (so test telegrams need no backslash escapes).
 */
export function wire(text: string): Uint8Array {
  return ascii(text.replaceAll("⏎", "\r\n").replaceAll("␍", "\r").replaceAll("␊", "\n"));
}

/** ASCII text to bytes (throws on other characters). */
export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`not a byte: ${text[i]}`);
    out[i] = c;
  }
  return out;
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
