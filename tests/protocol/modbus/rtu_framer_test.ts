import assert from "node:assert/strict";
import fc from "fast-check";
import {
  createRtuFramer,
  type RtuFramerEvent,
  rtuFramerFlush,
  rtuFramerPush,
  rtuFramerSilence,
  rtuFramerSilenceDeadline,
  type RtuFramerState,
} from "../../../protocol/modbus/rtu_framer.ts";
import { concat, hex, rtu, toHex, withCrc } from "./_helpers.ts";

// This server is address 2; the line is silent for 4 ms at the end of a frame (t3.5 at 9600
// baud is 4.01 ms).
const US = 2;
const SILENCE_US = 4_000;

function framer(): RtuFramerState {
  return createRtuFramer({ address: US, silenceUs: SILENCE_US });
}

/** One line per event, frames in hex, so expectations read like a bus trace. */
function describe(event: RtuFramerEvent): string {
  switch (event.type) {
    case "requestReceived":
      return `request ${toHex(event.adu)}`;
    case "broadcastReceived":
      return `broadcast ${toHex(event.adu)}`;
    case "otherRequestSeen":
      return `other request to ${event.address} fc ${event.functionCode} (${event.length} bytes)`;
    case "otherResponseSeen":
      return `other response from ${event.address} fc ${event.functionCode} (${event.length} bytes)`;
    case "crcFailed":
      return `crc failed to ${event.address} fc ${event.functionCode} (${event.length} bytes)`;
    case "noiseDropped":
      return `noise ${event.reason} (${event.length} bytes)`;
  }
}

/** A bus timeline: bytes arriving at a time, or the owner's silence timer firing. */
type Step = { readonly bytes: Uint8Array; readonly at: number } | { readonly silenceAt: number };

function run(state: RtuFramerState, steps: readonly Step[]): RtuFramerEvent[] {
  const events: RtuFramerEvent[] = [];
  for (const step of steps) {
    if ("bytes" in step) events.push(...rtuFramerPush(state, step.bytes, step.at));
    else events.push(...rtuFramerSilence(state, step.silenceAt));
  }
  return events;
}

function trace(steps: readonly Step[]): string[] {
  return run(framer(), steps).map(describe);
}

// Read input registers 0-1 from this server (the SDM630 doc's request, readdressed to 2).
const READ_VOLTAGE = rtu("02 04 00 00 00 02");
// Read total power 0x34-0x35 from this server.
const READ_POWER = rtu("02 04 00 34 00 02");

Deno.test("rtu framer receives a request for this server with its decoded PDU", () => {
  const events = run(framer(), [{ bytes: READ_VOLTAGE, at: 0 }]);
  assert.equal(events.length, 1);
  assert.deepEqual(events[0], {
    type: "requestReceived",
    address: 2,
    adu: READ_VOLTAGE,
    decoded: {
      kind: "request",
      request: { type: "readInputRegisters", functionCode: 4, address: 0, quantity: 2 },
    },
  });
});

Deno.test("rtu framer receives a request as soon as its last byte arrives, before silence", () => {
  const state = framer();
  assert.deepEqual(rtuFramerPush(state, READ_VOLTAGE, 0).map(describe), [
    `request ${toHex(READ_VOLTAGE)}`,
  ]);
  assert.equal(rtuFramerSilenceDeadline(state), null);
});

Deno.test("rtu framer assembles a request split across many pushes with gaps below t3.5", () => {
  const steps = Array.from(
    READ_VOLTAGE,
    (byte, i) => ({ bytes: Uint8Array.of(byte), at: i * 3_000 }),
  );
  assert.deepEqual(trace(steps), [`request ${toHex(READ_VOLTAGE)}`]);
});

Deno.test("rtu framer assembles an FC16 request whose byte count arrives in a later piece", () => {
  const write = rtu("02 10 00 14 00 02 04 40 00 00 00");
  assert.deepEqual(
    trace([{ bytes: write.subarray(0, 5), at: 0 }, { bytes: write.subarray(5), at: 1_000 }]),
    [`request ${toHex(write)}`],
  );
});

Deno.test("rtu framer receives two requests back to back in one push", () => {
  assert.deepEqual(trace([{ bytes: concat(READ_VOLTAGE, READ_POWER), at: 0 }]), [
    `request ${toHex(READ_VOLTAGE)}`,
    `request ${toHex(READ_POWER)}`,
  ]);
});

