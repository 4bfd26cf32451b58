/**
 * The request handler's per-meter rules: which space FC03 and FC04 read (the image's
 * `readSpaces`), and the writes a master makes as part of its protocol (`echoWritable`):
 * accepted when the value is the one the meter holds, refused with 03 otherwise, on a transport
 * with writes disabled too.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ExceptionCode } from "../../../protocol/modbus/exceptions.ts";
import type { HandleRequestOptions } from "../../../protocol/modbus/handle_request.ts";
import { handleRequest, type HandleResult } from "./_server_helpers.ts";
import { decodeRequest, type ModbusRequest } from "../../../protocol/modbus/pdu.ts";
import {
  createRegisterImage,
  type ReadSpaces,
  type RegisterImage,
} from "../../../protocol/modbus/register_image.ts";
import { hex } from "./_helpers.ts";

const WRITABLE: HandleRequestOptions = { writesAllowed: true };
const READ_ONLY: HandleRequestOptions = { writesAllowed: false };

/**
 * Input 0x0000 = 0x1111, holding 0x0000 = 0x2222; holding 0x1101 = 7 and 0x1102 = 0 are written
 * by the master with the values they hold (EM24 application and measuring system); holding
 * 0x0014 is a writable setting.
 */
function image(readSpaces: ReadSpaces): RegisterImage {
  const img = createRegisterImage({ readSpaces });
  img.input[0] = 0x1111;
  img.holding[0] = 0x2222;
  img.holding[0x1101] = 7;
  img.holding[0x1102] = 0;
  img.echoWritable.fill(1, 0x1101, 0x1103);
  img.holdingWritable[0x14] = 1;
  return img;
}

const EASTRON = image({ fc03: "holding", fc04: "input" });
const FC03_INPUT = image({ fc03: "input", fc04: "input" });
const CARLO_GAVAZZI = image({ fc03: "holding", fc04: "holding" });
const FC03_ONLY = image({ fc03: "holding", fc04: null });

function request(pdu: string): ModbusRequest {
  const decoded = decodeRequest(hex(pdu));
  if (decoded.kind !== "request") throw new Error(`Test request does not decode: "${pdu}"`);
  return decoded.request;
}

function assertReply(result: HandleResult, pdu: string): void {
  assert.deepEqual(result, { kind: "reply", pdu: hex(pdu) });
}

function assertException(result: HandleResult, code: ExceptionCode, reason?: RegExp): void {
  assert.equal(result.kind, "exception", JSON.stringify(result));
  if (result.kind !== "exception") return;
  assert.equal(result.code, code);
  if (reason !== undefined) assert.match(result.reason, reason);
}

// Cases: image, request, reply. FC03 of 0x0000 × 1, FC04 of 0x0000 × 1.
const READS: readonly [string, RegisterImage, string, string][] = [
  ["Eastron FC03 reads the holding space", EASTRON, "03 0000 0001", "03 02 2222"],
  ["Eastron FC04 reads the input space", EASTRON, "04 0000 0001", "04 02 1111"],
  ['fc03 = "input": FC03 reads the input space', FC03_INPUT, "03 0000 0001", "03 02 1111"],
  ['fc03 = "input": FC04 still reads the input space', FC03_INPUT, "04 0000 0001", "04 02 1111"],
  ["Carlo Gavazzi FC03 reads the one space", CARLO_GAVAZZI, "03 0000 0001", "03 02 2222"],
  ["Carlo Gavazzi FC04 reads the same space", CARLO_GAVAZZI, "04 0000 0001", "04 02 2222"],
  ["an FC03-only meter answers FC03", FC03_ONLY, "03 0000 0001", "03 02 2222"],
];

for (const [name, img, req, rep] of READS) {
  Deno.test(`handle request: ${name}`, () => {
    assertReply(handleRequest(request(req), img, READ_ONLY), rep);
  });
}

Deno.test("handle request answers 01 to a read function code the meter does not answer", () => {
  assertException(
    handleRequest(request("04 0000 0001"), FC03_ONLY, READ_ONLY),
    ExceptionCode.IllegalFunction,
    /does not answer function code 4/,
  );
});

Deno.test("handle request echoes an FC06 of the value a protocol register holds, writes disabled", () => {
  for (const options of [READ_ONLY, WRITABLE]) {
    // Victron's FC06 0x1101 = 7 to an EM24 that is in application H already.
    assertReply(handleRequest(request("06 1101 0007"), CARLO_GAVAZZI, options), "06 1101 0007");
    assertReply(handleRequest(request("06 1102 0000"), CARLO_GAVAZZI, options), "06 1102 0000");
  }
});

Deno.test("handle request answers an FC16 of the values protocol registers hold", () => {
  assertReply(
    handleRequest(request("10 1101 0002 04 0007 0000"), CARLO_GAVAZZI, READ_ONLY),
    "10 1101 0002",
  );
});

Deno.test("handle request refuses another value in a protocol register with 03, naming it", () => {
  for (const options of [READ_ONLY, WRITABLE]) {
    assertException(
      handleRequest(request("06 1101 0005"), CARLO_GAVAZZI, options),
      ExceptionCode.IllegalDataValue,
      /Cannot write 0x1101: the emulated meter keeps 7 there \(got 5\)/,
    );
    assertException(
      handleRequest(request("10 1101 0002 04 0007 0003"), CARLO_GAVAZZI, options),
      ExceptionCode.IllegalDataValue,
      /Cannot write 0x1102/,
    );
  }
});

Deno.test("handle request treats a write reaching past the protocol registers as an ordinary write", () => {
  // 0x1101…0x1103: 0x1103 is no protocol register, so the ordinary rules apply.
  assertException(
    handleRequest(request("10 1101 0003 06 0007 0000 0000"), CARLO_GAVAZZI, READ_ONLY),
    ExceptionCode.IllegalFunction,
  );
  assertException(
    handleRequest(request("10 1101 0003 06 0007 0000 0000"), CARLO_GAVAZZI, WRITABLE),
    ExceptionCode.IllegalDataAddress,
  );
  // A setting is still written only with writes enabled.
  assertException(handleRequest(request("06 0014 0001"), CARLO_GAVAZZI, READ_ONLY), 1);
  assert.equal(handleRequest(request("06 0014 0001"), CARLO_GAVAZZI, WRITABLE).kind, "write");
});
