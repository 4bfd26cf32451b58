import assert from "node:assert/strict";
import { ExceptionCode } from "../../../protocol/modbus/exceptions.ts";
import {
  handleRequestInto,
  type HandleRequestOptions,
  writeAcceptedPdu,
} from "../../../protocol/modbus/handle_request.ts";
import { decodeRequest, type ModbusRequest } from "../../../protocol/modbus/pdu.ts";
import {
  createRegisterImage,
  type RegisterImage,
} from "../../../protocol/modbus/register_image.ts";
import { hex } from "./_helpers.ts";
import { handleRequest, type HandleResult, withBlocked } from "./_server_helpers.ts";

/**
 * A small SDM630-like image: input 0-1 (phase 1 voltage, 230.2 V as the Eastron doc's reply) and
 * 0x34-0x35 (total power) are measured; holding 107-109 hold the spec's FC03 example values;
 * holding 0x14-0x15 (network node) are writable, 0x16 is writable alone.
 */
function makeImage(): RegisterImage {
  const image = createRegisterImage();
  image.input.set([0x4366, 0x3334], 0);
  image.input.set([0x4120, 0x0000], 0x34);
  image.measured.input.fill(1, 0, 2);
  image.measured.input.fill(1, 0x34, 0x36);
  image.holding.set([555, 0, 100], 107);
  image.holding[0xffff] = 0xbeef;
  image.holdingWritable.fill(1, 0x14, 0x17);
  return image;
}

const IMAGE = makeImage();
const WRITABLE: HandleRequestOptions = { writesAllowed: true };
const READ_ONLY: HandleRequestOptions = { writesAllowed: false };

/** Decodes a request PDU given in hex (the decoder is tested on its own). */
function request(pdu: string): ModbusRequest {
  const decoded = decodeRequest(hex(pdu));
  if (decoded.kind !== "request") throw new Error(`Test request does not decode: "${pdu}"`);
  return decoded.request;
}

function reply(pdu: string): HandleResult {
  return { kind: "reply", pdu: hex(pdu) };
}

function assertException(result: HandleResult, code: ExceptionCode): void {
  assert.equal(result.kind, "exception", JSON.stringify(result));
  if (result.kind === "exception") assert.equal(result.code, code);
}

/** Normal replies, byte for byte. */
const REPLIES: readonly {
  name: string;
  request: string;
  reply: string;
  options?: HandleRequestOptions;
}[] = [
  // Eastron SDM630 doc: read phase 1 voltage, reply data 43 66 33 34.
  {
    name: "FC04 reads the measured voltage",
    request: "04 00 00 00 02",
    reply: "04 04 43 66 33 34",
  },
  // Application Protocol V1.1b3, 6.3: registers 108-110 = 555, 0, 100.
  {
    name: "FC03 reads the spec's example",
    request: "03 00 6B 00 03",
    reply: "03 06 02 2B 00 00 00 64",
  },
  // Solis reads across the undocumented gap 0x36: gaps read as 0, never an error.
  {
    name: "FC04 reads a gap register as 0",
    request: "04 00 34 00 04",
    reply: "04 08 41 20 00 00 00 00 00 00",
  },
  // Registers far outside any map read as 0.
  { name: "FC04 reads an unmapped register as 0", request: "04 80 00 00 01", reply: "04 02 00 00" },
  // Odd start and odd count are accepted.
  { name: "FC04 accepts an odd start and count", request: "04 00 01 00 01", reply: "04 02 33 34" },
  // The last register of the space.
  { name: "FC03 reads register 65535", request: "03 FF FF 00 01", reply: "03 02 BE EF" },
  // 6.8.2: Return Query Data echoes the request.
  { name: "FC08 sub-function 00 echoes", request: "08 00 00 A5 37", reply: "08 00 00 A5 37" },
  // Return Query Data with more than one word (the spec allows any data).
  {
    name: "FC08 echoes several data words",
    request: "08 00 00 01 02 03 04",
    reply: "08 00 00 01 02 03 04",
  },
];

for (const c of REPLIES) {
  Deno.test(`handle request: ${c.name}`, () => {
    assert.deepEqual(
      handleRequest(request(c.request), IMAGE, c.options ?? READ_ONLY),
      reply(c.reply),
    );
  });
}

Deno.test("handle request reads 125 registers, the most one read may ask for", () => {
  const result = handleRequest(request("04 00 00 00 7D"), IMAGE, READ_ONLY);
  assert.equal(result.kind, "reply");
  if (result.kind !== "reply") return;
  assert.equal(result.pdu.length, 2 + 250);
  assert.deepEqual(result.pdu.subarray(0, 6), hex("04 FA 43 66 33 34"));
});

