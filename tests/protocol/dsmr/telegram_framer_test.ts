import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { encodeTelegram } from "../../../protocol/dsmr/encode_telegram.ts";
import { createMeterSimulator, nextTelegram } from "../../../protocol/dsmr/meter_simulator.ts";
import {
  corruptCrc,
  garbageBytes,
  truncateTelegram,
} from "../../../protocol/dsmr/telegram_faults.ts";
import {
  createTelegramFramer,
  type TelegramFramerEvent,
  telegramFramerFlush,
  telegramFramerPush,
  type TelegramFramerState,
  telegramFramerTimeout,
} from "../../../protocol/dsmr/telegram_framer.ts";
import { ascii, bytesToText, concat, fixture, framesOf, wire } from "./_fixtures.ts";

const SHORT = fixture("arduino-dsmr_KFM5KAIFA_short.txt"); // "/KFM5…!1E1D\r\n", 76 bytes
const SHORT_FRAME = SHORT.subarray(0, SHORT.length - 2);

/** The frames among events, as text. */
function text(events: TelegramFramerEvent[]): string[] {
  return framesOf(events).map(bytesToText);
}

function drops(events: TelegramFramerEvent[]): [string, number][] {
  return events.flatMap((e) => e.type === "frameDropped" ? [[e.reason, e.length]] : []);
}

function garbage(events: TelegramFramerEvent[]): number[] {
  return events.flatMap((e) => e.type === "garbageSkipped" ? [e.count] : []);
}

/** The events that are not frames. */
function others(events: TelegramFramerEvent[]): TelegramFramerEvent[] {
  return events.filter((e) => e.type !== "frameReceived");
}

/** Pushes one chunk into a fresh framer. */
function pushOnce(bytes: Uint8Array, maxLength?: number): TelegramFramerEvent[] {
  return telegramFramerPush(createTelegramFramer(maxLength ? { maxLength } : {}), bytes);
}

const inProgress = (framer: TelegramFramerState) => framer.phase !== "idle";

Deno.test("framer emits a telegram from / through the CRC digits, without the line ending", () => {
  const framer = createTelegramFramer();
  const out = telegramFramerPush(framer, SHORT);
  assert.deepEqual(text(out), [bytesToText(SHORT_FRAME)]);
  assert.deepEqual(others(out), []); // the CR LF after the footer is not garbage
  assert.equal(inProgress(framer), false);
});

Deno.test("framer completes a telegram fed one byte at a time", () => {
  const framer = createTelegramFramer();
  const events: TelegramFramerEvent[] = [];
  for (let i = 0; i < SHORT.length; i++) {
    const out = telegramFramerPush(framer, SHORT.subarray(i, i + 1));
    events.push(...out);
    assert.deepEqual(others(out), []);
    // In progress from the "/" until the 4th CRC digit.
    assert.equal(inProgress(framer), i < SHORT.length - 3, `after byte ${i}`);
  }
  assert.deepEqual(text(events), [bytesToText(SHORT_FRAME)]);
});

Deno.test("framer emits several telegrams of one chunk in order", () => {
  const a = encodeTelegram("AAA5", ["1-0:1.7.0(00.001*kW)"]);
  const b = encodeTelegram("BBB5", ["1-0:1.7.0(00.002*kW)"]);
  const out = pushOnce(concat(a, b, a));
  assert.deepEqual(
    framesOf(out).map((f) => bytesToText(f).slice(0, 5)),
    ["/AAA5", "/BBB5", "/AAA5"],
  );
});

Deno.test("framer keeps a / inside the header line (Holley)", () => {
  const holley = encodeTelegram("HLY5/D545-METER", ["1-0:1.7.0(00.100*kW)"]);
  const out = pushOnce(holley);
  assert.equal(out.length, 1);
  assert.equal(out[0]!.type, "frameReceived");
  assert.ok(decodeTelegram(framesOf(out)[0]!, { crc: "required" }).ok);
});

Deno.test("framer restarts on a / at the start of a later line and reports the partial", () => {
  const cut = truncateTelegram(SHORT, 0.3); // ends with CR LF, no footer
  const out = pushOnce(concat(cut, SHORT));
  assert.deepEqual(text(out), [bytesToText(SHORT_FRAME)]);
  assert.deepEqual(drops(out), [["restarted", cut.length]]);
  assert.deepEqual(out.map((e) => e.type), ["frameDropped", "frameReceived"]);
  const dropped = out[0]!;
  assert.ok(dropped.type === "frameDropped");
  assert.equal(bytesToText(dropped.firstBytes), bytesToText(cut.subarray(0, 32)));
});

