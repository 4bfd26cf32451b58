import assert from "node:assert/strict";
import fc from "fast-check";
import { createMeterSimulator, nextTelegram } from "../../../protocol/dsmr/meter_simulator.ts";
import { truncateTelegram } from "../../../protocol/dsmr/telegram_faults.ts";
import {
  createTelegramFramer,
  type TelegramFramerEvent,
  telegramFramerFlush,
  telegramFramerPush,
  telegramFramerTimeout,
} from "../../../protocol/dsmr/telegram_framer.ts";
import { concat, wire } from "./_fixtures.ts";

/** Bytes back in wire notation ("⏎" for CR LF). */
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes).replaceAll("\r\n", "⏎");

/** Events in a compact, readable form. */
function show(events: readonly TelegramFramerEvent[]): string[] {
  return events.map((e) =>
    e.type === "frameReceived"
      ? `frame ${text(e.bytes)}`
      : e.type === "frameDropped"
      ? `dropped ${e.reason} ${e.length}`
      : `garbage ${e.count} ${text(e.sample)}`
  );
}

/** Cases: chunks fed in order (wire notation) to a framer of 32 bytes, events over all chunks. */
const CASES: readonly { name: string; chunks: string[]; events: string[] }[] = [
  // Noise, a telegram cut short and restarted by the next "/", then a good one: in that order.
  {
    name: "garbage, a partial frame restarted by /, then a good frame",
    chunks: ["zz/A⏎⏎1(1)⏎/B⏎⏎1(2)⏎!1234⏎"],
    events: ["garbage 2 zz", "dropped restarted 12", "frame /B⏎⏎1(2)⏎!1234"],
  },
  // The same stream byte by byte: the same events.
  {
    name: "the same stream byte by byte",
    chunks: [..."zz/A⏎⏎1(1)⏎/B⏎⏎1(2)⏎!1234⏎"],
    events: ["garbage 1 z", "garbage 1 z", "dropped restarted 12", "frame /B⏎⏎1(2)⏎!1234"],
  },
  // A whole telegram then an overlong one: the frame, the drop, then the rest of the overlong
  // run skipped until the next "/".
  {
    name: "a frame, then an overlong drop and its tail",
    chunks: ["/A⏎!1234⏎/" + "x".repeat(40)],
    events: ["frame /A⏎!1234", "dropped overlong 32", "garbage 9 xxxxxxxxx"],
  },
  // Three telegrams in one chunk.
  {
    name: "three telegrams in one chunk",
    chunks: ["/A⏎!1111⏎/B⏎!2222⏎/C⏎!3333⏎"],
    events: ["frame /A⏎!1111", "frame /B⏎!2222", "frame /C⏎!3333"],
  },
  // Noise before, between and after telegrams, each run where it was.
  {
    name: "noise around telegrams",
    chunks: ["zz/A⏎!1111⏎yyy/B⏎!2222⏎x"],
    events: ["garbage 2 zz", "frame /A⏎!1111", "garbage 3 yyy", "frame /B⏎!2222", "garbage 1 x"],
  },
  // A short CRC ended by the next telegram's "/", then that telegram.
  {
    name: "a short CRC ended by the next slash",
    chunks: ["/A⏎!1ED/B⏎!2222⏎"],
    events: ["frame /A⏎!1ED", "frame /B⏎!2222"],
  },
  // A restart and a frame split across chunks: the order holds over pushes.
  {
    name: "a restart and a frame across chunks",
    chunks: ["/A⏎1(", "1)⏎/B", "⏎!22", "22⏎q"],
    events: ["dropped restarted 10", "frame /B⏎!2222", "garbage 1 q"],
  },
];

for (const c of CASES) {
  Deno.test(`telegram framer reports events in stream order: ${c.name}`, () => {
    const framer = createTelegramFramer({ maxLength: 32 });
    const events = c.chunks.flatMap((chunk) => telegramFramerPush(framer, wire(chunk)));
    assert.deepEqual(show(events), c.events);
  });
}

Deno.test("telegram framer numbers each frame as it opens", () => {
  const framer = createTelegramFramer({ maxLength: 1024 });
  assert.equal(framer.opened, 0);
  telegramFramerPush(framer, wire("/A⏎"));
  assert.equal(framer.opened, 1);
  telegramFramerPush(framer, wire("1(1)⏎"));
  assert.equal(framer.opened, 1, "same frame, same number");
  telegramFramerPush(framer, wire("!1111⏎/B"));
  assert.equal(framer.opened, 2, "completed and a new one opened in one chunk");
  telegramFramerPush(framer, wire("⏎1(2)⏎/C"));
  assert.equal(framer.opened, 3, "restarted: a new frame");
  telegramFramerPush(framer, wire("⏎!3333⏎"));
  assert.equal(framer.phase, "idle");
  assert.equal(framer.opened, 3);
});

