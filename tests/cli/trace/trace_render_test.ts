import assert from "node:assert/strict";
import { parseTraceText } from "../../../cli/trace/trace_read.ts";
import {
  percentile,
  renderMermaid,
  renderTimeline,
  traceStats,
} from "../../../cli/trace/trace_render.ts";
import { RECORDS } from "./_records.ts";

Deno.test("trace timeline shows offset, wall time, route, type, ids, handler time and crash", () => {
  const lines = renderTimeline(RECORDS, 1_000_000);
  assert.equal(
    lines[2],
    "+    1.000050s 2026-11-25T06:00:01.000Z  telegramValidator → registerStore  readingAccepted #2 ←#1 (20 µs)  crc=15063 measurements={…}",
  );
  assert.equal(
    lines[5],
    '+    2.000100s 2026-11-25T06:00:02.000Z  telegramValidator → ledController  telegramRejected #5 ←#4 (40 µs)  reason="crc-mismatch expected 1A2B got 3C4D"  CRASHED: led driver broke; really',
  );
  assert.equal(
    lines[0],
    "+    0.000000s 2026-11-25T06:00:00.000Z  supervisor → a1Reader  @sys.start",
  );
});

Deno.test("trace stats count messages per receiving actor with handler percentiles", () => {
  assert.deepEqual(traceStats(RECORDS), [
    { actor: "ledController", count: 2, crashes: 1, p50_us: 10, p99_us: 40, max_us: 40 },
    { actor: "registerStore", count: 1, crashes: 0, p50_us: 20, p99_us: 20, max_us: 20 },
    { actor: "telegramValidator", count: 2, crashes: 0, p50_us: 30, p99_us: 50, max_us: 50 },
  ]);
});

Deno.test("percentile uses the nearest rank", () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 0.5), 50);
  assert.equal(percentile(sorted, 0.99), 99);
  assert.equal(percentile([], 0.5), 0);
});

Deno.test("trace mermaid draws participants, messages, runtime notes and crashes", () => {
  assert.equal(
    renderMermaid(RECORDS),
    [
      "sequenceDiagram",
      "  participant supervisor as supervisor",
      "  participant a1Reader as a1Reader",
      "  participant telegramValidator as telegramValidator",
      "  participant registerStore as registerStore",
      "  participant ledController as ledController",
      "  Note over a1Reader: @sys.start",
      "  a1Reader->>telegramValidator: telegramFramed #35;1",
      "  telegramValidator->>registerStore: readingAccepted #35;2",
      "  telegramValidator->>ledController: telegramAccepted #35;3",
      "  a1Reader->>telegramValidator: telegramFramed #35;4",
      "  telegramValidator->>ledController: telegramRejected #35;5",
      "  Note over ledController: CRASHED: led driver broke#59; really",
      "  Note over ledController: @sys.restart attempt=1 delay_ms=100",
      "",
    ].join("\n"),
  );
});

Deno.test("trace reader reports lines that are not trace records and keeps the rest", () => {
  const text = [
    JSON.stringify(RECORDS[1]),
    "not json",
    JSON.stringify({ ...RECORDS[2], t_us: "soon" }),
    "",
    JSON.stringify(RECORDS[3]),
  ].join("\n");
  const { records, problems } = parseTraceText(text, "t.jsonl");
  assert.deepEqual(records, [RECORDS[1], RECORDS[3]]);
  assert.deepEqual(problems, [
    "t.jsonl:2: not JSON",
    't.jsonl:3: not a trace record: field "t_us" is not a number',
  ]);
});