Deno.test("rtu framer drops a frame with a bad CRC and the next good request still comes out", () => {
  const corrupted = READ_POWER.slice();
  corrupted[7] = corrupted[7]! ^ 0xff;
  // Back to back in one chunk, no silence in between. Some byte after the bad frame could begin
  // a longer frame, so the framer may hold the request until the line falls silent (as the spec
  // says a receiver does), but no later.
  assert.deepEqual(
    trace([{ bytes: concat(corrupted, READ_VOLTAGE), at: 0 }, { silenceAt: 4_000 }]),
    [
      "crc failed to 2 fc 4 (8 bytes)",
      `request ${toHex(READ_VOLTAGE)}`,
    ],
  );
  // Separated by silence.
  assert.deepEqual(
    trace([{ bytes: corrupted, at: 0 }, { silenceAt: 5_000 }, { bytes: READ_VOLTAGE, at: 20_000 }]),
    ["crc failed to 2 fc 4 (8 bytes)", `request ${toHex(READ_VOLTAGE)}`],
  );
});

Deno.test("rtu framer resyncs after a leading garbage byte", () => {
  assert.deepEqual(trace([{ bytes: concat(hex("FF"), READ_VOLTAGE), at: 0 }]), [
    "noise garbage (1 bytes)",
    `request ${toHex(READ_VOLTAGE)}`,
  ]);
});

Deno.test("rtu framer resyncs after a leading zero byte (a line glitch)", () => {
  assert.deepEqual(trace([{ bytes: concat(hex("00"), READ_POWER), at: 0 }]), [
    "noise garbage (1 bytes)",
    `request ${toHex(READ_POWER)}`,
  ]);
});

Deno.test("rtu framer reports a partial frame at silence and receives the next request", () => {
  assert.deepEqual(
    trace([
      { bytes: READ_VOLTAGE.subarray(0, 5), at: 0 },
      { silenceAt: 4_000 },
      { bytes: READ_POWER, at: 30_000 },
    ]),
    ["noise partial (5 bytes)", `request ${toHex(READ_POWER)}`],
  );
});

Deno.test("rtu framer applies a silence it sees between two pushes itself", () => {
  // The owner's timer did not fire; the gap between the pushes is longer than t3.5.
  assert.deepEqual(
    trace([{ bytes: READ_VOLTAGE.subarray(0, 5), at: 0 }, { bytes: READ_POWER, at: 30_000 }]),
    ["noise partial (5 bytes)", `request ${toHex(READ_POWER)}`],
  );
});

Deno.test("rtu framer tells when silence is due and ignores a silence call that comes early", () => {
  const state = framer();
  assert.equal(rtuFramerSilenceDeadline(state), null);
  rtuFramerPush(state, READ_VOLTAGE.subarray(0, 3), 1_000);
  assert.equal(rtuFramerSilenceDeadline(state), 5_000);
  assert.deepEqual(rtuFramerSilence(state, 4_999), []);
  assert.deepEqual(rtuFramerSilence(state, 5_000).map(describe), ["noise partial (3 bytes)"]);
  assert.equal(rtuFramerSilenceDeadline(state), null);
});

Deno.test("rtu framer classifies a request for another address without receiving it", () => {
  assert.deepEqual(trace([{ bytes: rtu("05 04 00 00 00 02"), at: 0 }]), [
    "other request to 5 fc 4 (8 bytes)",
  ]);
});

Deno.test("rtu framer reads the frame after another server's request as its FC04 response", () => {
  assert.deepEqual(
    trace([
      { bytes: rtu("05 04 00 00 00 02"), at: 0 },
      { silenceAt: 5_000 },
      { bytes: rtu("05 04 04 43 66 33 34"), at: 20_000 },
      { silenceAt: 30_000 },
      { bytes: READ_VOLTAGE, at: 100_000 },
    ]),
    [
      "other request to 5 fc 4 (8 bytes)",
      "other response from 5 fc 4 (9 bytes)",
      `request ${toHex(READ_VOLTAGE)}`,
    ],
  );
});

Deno.test("rtu framer does not take another server's FC03 response that starts like a request", () => {
  // Its first 8 bytes, 05 03 06 00 00 01 + CRC, are a valid "read holding registers 0x0600,
  // quantity 1" request frame to server 5; the response carries byte count 6, so it is 11 bytes.
  const head = rtu("05 03 06 00 00 01");
  const response = withCrc(concat(head, hex("AA")));
  assert.equal(response.length, 11);
  assert.deepEqual(
    trace([
      { bytes: rtu("05 03 00 00 00 03"), at: 0 },
      { silenceAt: 5_000 },
      { bytes: response, at: 20_000 },
    ]),
    ["other request to 5 fc 3 (8 bytes)", "other response from 5 fc 3 (11 bytes)"],
  );
});