Deno.test("telegram framer holds a short CRC in phase crc until the timeout completes it", () => {
  const framer = createTelegramFramer({ maxLength: 1024 });
  assert.deepEqual(telegramFramerPush(framer, wire("/A⏎!1ED")), []);
  assert.equal(framer.phase, "crc");
  assert.deepEqual(show(telegramFramerTimeout(framer)), ["frame /A⏎!1ED"]);
  assert.equal(framer.phase, "idle");
});

Deno.test("telegram framer drops a frame without footer at the timeout and at the flush", () => {
  const framer = createTelegramFramer({ maxLength: 1024 });
  telegramFramerPush(framer, wire("/A⏎1(1)⏎"));
  assert.deepEqual(show(telegramFramerTimeout(framer)), ["dropped timeout 10"]);
  telegramFramerPush(framer, wire("/B⏎"));
  assert.deepEqual(show(telegramFramerFlush(framer)), ["dropped flushed 4"]);
});

/**
 * Events with each run of skipped bytes reported once: garbage is reported once per run and
 * per push, so a run split over pushes comes as several adjacent events.
 */
function mergeGarbage(events: readonly TelegramFramerEvent[]): TelegramFramerEvent[] {
  const out: TelegramFramerEvent[] = [];
  for (const e of events) {
    const last = out.at(-1);
    if (e.type === "garbageSkipped" && last?.type === "garbageSkipped") {
      out[out.length - 1] = {
        type: "garbageSkipped",
        count: last.count + e.count,
        sample: concat(last.sample, e.sample).slice(0, 16),
      };
    } else out.push(e);
  }
  return out;
}

/** A piece of a stream: a telegram, a cut telegram, or bytes. */
type Piece =
  | { kind: "telegram"; seed: number }
  | { kind: "cut"; seed: number; keep: number }
  | { kind: "bytes"; bytes: Uint8Array };

/** Bytes that matter to the framer, often, and any byte now and then. */
const byteArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0x2f, 0x21, 0x0d, 0x0a, 0x31, 0x41, 0x66, 0x47) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);

/** Pieces, the bytes mostly of the framer's alphabet. */
const pieceArbitrary: fc.Arbitrary<Piece> = fc.oneof(
  fc.record({ kind: fc.constant("telegram" as const), seed: fc.integer() }),
  fc.record({
    kind: fc.constant("cut" as const),
    seed: fc.integer(),
    keep: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("bytes" as const),
    bytes: fc.array(byteArbitrary, { maxLength: 60 }).map((b) => new Uint8Array(b)),
  }),
);

/** Bursts of pieces (the owner's timer fires between bursts), cut points, a frame size limit. */
const streamArbitrary = fc.record({
  bursts: fc.array(fc.array(pieceArbitrary, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
  cuts: fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }),
  maxLength: fc.constantFrom(16, 64, 600, 8192),
});

/** The bytes of a piece. */
function pieceBytes(piece: Piece): Uint8Array {
  if (piece.kind === "bytes") return piece.bytes;
  const telegram = nextTelegram(createMeterSimulator({ seed: piece.seed }), 1_720_462_076_000);
  return piece.kind === "telegram" ? telegram.bytes : truncateTelegram(telegram.bytes, piece.keep);
}

Deno.test("telegram framer gives the same events however the stream is chunked", () => {
  fc.assert(
    fc.property(streamArbitrary, ({ bursts, cuts, maxLength }) => {
      const streams = bursts.map((burst) => concat(...burst.map(pieceBytes)));
      const whole = createTelegramFramer({ maxLength });
      const expected: TelegramFramerEvent[] = [];
      for (const bytes of streams) {
        expected.push(...telegramFramerPush(whole, bytes), ...telegramFramerTimeout(whole));
      }
      expected.push(...telegramFramerFlush(whole));

      const chunked = createTelegramFramer({ maxLength });
      const got: TelegramFramerEvent[] = [];
      let c = 0;
      for (const bytes of streams) {
        for (let at = 0; at < bytes.length;) {
          const size = cuts[c++ % cuts.length]!;
          got.push(...telegramFramerPush(chunked, bytes.subarray(at, at + size)));
          at += size;
        }
        got.push(...telegramFramerTimeout(chunked));
      }
      got.push(...telegramFramerFlush(chunked));
      assert.deepEqual(mergeGarbage(got), mergeGarbage(expected));
      assert.equal(chunked.opened, whole.opened);
    }),
    { numRuns: 300, seed: 20_240_708 }, // fixed seed: the suite is deterministic
  );
});
