import assert from "node:assert/strict";
import { droppedFrameCode, droppedFrameReason } from "../../../protocol/dsmr/dropped_frame.ts";

Deno.test("dropped frame reasons start with their code", () => {
  for (const reason of ["restarted", "timeout", "overlong", "flushed"] as const) {
    const line = droppedFrameReason(reason, 712);
    assert.ok(
      line.startsWith(`${droppedFrameCode(reason)} `) ||
        line.startsWith(`${droppedFrameCode(reason)}:`),
      line,
    );
  }
});

Deno.test("dropped frame reasons say how many bytes and why", () => {
  const cases: [Parameters<typeof droppedFrameReason>, string][] = [
    [
      ["restarted", 712],
      "frame-restarted after 712 bytes: the next telegram began before the footer",
    ],
    [["timeout", 40], "frame-timeout after 40 bytes: no footer in time"],
    [["overlong", 8192], "frame-overlong: more than 8192 bytes without a footer"],
    [["flushed", 15], "frame-flushed after 15 bytes: the input ended before the footer"],
  ];
  for (const [[reason, length], line] of cases) {
    assert.equal(droppedFrameReason(reason, length), line);
  }
});
