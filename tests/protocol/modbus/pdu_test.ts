import assert from "node:assert/strict";
import { ExceptionCode } from "../../../protocol/modbus/exceptions.ts";
import { decodeRequest, type ModbusRequest } from "../../../protocol/modbus/pdu.ts";
import { encodeRequestPdu } from "./_client_codec.ts";
import { hex } from "./_helpers.ts";

/** The spec's worked request examples (Application Protocol V1.1b3). */
const SPEC_REQUESTS: readonly { name: string; pdu: string; request: ModbusRequest }[] = [
  {
    // 6.3: read registers 108-110.
    name: "FC03 read holding registers 108-110",
    pdu: "03 00 6B 00 03",
    request: { type: "readHoldingRegisters", functionCode: 0x03, address: 0x6b, quantity: 3 },
  },
  {
    // 6.4: read input register 9.
    name: "FC04 read input register 9",
    pdu: "04 00 08 00 01",
    request: { type: "readInputRegisters", functionCode: 0x04, address: 8, quantity: 1 },
  },
  {
    // 6.6: write register 2 to 00 03 hex.
    name: "FC06 write register 2",
    pdu: "06 00 01 00 03",
    request: { type: "writeSingleRegister", functionCode: 0x06, address: 1, value: 3 },
  },
  {
    // 6.12: write two registers starting at 2 to 00 0A and 01 02 hex.
    name: "FC16 write registers 2-3",
    pdu: "10 00 01 00 02 04 00 0A 01 02",
    request: {
      type: "writeMultipleRegisters",
      functionCode: 0x10,
      address: 1,
      quantity: 2,
      byteCount: 4,
      data: hex("00 0A 01 02"),
    },
  },
  {
    // 6.8.2: return query data A5 37.
    name: "FC08 return query data",
    pdu: "08 00 00 A5 37",
    request: { type: "diagnostics", functionCode: 0x08, subFunction: 0, data: hex("A5 37") },
  },
];

for (const { name, pdu, request } of SPEC_REQUESTS) {
  Deno.test(`decode request reads the spec example: ${name}`, () => {
    assert.deepEqual(decodeRequest(hex(pdu)), { kind: "request", request });
  });
  Deno.test(`encode request writes the spec example: ${name}`, () => {
    assert.deepEqual(encodeRequestPdu(request), hex(pdu));
  });
}

Deno.test("decode request reads a PDU inside a larger buffer", () => {
  const buffer = hex("01 04 00 00 00 02 71 CB");
  assert.deepEqual(decodeRequest(buffer, 1, 6), {
    kind: "request",
    request: { type: "readInputRegisters", functionCode: 0x04, address: 0, quantity: 2 },
  });
});

Deno.test("decode request marks function codes it does not implement as unsupported", () => {
  // Section 7's example request: read coils (01) at 04A1.
  assert.deepEqual(decodeRequest(hex("01 04 A1 00 01")), {
    kind: "request",
    request: { type: "unsupported", functionCode: 0x01 },
  });
  assert.deepEqual(decodeRequest(hex("2B 0E 01 00")), {
    kind: "request",
    request: { type: "unsupported", functionCode: 0x2b },
  });
});

/** PDUs whose length does not fit the function: exception 03 (implied length incorrect). */
const WRONG_LENGTHS: readonly { name: string; pdu: string }[] = [
  { name: "FC03 one byte short", pdu: "03 00 6B 00" },
  { name: "FC03 one byte long", pdu: "03 00 6B 00 03 00" },
  { name: "FC04 without quantity", pdu: "04 00 08" },
  { name: "FC06 without value", pdu: "06 00 01" },
  { name: "FC16 without byte count", pdu: "10 00 01 00 02" },
  { name: "FC16 with fewer data bytes than its byte count", pdu: "10 00 01 00 02 04 00 0A 01" },
  {
    name: "FC16 with more data bytes than its byte count",
    pdu: "10 00 01 00 02 04 00 0A 01 02 03",
  },
  { name: "FC08 without sub-function", pdu: "08 00" },
];

for (const { name, pdu } of WRONG_LENGTHS) {
  Deno.test(`decode request answers exception 03 for ${name}`, () => {
    const bytes = hex(pdu);
    const result = decodeRequest(bytes);
    assert.equal(result.kind, "exception");
    if (result.kind !== "exception") return;
    assert.equal(result.functionCode, bytes[0]);
    assert.equal(result.code, ExceptionCode.IllegalDataValue);
    assert.match(result.reason, /^Cannot decode request: PDU length/);
  });
}

/** PDUs no client sends: no answer at all. */
const MALFORMED: readonly { name: string; pdu: string }[] = [
  { name: "an empty PDU", pdu: "" },
  // 4.1: function code 0 is not valid.
  { name: "function code 0", pdu: "00 00 00" },
  // 4.1: 128-255 are reserved for exception responses.
  { name: "an exception function code", pdu: "83 02" },
];

for (const { name, pdu } of MALFORMED) {
  Deno.test(`decode request reports ${name} as malformed`, () => {
    assert.equal(decodeRequest(hex(pdu)).kind, "malformed");
  });
}

Deno.test("encode request refuses fields out of range and unsupported requests", () => {
  assert.throws(
    () =>
      encodeRequestPdu({
        type: "readInputRegisters",
        functionCode: 0x04,
        address: 65536,
        quantity: 1,
      }),
    RangeError,
  );
  assert.throws(() => encodeRequestPdu({ type: "unsupported", functionCode: 1 }), RangeError);
});
