import assert from "node:assert/strict";
import { decodeMbapFrame } from "../../../protocol/modbus/mbap.ts";
import { decodeRequest } from "../../../protocol/modbus/pdu.ts";
import {
  createRegisterImage,
  DEFAULT_READ_SPACES,
  type MeasuredBlock,
  type ReadSpaces,
  type RegisterImage,
} from "../../../protocol/modbus/register_image.ts";
import { respondTcp, RESPONSE_BUFFER_LENGTH } from "../../../protocol/modbus/respond.ts";
import { answerTcpRead } from "../../../protocol/modbus/tcp_read_fast_path.ts";
import { hex, toHex } from "./_helpers.ts";

/** A frame: transaction id, unit id and the PDU in hex. */
function frame(transactionId: number, unitId: number, pdu: string): Uint8Array {
  const body = hex(pdu);
  const out = new Uint8Array(7 + body.length);
  out.set([transactionId >> 8, transactionId & 0xff, 0, 0, 0, body.length + 1, unitId]);
  out.set(body, 7);
  return out;
}

/** What the general way (decode, handle, seal) sends for `request`, or a label for no bytes. */
function general(
  request: Uint8Array,
  image: RegisterImage,
  options: { maxReadQuantity?: number },
): string {
  const f = decodeMbapFrame(request);
  if (f.kind !== "frame") throw new Error("test frame does not decode");
  const d = decodeRequest(request, f.pduStart, f.pduEnd);
  if (d.kind !== "request") return `decode ${d.kind}`;
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const r = respondTcp(d.request, f.transactionId, f.unitId, image, {
    writesAllowed: true,
    ...options,
  }, out);
  return r.kind === "reply" || r.kind === "exception"
    ? `${r.kind} ${toHex(out.subarray(0, r.length))}`
    : r.kind;
}

function image(
  readSpaces: ReadSpaces = DEFAULT_READ_SPACES,
  blocked: MeasuredBlock = null,
): RegisterImage {
  const img = createRegisterImage({ readSpaces, blocked });
  for (let i = 0; i < 300; i++) {
    img.input[i] = 0x4000 + i;
    img.holding[i] = 0x8000 + i;
  }
  img.input[65535] = 0x1234;
  img.measured.input.fill(1, 0, 2);
  img.measured.holding.fill(1, 100, 102);
  return img;
}

Deno.test("tcp read fast path answers the SDM630 voltage read byte for byte", () => {
  const img = image();
  img.input.set([0x4366, 0x3334], 0);
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const length = answerTcpRead(frame(0x1234, 2, "04 00 00 00 02"), 0, 12, img, {}, out, 0);
  assert.equal(toHex(out.subarray(0, length)), "12 34 00 00 00 07 02 04 04 43 66 33 34");
});

Deno.test("tcp read fast path writes at the offset and reads the frame where it starts", () => {
  const img = image();
  const stream = new Uint8Array(40);
  stream.set(frame(5, 255, "03 00 01 00 01"), 9);
  const out = new Uint8Array(600).fill(0xee);
  const length = answerTcpRead(stream, 9, 12, img, {}, out, 300);
  assert.equal(length, 11);
  assert.equal(toHex(out.subarray(300, 311)), "00 05 00 00 00 05 FF 03 02 80 01");
  assert.equal(out[299], 0xee, "nothing before the offset");
  assert.equal(out[311], 0xee, "nothing after the answer");
});

/** Requests around every rule of a read, and requests that are not reads at all. */
const PDUS: readonly string[] = [
  "04 00 00 00 02",
  "03 00 00 00 02",
  "04 00 00 00 01",
  "04 00 00 00 7D", // 125: the most a read may ask for
  "04 00 00 00 7E", // 126: exception 03
  "04 00 00 00 00", // quantity 0: exception 03
  "03 FF FF 00 01", // the last register
  "04 FF FF 00 01",
  "03 FF FF 00 02", // beyond 65535: exception 02
  "04 FF 84 00 7D", // ends exactly at 65536
  "03 00 64 00 01", // holding 100: measured
  "03 00 63 00 01", // holding 99: not measured
  "03 00 63 00 02", // touches holding 100
  "04 00 01 00 01", // input 1: measured
  "04 00 02 00 05", // input 2..6: not measured
  "04 00 00 00 02 00", // one byte too many: exception 03
  "04 00 00 00", // one byte short: exception 03
  "06 00 00 00 01", // a write, same length as a read
  "10 00 00 00 01 02 00 01",
  "08 00 00 12 34",
  "01 00 00 00 08", // unsupported: exception 01
  "2B 0E 01 00 00",
];

const IMAGES: readonly { name: string; image: RegisterImage }[] = [
  { name: "default spaces", image: image() },
  { name: "both FCs read input", image: image({ fc03: "input", fc04: "input" }) },
  { name: "FC03 not answered", image: image({ fc03: null, fc04: "input" }) },
  { name: "FC04 not answered", image: image({ fc03: "holding", fc04: null }) },
  { name: "blocked with exception", image: image(undefined, "exception") },
  { name: "blocked silently", image: image(undefined, "silent") },
  {
    name: "an image that does not cover the space",
    image: {
      ...image(),
      input: new Uint16Array(10),
      measured: { input: new Uint8Array(10), holding: new Uint8Array(65536) },
    },
  },
];

for (const { name, image: img } of IMAGES) {
  for (const options of [{}, { maxReadQuantity: 10 }, { maxReadQuantity: 500 }]) {
    Deno.test(
      `tcp read fast path sends what the general way sends, or leaves it (${name}, ${
        JSON.stringify(options)
      })`,
      () => {
        let answered = 0;
        for (const pdu of PDUS) {
          const request = frame(0x0a0b, 2, pdu);
          const expected = general(request, img, options);
          const out = new Uint8Array(RESPONSE_BUFFER_LENGTH).fill(0xee);
          const length = answerTcpRead(request, 0, request.length, img, options, out, 0);
          if (length === 0) {
            assert.notEqual(
              expected.startsWith("reply") && /^(03|04) /.test(pdu) && request.length === 12,
              true,
              `a normal read left to the general way: ${pdu} → ${expected}`,
            );
            assert.ok(out.every((b) => b === 0xee), `nothing written for ${pdu}`);
            continue;
          }
          answered++;
          assert.equal(`reply ${toHex(out.subarray(0, length))}`, expected, pdu);
        }
        assert.ok(answered > 0 || name.includes("cover"), "some reads take the fast path");
      },
    );
  }
}
