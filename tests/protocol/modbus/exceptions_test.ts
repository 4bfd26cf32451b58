import assert from "node:assert/strict";
import { ExceptionCode, writeExceptionPdu } from "../../../protocol/modbus/exceptions.ts";
import { hex } from "./_helpers.ts";
import { exceptionName, exceptionPdu } from "./_server_helpers.ts";

Deno.test("exception pdu matches the spec's example: read coils at 1185 answers 81 02", () => {
  // Application Protocol V1.1b3, section 7: request 01 04 A1 00 01, response 81 02.
  assert.deepEqual(exceptionPdu(0x01, ExceptionCode.IllegalDataAddress), hex("81 02"));
});

/** Each function code of this server with each exception code, as the spec's error layouts. */
const CASES: readonly { functionCode: number; code: ExceptionCode; pdu: string }[] = [
  // 6.3: error code 0x83 for Read Holding Registers.
  { functionCode: 0x03, code: ExceptionCode.IllegalDataAddress, pdu: "83 02" },
  // 6.4: error code 0x84 for Read Input Registers.
  { functionCode: 0x04, code: ExceptionCode.ServerDeviceFailure, pdu: "84 04" },
  // 6.6: error code 0x86 for Write Single Register.
  { functionCode: 0x06, code: ExceptionCode.IllegalFunction, pdu: "86 01" },
  // 6.8: error code 0x88 for Diagnostics.
  { functionCode: 0x08, code: ExceptionCode.IllegalFunction, pdu: "88 01" },
  // 6.12: error code 0x90 for Write Multiple Registers.
  { functionCode: 0x10, code: ExceptionCode.IllegalDataValue, pdu: "90 03" },
];

for (const { functionCode, code, pdu } of CASES) {
  Deno.test(`exception pdu for function ${functionCode} with code ${code} is ${pdu}`, () => {
    assert.deepEqual(exceptionPdu(functionCode, code), hex(pdu));
    const out = new Uint8Array(4);
    assert.equal(writeExceptionPdu(out, 1, functionCode, code), 2);
    assert.deepEqual(out, hex(`00 ${pdu} 00`));
  });
}

Deno.test("exception codes carry the spec's numbers and names", () => {
  assert.equal(ExceptionCode.IllegalFunction, 1);
  assert.equal(ExceptionCode.IllegalDataAddress, 2);
  assert.equal(ExceptionCode.IllegalDataValue, 3);
  assert.equal(ExceptionCode.ServerDeviceFailure, 4);
  assert.equal(exceptionName(ExceptionCode.IllegalFunction), "ILLEGAL FUNCTION");
  assert.equal(exceptionName(ExceptionCode.IllegalDataAddress), "ILLEGAL DATA ADDRESS");
  assert.equal(exceptionName(ExceptionCode.IllegalDataValue), "ILLEGAL DATA VALUE");
  assert.equal(exceptionName(ExceptionCode.ServerDeviceFailure), "SERVER DEVICE FAILURE");
});