Deno.test("rtu framer consumes a response whole, even one whose data holds a request for us", () => {
  // Server 5 answers 4 registers whose 8 data bytes happen to be a valid request frame to us.
  const embedded = rtu("02 03 00 00 00 01");
  const response = withCrc(concat(hex("05 03 08"), embedded));
  assert.deepEqual(trace([{ bytes: response, at: 0 }]), ["other response from 5 fc 3 (13 bytes)"]);
});

Deno.test("rtu framer classifies another server's exception response", () => {
  assert.deepEqual(
    trace([{ bytes: rtu("05 03 FF FF 00 02"), at: 0 }, { bytes: rtu("05 83 02"), at: 20_000 }]),
    ["other request to 5 fc 3 (8 bytes)", "other response from 5 fc 131 (5 bytes)"],
  );
});

Deno.test("rtu framer reads another server's FC06 echo as its response, not as a request", () => {
  const write = rtu("05 06 00 14 00 02");
  assert.deepEqual(trace([{ bytes: write, at: 0 }, { bytes: write, at: 20_000 }]), [
    "other request to 5 fc 6 (8 bytes)",
    "other response from 5 fc 6 (8 bytes)",
  ]);
});

Deno.test("rtu framer receives a request for us right after another server's request", () => {
  // Server 5 never answers; the master moves on to us.
  assert.deepEqual(
    trace([{ bytes: rtu("05 04 00 00 00 02"), at: 0 }, { bytes: READ_VOLTAGE, at: 500_000 }]),
    ["other request to 5 fc 4 (8 bytes)", `request ${toHex(READ_VOLTAGE)}`],
  );
});

Deno.test("rtu framer receives a broadcast", () => {
  const write = rtu("00 06 00 14 00 02");
  const events = run(framer(), [{ bytes: write, at: 0 }]);
  assert.deepEqual(events.map(describe), [`broadcast ${toHex(write)}`]);
  assert.equal(events[0]?.type === "broadcastReceived" && events[0].decoded.kind, "request");
});

Deno.test("rtu framer receives FC08 return query data with one word at once", () => {
  const diag = rtu("02 08 00 00 A5 37");
  assert.deepEqual(trace([{ bytes: diag, at: 0 }]), [`request ${toHex(diag)}`]);
});

Deno.test("rtu framer receives FC08 return query data with several words at silence", () => {
  const diag = rtu("02 08 00 00 01 02 03 04");
  const state = framer();
  assert.deepEqual(rtuFramerPush(state, diag, 0), []);
  assert.deepEqual(rtuFramerSilence(state, 4_000).map(describe), [`request ${toHex(diag)}`]);
});

Deno.test("rtu framer receives an unknown function code for us at silence, to answer 01", () => {
  // 2B 0E: read device identification.
  const request = rtu("02 2B 0E 01 00");
  const state = framer();
  assert.deepEqual(rtuFramerPush(state, request, 0), []);
  const events = rtuFramerSilence(state, 4_000);
  assert.deepEqual(events.map(describe), [`request ${toHex(request)}`]);
  const first = events[0];
  assert.ok(first?.type === "requestReceived");
  assert.deepEqual(first.decoded, {
    kind: "request",
    request: { type: "unsupported", functionCode: 0x2b },
  });
});

Deno.test("rtu framer drops a stream of more than 256 bytes without a frame, then recovers", () => {
  const stream = new Uint8Array(300).fill(0x55);
  assert.deepEqual(
    trace([{ bytes: stream, at: 0 }, { silenceAt: 4_000 }, { bytes: READ_VOLTAGE, at: 10_000 }]),
    ["noise overlong (256 bytes)", "noise partial (44 bytes)", `request ${toHex(READ_VOLTAGE)}`],
  );
});

Deno.test("rtu framer refuses an FC16 request longer than 256 bytes and recovers", () => {
  // Byte count 250 makes a 259-byte frame: over the serial line's 256-byte limit.
  const overlong = rtu(`02 10 00 00 00 7D FA ${"00 ".repeat(250)}`);
  assert.equal(overlong.length, 259);
  const events = run(framer(), [
    { bytes: overlong, at: 0 },
    { silenceAt: 4_000 },
    { bytes: READ_VOLTAGE, at: 10_000 },
  ]);
  assert.equal(events.some((e) => e.type === "requestReceived" && e.adu.length > 256), false);
  assert.equal(events.reduce((n, e) => n + (e.type === "noiseDropped" ? e.length : 0), 0), 259);
  assert.deepEqual(describe(events[events.length - 1]!), `request ${toHex(READ_VOLTAGE)}`);
});

