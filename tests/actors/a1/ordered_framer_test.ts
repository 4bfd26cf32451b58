import assert from "node:assert/strict";
import {
  droppedFrameCode,
  droppedFrameReason,
  type FramingStep,
  OrderedFramer,
} from "../../../actors/a1/ordered_framer.ts";
import { wire } from "../../protocol/dsmr/_fixtures.ts";

/** Bytes back in wire notation ("⏎" for CR LF). */
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes).replaceAll("\r\n", "⏎");

/** Steps in a compact, readable form. */
function show(steps: FramingStep[]): string[] {
  return steps.map((s) =>
    s.type === "frame"
      ? `frame ${text(s.bytes)}`
      : s.type === "dropped"
      ? `dropped ${s.reason} ${s.length}`
      : `garbage ${s.count}`
  );
}

/** Cases: chunks fed in order (wire notation), expected steps over all chunks. */
const CASES: readonly { name: string; chunks: string[]; steps: string[] }[] = [
  // The tail of a cut telegram and a whole one in one chunk: the drop comes first.
  {
    name: "cut telegram then a whole one in one chunk",
    chunks: ["/A⏎⏎1(1)⏎/B⏎⏎1(2)⏎!1234⏎"],
    steps: ["dropped restarted 12", "frame /B⏎⏎1(2)⏎!1234"],
  },
  // A whole telegram then an overlong one: the frame first, then the drop, then the rest
  // of the overlong run skipped until the next "/".
  {
    name: "frame then overlong drop",
    chunks: ["/A⏎!1234⏎/" + "x".repeat(40)],
    steps: ["frame /A⏎!1234", "dropped overlong 32", "garbage 9"],
  },
  // Three telegrams in one chunk, in order.
  {
    name: "three telegrams in one chunk",
    chunks: ["/A⏎!1111⏎/B⏎!2222⏎/C⏎!3333⏎"],
    steps: ["frame /A⏎!1111", "frame /B⏎!2222", "frame /C⏎!3333"],
  },
  // One telegram byte by byte.
  {
    name: "one telegram byte by byte",
    chunks: [..."/A⏎⏎1(1)⏎!abcd⏎"].map((c) => c),
    steps: ["frame /A⏎⏎1(1)⏎!abcd"],
  },
  // Noise before, between and after telegrams is counted.
  {
    name: "noise around telegrams",
    chunks: ["zz/A⏎!1111⏎yyy/B⏎!2222⏎x"],
    steps: ["garbage 2", "frame /A⏎!1111", "garbage 3", "frame /B⏎!2222", "garbage 1"],
  },
  // A short CRC ended by the next telegram's "/".
  {
    name: "short CRC ended by the next slash",
    chunks: ["/A⏎!1ED/B⏎!2222⏎"],
    steps: ["frame /A⏎!1ED", "frame /B⏎!2222"],
  },
];

for (const c of CASES) {
  Deno.test(`ordered framer keeps stream order: ${c.name}`, () => {
    const framer = new OrderedFramer(32);
    const steps = c.chunks.flatMap((chunk) => framer.push(wire(chunk)));
    assert.deepEqual(show(steps), c.steps);
  });
}

Deno.test("ordered framer numbers each frame as it opens", () => {
  const framer = new OrderedFramer(1024);
  assert.equal(framer.frameSeq, 0);
  framer.push(wire("/A⏎"));
  assert.equal(framer.frameSeq, 1);
  framer.push(wire("1(1)⏎"));
  assert.equal(framer.frameSeq, 1, "same frame, same number");
  framer.push(wire("!1111⏎/B"));
  assert.equal(framer.frameSeq, 2, "completed and a new one opened in one chunk");
  framer.push(wire("⏎1(2)⏎/C"));
  assert.equal(framer.frameSeq, 3, "restarted: a new frame");
  framer.push(wire("⏎!3333⏎"));
  assert.equal(framer.inProgress, false);
  assert.equal(framer.frameSeq, 3);
});

Deno.test("ordered framer: a short CRC waits in phase crc until timeout() completes it", () => {
  const framer = new OrderedFramer(1024);
  assert.deepEqual(framer.push(wire("/A⏎!1ED")), []);
  assert.equal(framer.phase, "crc");
  assert.deepEqual(show(framer.timeout()), ["frame /A⏎!1ED"]);
  assert.equal(framer.phase, "idle");
});

Deno.test("ordered framer: timeout() and flush() drop a frame without footer", () => {
  const framer = new OrderedFramer(1024);
  framer.push(wire("/A⏎1(1)⏎"));
  assert.deepEqual(show(framer.timeout()), ["dropped timeout 10"]);
  framer.push(wire("/B⏎"));
  assert.deepEqual(show(framer.flush()), ["dropped flushed 4"]);
});

Deno.test("dropped frame reasons start with their code", () => {
  for (const reason of ["restarted", "timeout", "overlong", "flushed"] as const) {
    assert.ok(
      droppedFrameReason(reason, 712).startsWith(`${droppedFrameCode(reason)} `) ||
        droppedFrameReason(reason, 712).startsWith(`${droppedFrameCode(reason)}:`),
    );
  }
  assert.equal(
    droppedFrameReason("restarted", 712),
    "frame-restarted after 712 bytes: the next telegram began before the footer",
  );
  assert.equal(
    droppedFrameReason("overlong", 8192),
    "frame-overlong: more than 8192 bytes without a footer",
  );
});
