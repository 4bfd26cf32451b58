/**
 * `a1mb decode [--crc required|optional] [FILE|-]`: frames the input with the reader's framer,
 * prints one compact JSON line per valid telegram on stdout and one reason line per invalid
 * telegram (or dropped partial frame) on stderr, `telegram N: <reason>`, N counting both in
 * stream order. Exit code 0 when at least one telegram was valid, 1 when none was.
 *
 * @module
 */
import { CRC_POLICIES, type CrcPolicy } from "../../config/mod.ts";
import { writeDecodeJsonLine } from "../../protocol/dsmr/decode_json.ts";
import { decodeTelegram } from "../../protocol/dsmr/decode_telegram.ts";
import { droppedFrameReason } from "../../protocol/dsmr/dropped_frame.ts";
import {
  createTelegramFramer,
  type TelegramFramerEvent,
  telegramFramerFlush,
  telegramFramerPush,
} from "../../protocol/dsmr/telegram_framer.ts";
import { JsonBytes } from "../../protocol/dsmr/json_bytes.ts";
import { parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import type { Printer } from "../printer.ts";

/** Largest telegram `decode` accepts, in bytes (the highest `a1.max_telegram_bytes`). */
export const DECODE_MAX_TELEGRAM_BYTES = 65536;

/** Output bytes gathered before a write: JSON lines go out in batches, not one write each. */
const WRITE_BATCH_BYTES = 65536;

/** What {@linkcode decodeStream} found. */
export interface DecodeTally {
  /** Telegrams and dropped partial frames seen. */
  readonly telegrams: number;
  /** Valid telegrams printed. */
  readonly valid: number;
}

/**
 * Decodes a byte stream, printing as it goes (see the module documentation). The JSON lines of
 * one input chunk go out in one write (and before any reason line, so the two streams keep
 * their order on a terminal).
 */
export async function decodeStream(
  input: AsyncIterable<Uint8Array>,
  crc: CrcPolicy,
  printer: Printer,
): Promise<DecodeTally> {
  const framer = createTelegramFramer({ maxLength: DECODE_MAX_TELEGRAM_BYTES });
  const lines = new JsonBytes(2 * WRITE_BATCH_BYTES);
  let telegrams = 0;
  let valid = 0;
  const flush = () => {
    if (lines.length === 0) return;
    printer.outBytes(lines.view());
    lines.clear();
  };
  const reason = (text: string) => {
    flush();
    printer.err(`telegram ${telegrams}: ${text}`);
  };
  const report = (events: readonly TelegramFramerEvent[]) => {
    for (const event of events) {
      if (event.type === "frameReceived") {
        telegrams++;
        const result = decodeTelegram(event.bytes, { crc });
        if (result.ok) {
          valid++;
          writeDecodeJsonLine(result.reading, lines);
          if (lines.length >= WRITE_BATCH_BYTES) flush();
        } else {
          reason(result.reason);
        }
      } else if (event.type === "frameDropped") {
        telegrams++;
        reason(droppedFrameReason(event.reason, event.length));
      }
    }
    flush();
  };
  for await (const chunk of input) report(telegramFramerPush(framer, chunk));
  report(telegramFramerFlush(framer));
  return { telegrams, valid };
}

/** The `decode` command. */
export const decodeCommand: Command = {
  name: "decode",
  synopsis: "decode [--crc required|optional] [FILE|-]",
  summary: "decode telegrams (file or stdin): a JSON line per valid one, reasons on stderr",
  async run(args, { printer }) {
    const parsed = parseCommandArgs("decode", args, { crc: { type: "string" } }, 1);
    const crcText = stringFlag(parsed, "crc") ?? "required";
    if (!(CRC_POLICIES as readonly string[]).includes(crcText)) {
      throw new UsageError(`decode: option "--crc" must be required or optional: got "${crcText}"`);
    }
    const crc = crcText as CrcPolicy;
    const path = parsed.positionals[0];
    let file: Deno.FsFile | null = null;
    if (path !== undefined && path !== "-") {
      try {
        file = await Deno.open(path);
      } catch (error) {
        printer.err(`decode: cannot read "${path}": ${(error as Error).message}`);
        return 1;
      }
    }
    const input = file === null ? Deno.stdin.readable : file.readable;
    let tally: DecodeTally;
    try {
      tally = await decodeStream(input, crc, printer);
    } catch (error) {
      printer.err(`decode: cannot read "${path ?? "-"}": ${(error as Error).message}`);
      return 1;
    }
    if (tally.telegrams === 0) printer.err(`decode: no telegram found in "${path ?? "-"}"`);
    return tally.valid > 0 ? 0 : 1;
  },
};
