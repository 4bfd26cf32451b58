import assert from "node:assert/strict";
import { ExceptionCode } from "../../../protocol/modbus/exceptions.ts";
import { decodeRequest, type ModbusRequest } from "../../../protocol/modbus/pdu.ts";
import { createRegisterImage } from "../../../protocol/modbus/register_image.ts";
import {
  respondRtu,
  respondTcp,
  RESPONSE_BUFFER_LENGTH,
  rtuExceptionAdu,
  rtuWriteAcceptedAdu,
  tcpExceptionAdu,
  tcpWriteAcceptedAdu,
} from "../../../protocol/modbus/respond.ts";
import { hex, rtu } from "./_helpers.ts";
import { withBlocked } from "./_server_helpers.ts";

const IMAGE = (() => {
  const image = createRegisterImage();
  image.input.set([0x4366, 0x3334], 0);
  image.measured.input.fill(1, 0, 2);
  return image;
})();
const OPTIONS = { writesAllowed: false };

function request(pdu: string): ModbusRequest {
  const decoded = decodeRequest(hex(pdu));
  if (decoded.kind !== "request") throw new Error(`Test request does not decode: "${pdu}"`);
  return decoded.request;
}

Deno.test("respond rtu builds the SDM630 doc's reply frame byte for byte", () => {
  // Eastron SDM630 doc: request 01 04 00 00 00 02 71 CB, reply 01 04 04 43 66 33 34 1B 38.
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const result = respondRtu(request("04 00 00 00 02"), 1, IMAGE, OPTIONS, out);
  assert.deepEqual(result, { kind: "reply", length: 9 });
  assert.deepEqual(out.subarray(0, 9), hex("01 04 04 43 66 33 34 1B 38"));
});

Deno.test("respond rtu builds an exception frame with its CRC", () => {
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const result = respondRtu(request("03 FF FF 00 02"), 2, IMAGE, OPTIONS, out);
  assert.equal(result.kind, "exception");
  if (result.kind !== "exception") return;
  assert.equal(result.code, ExceptionCode.IllegalDataAddress);
  assert.deepEqual(out.subarray(0, result.length), rtu("02 83 02"));
});

Deno.test("respond tcp builds the reply frame with the request's transaction and unit", () => {
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const result = respondTcp(request("04 00 00 00 02"), 0x1234, 0xff, IMAGE, OPTIONS, out);
  assert.deepEqual(result, { kind: "reply", length: 13 });
  assert.deepEqual(out.subarray(0, 13), hex("12 34 00 00 00 07 FF 04 04 43 66 33 34"));
});

Deno.test("respond tcp builds an exception frame", () => {
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const result = respondTcp(request("01 04 A1 00 01"), 7, 1, IMAGE, OPTIONS, out);
  assert.equal(result.kind, "exception");
  if (result.kind !== "exception") return;
  assert.deepEqual(out.subarray(0, result.length), hex("00 07 00 00 00 03 01 81 01"));
});

Deno.test("respond passes no-reply and write outcomes through untouched", () => {
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  const silent = withBlocked(IMAGE, "silent");
  assert.equal(respondRtu(request("04 00 00 00 02"), 1, silent, OPTIONS, out).kind, "none");
  assert.equal(respondTcp(request("04 00 00 00 02"), 1, 1, silent, OPTIONS, out).kind, "none");
  const writable = createRegisterImage();
  writable.holdingWritable[1] = 1;
  const write = respondRtu(request("06 00 01 00 03"), 1, writable, { writesAllowed: true }, out);
  assert.equal(write.kind, "write");
});

Deno.test("respond refuses a frame buffer shorter than 260 bytes", () => {
  assert.throws(
    () => respondRtu(request("04 00 00 00 02"), 1, IMAGE, OPTIONS, new Uint8Array(256)),
    RangeError,
  );
});

Deno.test("exception and write-accepted frames for both transports", () => {
  const out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  let n = rtuExceptionAdu(out, 2, 0x10, ExceptionCode.IllegalFunction);
  assert.deepEqual(out.subarray(0, n), rtu("02 90 01"));
  n = tcpExceptionAdu(out, 1, 2, 0x06, ExceptionCode.IllegalDataAddress);
  assert.deepEqual(out.subarray(0, n), hex("00 01 00 00 00 03 02 86 02"));
  // The spec's FC16 example: response 10 00 01 00 02.
  const intent = {
    kind: "write",
    space: "holding",
    address: 1,
    values: Uint16Array.of(10, 258),
    fc: 0x10,
  } as const;
  n = rtuWriteAcceptedAdu(out, 2, intent);
  assert.deepEqual(out.subarray(0, n), rtu("02 10 00 01 00 02"));
  n = tcpWriteAcceptedAdu(out, 9, 2, intent);
  assert.deepEqual(out.subarray(0, n), hex("00 09 00 00 00 06 02 10 00 01 00 02"));
});
