/** A small hand-written trace used by the trace CLI tests. */
import type { TraceRecord } from "../../../actors/runtime/trace_record.ts";

const base = Date.UTC(2026, 10, 25, 6, 0, 0);
const at = (s: number) => new Date(base + s * 1000).toISOString();

/** Records of one telegram's journey and one crash, at known times. */
export const RECORDS: readonly TraceRecord[] = [
  { t_us: 1_000_000, wall: at(0), from: "supervisor", to: "a1Reader", type: "@sys.start", id: 0, cause: null, summary: "", handler_us: null },
  { t_us: 2_000_000, wall: at(1), from: "a1Reader", to: "telegramValidator", type: "telegramFramed", id: 1, cause: null, summary: "bytes=len=1370 hex=2f464c55", handler_us: 30 },
  { t_us: 2_000_050, wall: at(1.00005), from: "telegramValidator", to: "registerStore", type: "readingAccepted", id: 2, cause: 1, summary: "reading={…}", handler_us: 20 },
  { t_us: 2_000_060, wall: at(1.00006), from: "telegramValidator", to: "ledController", type: "telegramAccepted", id: 3, cause: 1, summary: "", handler_us: 10 },
  { t_us: 3_000_000, wall: at(2), from: "a1Reader", to: "telegramValidator", type: "telegramFramed", id: 4, cause: null, summary: "bytes=len=12 hex=2f", handler_us: 50 },
  { t_us: 3_000_100, wall: at(2.0001), from: "telegramValidator", to: "ledController", type: "telegramRejected", id: 5, cause: 4, summary: 'reason="crc-mismatch expected 1A2B got 3C4D"', handler_us: 40, error: "led driver broke; really" },
  { t_us: 4_000_000, wall: at(3), from: "supervisor", to: "ledController", type: "@sys.restart", id: 0, cause: null, summary: "attempt=1 delay_ms=100", handler_us: null },
];
