import assert from "node:assert/strict";
import {
  decodeMbapFrame,
  MBAP_MALFORMED,
  MBAP_NEED_MORE,
  mbapFrameLength,
  sealMbapAdu,
} from "../../../protocol/modbus/mbap.ts";
import { encodeMbapAdu } from "./_client_codec.ts";
import { concat, hex } from "./_helpers.ts";

// MBAP header (Messaging on TCP/IP Implementation Guide V1.0b, 3.1.3): transaction id (2),
// protocol id 0 (2), length of the following bytes incl. unit id (2), unit id (1).
// The request: transaction 00 0A, unit 01, the spec's FC06 example "06 00 01 00 03".
const WRITE_REQUEST = hex("00 0A 00 00 00 06 01 06 00 01 00 03");

Deno.test("mbap decodes a complete frame and locates its PDU", () => {
  assert.deepEqual(decodeMbapFrame(WRITE_REQUEST), {
    kind: "frame",
    transactionId: 10,
    unitId: 1,
    pduStart: 7,
    pduEnd: 12,
    frameLength: 12,
  });
});

Deno.test("mbap asks for more until the whole frame has arrived", () => {
  for (let n = 0; n < WRITE_REQUEST.length; n++) {
    assert.deepEqual(decodeMbapFrame(WRITE_REQUEST, 0, n), { kind: "needMore" }, `at ${n} bytes`);
  }
});

Deno.test("mbap decodes two frames back to back from one stream buffer", () => {
  const second = hex("00 0B 00 00 00 06 01 04 00 00 00 02");
  const stream = concat(WRITE_REQUEST, second);
  const first = decodeMbapFrame(stream);
  assert.equal(first.kind, "frame");
  if (first.kind !== "frame") return;
  const next = decodeMbapFrame(stream, first.frameLength);
  assert.deepEqual(next, {
    kind: "frame",
    transactionId: 11,
    unitId: 1,
    pduStart: 19,
    pduEnd: 24,
    frameLength: 12,
  });
});

/** Headers no client sends: the server closes that connection. */
const MALFORMED: readonly { name: string; header: string }[] = [
  { name: "a protocol identifier other than 0", header: "00 01 00 01 00 06 01" },
  { name: "a length of 0", header: "00 01 00 00 00 00 01" },
  { name: "a length of 1 (a unit id and no PDU)", header: "00 01 00 00 00 01 01" },
  { name: "a length of 255 (a PDU over 253 bytes)", header: "00 01 00 00 00 FF 01" },
  { name: "a length of 0x0106", header: "00 01 00 00 01 06 01" },
];

for (const { name, header } of MALFORMED) {
  Deno.test(`mbap reports ${name} as malformed`, () => {
    const result = decodeMbapFrame(hex(header));
    assert.equal(result.kind, "malformed");
  });
}

Deno.test("mbap reports a bad protocol identifier before the length has arrived", () => {
  assert.equal(decodeMbapFrame(hex("00 01 12 34")).kind, "malformed");
});

Deno.test("mbap accepts the largest frame: length 254, a 253-byte PDU", () => {
  const frame = new Uint8Array(260);
  frame.set(hex("00 01 00 00 00 FE 01 03"));
  const result = decodeMbapFrame(frame);
  assert.equal(result.kind, "frame");
  if (result.kind === "frame") assert.equal(result.frameLength, 260);
});

Deno.test("mbap frame length agrees with the decoder on every prefix of good and bad frames", () => {
  const frames = [WRITE_REQUEST, ...MALFORMED.map(({ header }) => hex(`${header} 04 00 00 00 02`))];
  for (const bytes of frames) {
    // The frame at offset 3 of a longer buffer, as in a stream buffer.
    const stream = new Uint8Array(3 + bytes.length + 5);
    stream.set(bytes, 3);
    for (let end = 3; end <= 3 + bytes.length; end++) {
      const length = mbapFrameLength(stream, 3, end);
      const decoded = decodeMbapFrame(stream, 3, end);
      const expected = decoded.kind === "frame"
        ? decoded.frameLength
        : decoded.kind === "needMore"
        ? MBAP_NEED_MORE
        : MBAP_MALFORMED;
      assert.equal(length, expected, `${bytes.join(" ")} up to ${end}`);
    }
  }
  assert.equal(mbapFrameLength(WRITE_REQUEST, 0, 12), 12);
  assert.equal(mbapFrameLength(hex("00 01 12 34"), 0, 4), MBAP_MALFORMED);
});

Deno.test("mbap seals a PDU written after the header", () => {
  const out = new Uint8Array(260);
  out.set(hex("06 00 01 00 03"), 7);
  assert.equal(sealMbapAdu(out, 10, 1, 5), 12);
  assert.deepEqual(out.subarray(0, 12), WRITE_REQUEST);
});

Deno.test("mbap encodes a whole frame", () => {
  const out = new Uint8Array(260);
  const length = encodeMbapAdu(out, 0xabcd, 0xff, hex("83 02"));
  assert.deepEqual(out.subarray(0, length), hex("AB CD 00 00 00 03 FF 83 02"));
});

Deno.test("mbap encode refuses an empty or overlong PDU", () => {
  const out = new Uint8Array(300);
  assert.throws(() => encodeMbapAdu(out, 1, 1, new Uint8Array(0)), RangeError);
  assert.throws(() => encodeMbapAdu(out, 1, 1, new Uint8Array(254)), RangeError);
});