Deno.test("handle request reads up to the very end of the space", () => {
  // 65411 + 125 = 65536: the range ends exactly at the last register.
  const result = handleRequest(request("03 FF 83 00 7D"), IMAGE, READ_ONLY);
  assert.equal(result.kind, "reply");
});

/** Exception answers, each with the rule it follows. */
const EXCEPTIONS: readonly {
  name: string;
  request: ModbusRequest;
  options: HandleRequestOptions;
  code: ExceptionCode;
}[] = [
  // 01: function codes this server does not implement (section 7's example: read coils).
  {
    name: "FC01 is not supported",
    request: request("01 04 A1 00 01"),
    options: WRITABLE,
    code: ExceptionCode.IllegalFunction,
  },
  // 01: FC08 sub-functions other than 00.
  {
    name: "FC08 sub-function 01 is not supported",
    request: request("08 00 01 00 00"),
    options: WRITABLE,
    code: ExceptionCode.IllegalFunction,
  },
  // 01: writes on a transport whose writes are disabled.
  {
    name: "FC06 with writes disabled",
    request: request("06 00 14 00 02"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalFunction,
  },
  {
    name: "FC16 with writes disabled",
    request: request("10 00 14 00 02 04 40 00 00 00"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalFunction,
  },
  // 03: read quantity 0 or above 125 (6.3 / 6.4: 0x0001 <= quantity <= 0x007D).
  {
    name: "FC03 quantity 0",
    request: request("03 00 00 00 00"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalDataValue,
  },
  {
    name: "FC04 quantity 126",
    request: request("04 00 00 00 7E"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalDataValue,
  },
  // 03 before 02: the state diagram checks the quantity before the address.
  {
    name: "FC04 quantity 0 at the last address",
    request: request("04 FF FF 00 00"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalDataValue,
  },
  // 03: a configured read limit (the SDM630 doc allows 80 registers).
  {
    name: "FC04 quantity 81 with a limit of 80",
    request: request("04 00 00 00 51"),
    options: { writesAllowed: false, maxReadQuantity: 80 },
    code: ExceptionCode.IllegalDataValue,
  },
  // 03: a limit above 125 is capped at 125.
  {
    name: "FC04 quantity 126 with a limit of 200",
    request: request("04 00 00 00 7E"),
    options: { writesAllowed: false, maxReadQuantity: 200 },
    code: ExceptionCode.IllegalDataValue,
  },
  // 03: FC16 quantity 0 or above 123 (6.12: 0x0001 <= quantity <= 0x007B).
  {
    name: "FC16 quantity 0",
    request: request("10 00 14 00 00 00"),
    options: WRITABLE,
    code: ExceptionCode.IllegalDataValue,
  },
  {
    name: "FC16 quantity 124",
    request: {
      type: "writeMultipleRegisters",
      functionCode: 0x10,
      address: 0x14,
      quantity: 124,
      byteCount: 248,
      data: new Uint8Array(248),
    },
    options: WRITABLE,
    code: ExceptionCode.IllegalDataValue,
  },
  {
    name: "FC16 quantity 3 with a limit of 2",
    request: request("10 00 14 00 03 06 00 00 00 00 00 00"),
    options: { writesAllowed: true, maxWriteQuantity: 2 },
    code: ExceptionCode.IllegalDataValue,
  },
  // 03: a byte count that does not match the quantity.
  {
    name: "FC16 byte count 2 for 2 registers",
    request: request("10 00 14 00 02 02 40 00"),
    options: WRITABLE,
    code: ExceptionCode.IllegalDataValue,
  },
  // 02: address + quantity beyond 65536.
  {
    name: "FC03 registers 65535-65536",
    request: request("03 FF FF 00 02"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalDataAddress,
  },
  {
    name: "FC04 125 registers from 65412",
    request: request("04 FF 84 00 7D"),
    options: READ_ONLY,
    code: ExceptionCode.IllegalDataAddress,
  },
  {
    name: "FC16 registers 65535-65536",
    request: request("10 FF FF 00 02 04 00 00 00 00"),
    options: WRITABLE,
    code: ExceptionCode.IllegalDataAddress,
  },
  // 02: a write touching a register that is not writable.
  {
    name: "FC06 to a register that is not writable",
    request: request("06 00 6B 00 01"),
    options: WRITABLE,
    code: ExceptionCode.IllegalDataAddress,
  },
  {
    name: "FC16 that runs past the writable registers",
    request: request("10 00 16 00 02 04 00 01 00 02"),
    options: WRITABLE,
    code: ExceptionCode.IllegalDataAddress,
  },
];

for (const c of EXCEPTIONS) {
  Deno.test(`handle request answers exception ${c.code}: ${c.name}`, () => {
    assertException(handleRequest(c.request, IMAGE, c.options), c.code);
  });
}

Deno.test("handle request turns an accepted FC06 into a write for the caller", () => {
  assert.deepEqual(handleRequest(request("06 00 16 00 03"), IMAGE, WRITABLE), {
    kind: "write",
    space: "holding",
    address: 0x16,
    values: Uint16Array.of(3),
    fc: 0x06,
  });
});

Deno.test("handle request turns an accepted FC16 into a write with the decoded values", () => {
  assert.deepEqual(handleRequest(request("10 00 14 00 02 04 40 00 01 02"), IMAGE, WRITABLE), {
    kind: "write",
    space: "holding",
    address: 0x14,
    values: Uint16Array.of(0x4000, 0x0102),
    fc: 0x10,
  });
});

Deno.test("handle request answers 04 for measured reads while the image blocks with exceptions", () => {
  const blocked = withBlocked(IMAGE, "exception");
  assertException(
    handleRequest(request("04 00 00 00 02"), blocked, READ_ONLY),
    ExceptionCode.ServerDeviceFailure,
  );
  // Touching one measured register is enough.
  assertException(
    handleRequest(request("04 00 30 00 05"), blocked, READ_ONLY),
    ExceptionCode.ServerDeviceFailure,
  );
});

Deno.test("handle request stays silent for measured reads while the image blocks silently", () => {
  const blocked = withBlocked(IMAGE, "silent");
  const result = handleRequest(request("04 00 34 00 02"), blocked, READ_ONLY);
  assert.equal(result.kind, "none");
});

Deno.test("handle request still answers reads that touch no measured register while blocked", () => {
  for (const mode of ["exception", "silent"] as const) {
    const blocked = withBlocked(IMAGE, mode);
    assert.deepEqual(
      handleRequest(request("04 00 02 00 02"), blocked, READ_ONLY),
      reply("04 04 00 00 00 00"),
    );
    assert.deepEqual(
      handleRequest(request("03 00 6B 00 03"), blocked, READ_ONLY),
      reply("03 06 02 2B 00 00 00 64"),
    );
    assert.deepEqual(
      handleRequest(request("08 00 00 A5 37"), blocked, READ_ONLY),
      reply("08 00 00 A5 37"),
    );
    assert.equal(handleRequest(request("06 00 16 00 03"), blocked, WRITABLE).kind, "write");
  }
});

Deno.test("handle request answers 04 when the image does not cover the address space", () => {
  const broken: RegisterImage = { ...IMAGE, input: new Uint16Array(16) };
  assertException(
    handleRequest(request("04 00 20 00 02"), broken, READ_ONLY),
    ExceptionCode.ServerDeviceFailure,
  );
});

Deno.test("handle request into a buffer writes the reply PDU at the offset", () => {
  const out = new Uint8Array(260).fill(0xee);
  const result = handleRequestInto(request("04 00 00 00 02"), IMAGE, READ_ONLY, out, 7);
  assert.deepEqual(result, { kind: "reply", length: 6 });
  assert.deepEqual(out.subarray(6, 14), hex("EE 04 04 43 66 33 34 EE"));
});

Deno.test("handle request into a buffer writes the exception PDU too", () => {
  const out = new Uint8Array(260);
  const result = handleRequestInto(request("03 FF FF 00 02"), IMAGE, READ_ONLY, out, 1);
  assert.equal(result.kind, "exception");
  if (result.kind === "exception") assert.equal(result.length, 2);
  assert.deepEqual(out.subarray(1, 3), hex("83 02"));
});

Deno.test("handle request into a buffer refuses a buffer with room for less than 253 bytes", () => {
  assert.throws(
    () => handleRequestInto(request("04 00 00 00 02"), IMAGE, READ_ONLY, new Uint8Array(259), 7),
    RangeError,
  );
});

Deno.test("write accepted pdu echoes FC06 and answers FC16 with address and quantity", () => {
  const out = new Uint8Array(8);
  const single = {
    kind: "write",
    space: "holding",
    address: 1,
    values: Uint16Array.of(3),
    fc: 0x06,
  } as const;
  assert.equal(writeAcceptedPdu(single, out, 0), 5);
  assert.deepEqual(out.subarray(0, 5), hex("06 00 01 00 03"));
  const multiple = { ...single, values: Uint16Array.of(0x000a, 0x0102), fc: 0x10 } as const;
  assert.equal(writeAcceptedPdu(multiple, out, 0), 5);
  assert.deepEqual(out.subarray(0, 5), hex("10 00 01 00 02"));
});