Deno.test("rtu framer receives the largest FC16 request, 255 bytes", () => {
  const largest = rtu(`02 10 00 00 00 7B F6 ${"12 ".repeat(246)}`);
  assert.equal(largest.length, 255);
  assert.deepEqual(trace([{ bytes: largest, at: 0 }]), [`request ${toHex(largest)}`]);
});

Deno.test("rtu framer flush drops pending bytes and forgets the bus context", () => {
  const state = framer();
  rtuFramerPush(state, READ_VOLTAGE.subarray(0, 4), 0);
  assert.deepEqual(rtuFramerFlush(state).map(describe), ["noise partial (4 bytes)"]);
  assert.equal(rtuFramerSilenceDeadline(state), null);
  assert.deepEqual(rtuFramerPush(state, READ_POWER, 1_000).map(describe), [
    `request ${toHex(READ_POWER)}`,
  ]);
});

Deno.test("rtu framer refuses an address outside 1..247 and a silence that is not positive", () => {
  assert.throws(() => createRtuFramer({ address: 0, silenceUs: 4_000 }), RangeError);
  assert.throws(() => createRtuFramer({ address: 248, silenceUs: 4_000 }), RangeError);
  assert.throws(() => createRtuFramer({ address: 2, silenceUs: 0 }), RangeError);
});

/** Requests for this server: FC03/04 reads, FC06 and FC16 writes, with their CRC. */
const requestForUs = fc.oneof(
  fc.tuple(fc.constantFrom(3, 4), fc.nat(0xffff), fc.integer({ min: 1, max: 125 })).map(
    ([code, address, quantity]) =>
      withCrc(
        Uint8Array.of(US, code, address >>> 8, address & 0xff, quantity >>> 8, quantity & 0xff),
      ),
  ),
  fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([address, value]) =>
    withCrc(Uint8Array.of(US, 6, address >>> 8, address & 0xff, value >>> 8, value & 0xff))
  ),
  fc.tuple(fc.nat(0xffff), fc.uint8Array({ minLength: 2, maxLength: 40 })).map(
    ([address, data]) => {
      const even = data.subarray(0, data.length & ~1);
      const head = Uint8Array.of(
        US,
        0x10,
        address >>> 8,
        address & 0xff,
        0,
        even.length / 2,
        even.length,
      );
      return withCrc(concat(head, even));
    },
  ),
);

Deno.test("rtu framer receives every request, in order, among noise separated by silences", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.uint8Array({ maxLength: 40 }), requestForUs), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.integer({ min: 1, max: 16 }),
      (items, chunk) => {
        const steps: Step[] = [];
        let t = 0;
        for (const [noise, request] of items) {
          if (noise.length > 0) {
            steps.push({ bytes: noise, at: t });
            t += 10_000;
            steps.push({ silenceAt: t });
          }
          for (let i = 0; i < request.length; i += chunk) {
            steps.push({ bytes: request.subarray(i, i + chunk), at: t });
            t += 500;
          }
          t += 10_000;
          steps.push({ silenceAt: t });
        }
        const received = run(framer(), steps)
          .filter((e) => e.type === "requestReceived")
          .map((e) => toHex(e.adu));
        // Every request comes out, in order (noise could, by a 1 in 65536 chance, add a frame).
        let at = 0;
        for (const [, request] of items) {
          const found = received.indexOf(toHex(request), at);
          assert.ok(found >= 0, `missing ${toHex(request)} in ${received.join(" | ")}`);
          at = found + 1;
        }
      },
    ),
    { seed: 485, numRuns: 300 },
  );
});

function eventLength(event: RtuFramerEvent): number {
  switch (event.type) {
    case "requestReceived":
    case "broadcastReceived":
      return event.adu.length;
    default:
      return event.length;
  }
}

Deno.test("rtu framer never throws on random bytes and accounts for every byte", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.nat(20_000), fc.boolean()), {
        maxLength: 30,
      }),
      fc.integer({ min: 1, max: 247 }),
      (chunks, address) => {
        const state = createRtuFramer({ address, silenceUs: SILENCE_US });
        const events: RtuFramerEvent[] = [];
        let t = 0;
        let total = 0;
        for (const [bytes, gap, silence] of chunks) {
          t += gap;
          events.push(...rtuFramerPush(state, bytes, t));
          total += bytes.length;
          if (silence) events.push(...rtuFramerSilence(state, t + SILENCE_US));
          assert.ok(state.length <= 256);
        }
        events.push(...rtuFramerSilence(state, t + SILENCE_US));
        assert.equal(rtuFramerSilenceDeadline(state), null);
        assert.equal(events.reduce((n, e) => n + eventLength(e), 0), total);
      },
    ),
    { seed: 256, numRuns: 300 },
  );
});
