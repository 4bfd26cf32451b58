/**
 * Counters of the TelegramValidator, for `status` and metrics: accepted telegrams, rejections
 * per reason code, the last reason and when the last telegram was accepted.
 *
 * @module
 */

/** The validator's counters (plain data). */
export interface TelegramCounters {
  /** Telegrams accepted. */
  readonly accepted: number;
  /** Telegrams rejected, including dropped partial frames. */
  readonly rejected: number;
  /** Rejections per code: `crc-mismatch`, `bad-value`, `frame-restarted`… */
  readonly rejectedByCode: Readonly<Record<string, number>>;
  /** The last rejection's reason, e.g. `crc-mismatch expected 1A2B got 3C4D`, or null. */
  readonly lastReason: string | null;
  /** Monotonic ms of the last rejection, or null. */
  readonly lastRejectedAt: number | null;
  /** Monotonic ms when the last accepted telegram arrived, or null. */
  readonly lastAcceptedAt: number | null;
  /** Wall-clock epoch ms of the last accepted telegram, or null. */
  readonly lastAcceptedWallMs: number | null;
}

/** Counters before the first telegram. */
export const NO_TELEGRAMS: TelegramCounters = {
  accepted: 0,
  rejected: 0,
  rejectedByCode: {},
  lastReason: null,
  lastRejectedAt: null,
  lastAcceptedAt: null,
  lastAcceptedWallMs: null,
};

/** Counts an accepted telegram. */
export function countAccepted(
  counters: TelegramCounters,
  receivedAt: number,
  wallMs: number,
): TelegramCounters {
  return {
    ...counters,
    accepted: counters.accepted + 1,
    lastAcceptedAt: receivedAt,
    lastAcceptedWallMs: wallMs,
  };
}

/** Counts a rejection under its code. */
export function countRejected(
  counters: TelegramCounters,
  code: string,
  reason: string,
  now: number,
): TelegramCounters {
  return {
    ...counters,
    rejected: counters.rejected + 1,
    rejectedByCode: {
      ...counters.rejectedByCode,
      [code]: (counters.rejectedByCode[code] ?? 0) + 1,
    },
    lastReason: reason,
    lastRejectedAt: now,
  };
}