Deno.test("framer restarts on a / cut in mid-line, so the next telegram is not lost", () => {
  const full = fixture("dsmr_parser_FLUVIUS_V171.txt");
  const cut = full.subarray(0, 300); // ends inside an object line: bytes lost on the cable
  assert.notEqual(cut[cut.length - 1], 0x0a, "the cut is not at a line end");
  const out = pushOnce(concat(cut, full));
  assert.deepEqual(text(out), [bytesToText(full.subarray(0, full.length - 2))]);
  assert.deepEqual(drops(out), [["restarted", 300]]);
  assert.ok(decodeTelegram(framesOf(out)[0]!, { crc: "required" }).ok);
});

Deno.test("framer ends a footer at the first non-hex byte (LF or leading CRC zero dropped)", () => {
  const cases: [stream: string, frames: string[]][] = [
    ["/A5⏎⏎1-0:1.7.0(1)⏎!6796␍/B5⏎!1234", ["/A5⏎⏎1-0:1.7.0(1)⏎!6796", "/B5⏎!1234"]], // CR only, then the next telegram
    ["/A5⏎!6796/B5⏎!1234", ["/A5⏎!6796", "/B5⏎!1234"]], // no line ending at all
    ["/A5⏎!1ED⏎", ["/A5⏎!1ED"]], // 3 digits
    ["/A5⏎!⏎", ["/A5⏎!"]], // no CRC (DSMR 2.2)
    ["/A5⏎!12345⏎", ["/A5⏎!1234"]], // the 5th digit is garbage after a complete frame
  ];
  for (const [stream, frames] of cases) {
    assert.deepEqual(
      text(pushOnce(wire(stream))),
      frames.map((f) => bytesToText(wire(f))),
      stream,
    );
  }
});

Deno.test("framer completes a short CRC at timeout and drops a telegram without footer", () => {
  const framer = createTelegramFramer();
  assert.deepEqual(telegramFramerPush(framer, wire("/A5⏎!1E")), []);
  assert.equal(inProgress(framer), true);
  const { phase, length, crcDigits, garbageCount, maxLength } = framer;
  assert.deepEqual(
    { phase, length, crcDigits, garbageCount, maxLength },
    { phase: "crc", length: 8, crcDigits: 2, garbageCount: 0, maxLength: 8192 },
  );
  assert.deepEqual(text(telegramFramerTimeout(framer)), [bytesToText(wire("/A5⏎!1E"))]);

  const partial = fixture("edge_no-footer_FLUVIUS_V171.txt");
  assert.deepEqual(telegramFramerPush(framer, partial), []);
  assert.equal(inProgress(framer), true);
  const out = telegramFramerTimeout(framer);
  assert.deepEqual(text(out), []);
  assert.deepEqual(drops(out), [["timeout", partial.length]]);
  assert.equal(inProgress(framer), false);
  assert.deepEqual(telegramFramerTimeout(framer), []); // nothing left
});

Deno.test("framer drops an overlong frame and resynchronises on the next /", () => {
  const framer = createTelegramFramer({ maxLength: 64 });
  const out = telegramFramerPush(framer, SHORT); // 76 bytes
  assert.deepEqual(text(out), []);
  assert.deepEqual(drops(out), [["overlong", 64]]);
  const dropped = out[0]!;
  assert.ok(dropped.type === "frameDropped");
  assert.equal(bytesToText(dropped.firstBytes), bytesToText(SHORT.subarray(0, 32)));
  // The rest of the overlong telegram is skipped as garbage until the next "/".
  assert.deepEqual(garbage(out), [SHORT.length - 64]);
  const small = encodeTelegram("X5", ["1-0:1.7.0(1)"]);
  assert.ok(small.length < 64);
  assert.deepEqual(text(telegramFramerPush(framer, small)), [
    bytesToText(small.subarray(0, small.length - 2)),
  ]);
});

