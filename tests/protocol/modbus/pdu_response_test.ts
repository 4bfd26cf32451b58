import assert from "node:assert/strict";
import {
  writeDiagnosticsResponse,
  writeReadRegistersResponse,
  writeWriteMultipleRegistersResponse,
  writeWriteSingleRegisterResponse,
} from "../../../protocol/modbus/pdu_response.ts";
import { decodeResponse } from "./_client_codec.ts";
import { hex } from "./_helpers.ts";

function written(write: (out: Uint8Array) => number): Uint8Array {
  const out = new Uint8Array(260);
  return out.slice(0, write(out));
}

Deno.test("read registers response matches the spec's FC03 example (registers 108-110)", () => {
  // Application Protocol V1.1b3, 6.3: 108 = 02 2B (555), 109 = 0, 110 = 00 64 (100).
  const registers = new Uint16Array(200);
  registers[107] = 555;
  registers[108] = 0;
  registers[109] = 100;
  const pdu = written((out) => writeReadRegistersResponse(out, 0, 0x03, registers, 0x6b, 3));
  assert.deepEqual(pdu, hex("03 06 02 2B 00 00 00 64"));
});

Deno.test("read registers response matches the spec's FC04 example (input register 9)", () => {
  // Application Protocol V1.1b3, 6.4: input register 9 holds 00 0A (10).
  const registers = new Uint16Array(16);
  registers[8] = 10;
  const pdu = written((out) => writeReadRegistersResponse(out, 0, 0x04, registers, 8, 1));
  assert.deepEqual(pdu, hex("04 02 00 0A"));
});

Deno.test("read registers response writes at an offset and leaves the rest of the buffer", () => {
  const out = new Uint8Array(10).fill(0xee);
  const registers = Uint16Array.of(0x4366, 0x3334);
  assert.equal(writeReadRegistersResponse(out, 1, 0x04, registers, 0, 2), 6);
  assert.deepEqual(out, hex("EE 04 04 43 66 33 34 EE EE EE"));
});

Deno.test("write single register response echoes the spec's FC06 example", () => {
  // 6.6: the response to "write register 2 to 00 03" is the request itself.
  assert.deepEqual(
    written((out) => writeWriteSingleRegisterResponse(out, 0, 1, 3)),
    hex("06 00 01 00 03"),
  );
});

Deno.test("write multiple registers response matches the spec's FC16 example", () => {
  // 6.12: starting address 00 01, quantity 00 02.
  assert.deepEqual(
    written((out) => writeWriteMultipleRegistersResponse(out, 0, 1, 2)),
    hex("10 00 01 00 02"),
  );
});

Deno.test("diagnostics response echoes the spec's FC08 example", () => {
  // 6.8.2: sub-function 00 00, data A5 37, echoed.
  assert.deepEqual(
    written((out) => writeDiagnosticsResponse(out, 0, 0, hex("A5 37"))),
    hex("08 00 00 A5 37"),
  );
});

/** Responses as a client decodes them. */
const DECODE_CASES: readonly { name: string; pdu: string; expected: unknown }[] = [
  {
    name: "the FC03 example",
    pdu: "03 06 02 2B 00 00 00 64",
    expected: { kind: "readRegisters", functionCode: 3, values: Uint16Array.of(555, 0, 100) },
  },
  {
    name: "the FC06 example",
    pdu: "06 00 01 00 03",
    expected: { kind: "writeSingleRegister", address: 1, value: 3 },
  },
  {
    name: "the FC16 example",
    pdu: "10 00 01 00 02",
    expected: { kind: "writeMultipleRegisters", address: 1, quantity: 2 },
  },
  {
    name: "the FC08 example",
    pdu: "08 00 00 A5 37",
    expected: { kind: "diagnostics", subFunction: 0, data: hex("A5 37") },
  },
  {
    name: "the section 7 exception example",
    pdu: "81 02",
    expected: { kind: "exception", functionCode: 1, code: 2 },
  },
];

for (const { name, pdu, expected } of DECODE_CASES) {
  Deno.test(`decode response reads ${name}`, () => {
    assert.deepEqual(decodeResponse(hex(pdu)), expected);
  });
}

/** Responses that do not add up. */
const BAD_RESPONSES: readonly { name: string; pdu: string }[] = [
  { name: "an empty PDU", pdu: "" },
  { name: "a byte count longer than the data", pdu: "03 06 02 2B 00 00" },
  { name: "an odd byte count", pdu: "04 01 00" },
  { name: "an exception without its code", pdu: "83" },
  { name: "a short FC06 response", pdu: "06 00 01 00" },
  { name: "an unsupported function", pdu: "01 01 00" },
];

for (const { name, pdu } of BAD_RESPONSES) {
  Deno.test(`decode response reports ${name} as malformed`, () => {
    assert.equal(decodeResponse(hex(pdu)).kind, "malformed");
  });
}
