/**
 * The words for a partial frame the telegram framer dropped: its counter code and its reason
 * line, in the same `code detail` form as the reasons of `decodeTelegram`. Used by the
 * TelegramValidator (log and counters) and by `a1mb decode`.
 *
 * @module
 */
import type { FrameDropReason } from "./telegram_framer.ts";

/**
 * The counter code of a dropped frame: `frame-restarted`, `frame-timeout`…
 *
 * @example
 * ```ts
 * import { droppedFrameCode } from "./dropped_frame.ts";
 *
 * if (droppedFrameCode("timeout") !== "frame-timeout") throw new Error();
 * ```
 */
export function droppedFrameCode(reason: FrameDropReason): `frame-${FrameDropReason}` {
  return `frame-${reason}`;
}

/**
 * The reason line of a dropped frame, starting with its code.
 *
 * @example
 * ```ts
 * import { droppedFrameReason } from "./dropped_frame.ts";
 *
 * const line = droppedFrameReason("restarted", 712);
 * if (line !== "frame-restarted after 712 bytes: the next telegram began before the footer") {
 *   throw new Error(line);
 * }
 * ```
 */
export function droppedFrameReason(reason: FrameDropReason, length: number): string {
  switch (reason) {
    case "restarted":
      return `frame-restarted after ${length} bytes: the next telegram began before the footer`;
    case "timeout":
      return `frame-timeout after ${length} bytes: no footer in time`;
    case "overlong":
      return `frame-overlong: more than ${length} bytes without a footer`;
    case "flushed":
      return `frame-flushed after ${length} bytes: the input ended before the footer`;
    default: {
      const unknown: never = reason;
      return unknown;
    }
  }
}