Deno.test("framer reports garbage before / with a count and a sample", () => {
  const framer = createTelegramFramer();
  const noise = concat(new Uint8Array([0xff, 0xff]), ascii(" noise"));
  const out = telegramFramerPush(framer, concat(noise, SHORT));
  assert.deepEqual(out, [
    { type: "garbageSkipped", count: 8, sample: noise },
    { type: "frameReceived", bytes: SHORT_FRAME },
  ]);
  // A run of garbage is reported once per push, with at most 16 sample bytes.
  const more = telegramFramerPush(framer, ascii("0123456789abcdefXYZ"));
  assert.deepEqual(more, [{
    type: "garbageSkipped",
    count: 19,
    sample: ascii("0123456789abcdef"),
  }]);
});

Deno.test("framer reports a partial frame as flushed at the end of input", () => {
  const framer = createTelegramFramer();
  telegramFramerPush(framer, wire("garbage/A5⏎1-0:1.7.0("));
  const out = telegramFramerFlush(framer);
  assert.deepEqual(drops(out), [["flushed", 15]]);
  assert.deepEqual(telegramFramerFlush(framer), []);
});

Deno.test("framer rejects an unusable maximum length", () => {
  for (const maxLength of [0, 15, 1.5, 2 ** 21, Number.NaN]) {
    assert.throws(() => createTelegramFramer({ maxLength }), RangeError);
  }
});

/** A stream of simulated telegrams with faults, and the telegrams that must come out of it. */
const streamArbitrary = fc.record({
  seed: fc.integer(),
  kinds: fc.array(fc.constantFrom("valid", "garbage", "badCrc", "truncated"), {
    minLength: 1,
    maxLength: 12,
  }),
  cuts: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 50 }),
});

Deno.test("framer yields exactly the valid telegrams of a faulty stream, however it is chunked", () => {
  fc.assert(
    fc.property(streamArbitrary, ({ seed, kinds, cuts }) => {
      let sim = createMeterSimulator({ seed });
      let t = 1_720_462_076_000;
      const bursts: Uint8Array[][] = [[]]; // the owner's timer fires between bursts
      const expected: string[] = [];
      kinds.forEach((kind, k) => {
        const step = nextTelegram(sim, t += 1000);
        sim = step.state;
        const burst = bursts[bursts.length - 1]!;
        if (kind === "valid") {
          burst.push(step.bytes);
          expected.push(bytesToText(step.bytes.subarray(0, step.bytes.length - 2)));
        } else if (kind === "garbage") burst.push(garbageBytes(seed + k, 1 + (k * 37) % 90));
        else if (kind === "badCrc") burst.push(corruptCrc(step.bytes));
        else {
          burst.push(truncateTelegram(step.bytes, ((k * 13) % 10) / 10));
          bursts.push([]); // the meter pauses: the timeout drops the partial
        }
      });
      const framer = createTelegramFramer();
      const valid: string[] = [];
      const take = (events: TelegramFramerEvent[]) => {
        for (const f of framesOf(events)) {
          if (decodeTelegram(f, { crc: "required" }).ok) valid.push(bytesToText(f));
        }
      };
      let c = 0;
      for (const burst of bursts) {
        const bytes = concat(...burst);
        for (let at = 0; at < bytes.length;) {
          const size = cuts[c++ % cuts.length]!;
          take(telegramFramerPush(framer, bytes.subarray(at, at + size)));
          at += size;
        }
        take(telegramFramerTimeout(framer));
      }
      assert.deepEqual(valid, expected);
    }),
    { numRuns: 150, seed: 20_240_708 }, // fixed seed: the suite is deterministic
  );
});

Deno.test("framer never throws on random bytes and holds at most maxLength bytes", () => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }),
      fc.integer({ min: 16, max: 200 }),
      (chunks, maxLength) => {
        const framer = createTelegramFramer({ maxLength });
        for (const chunk of chunks) {
          for (const f of framesOf(telegramFramerPush(framer, chunk))) {
            assert.ok(f.length <= maxLength);
            decodeTelegram(f, { crc: "optional" });
          }
          assert.ok(framer.length <= maxLength);
        }
        telegramFramerTimeout(framer);
        assert.equal(inProgress(framer), false);
      },
    ),
    { numRuns: 500, seed: 20_240_708 }, // fixed seed: the suite is deterministic
  );
});
