import assert from "node:assert/strict";
import fc from "fast-check";
import { exactReadRequest } from "../../../protocol/modbus/rtu_fast_path.ts";
import { createRtuFramer, rtuFramerPush } from "../../../protocol/modbus/rtu_framer.ts";
import { rtu, withCrc } from "./_helpers.ts";

// This slave is address 2.
const US = 2;

Deno.test("rtu fast path takes a lone FC 03 read for this address", () => {
  assert.deepEqual(exactReadRequest(rtu("02 03 FC 02 00 01"), US), {
    type: "readHoldingRegisters",
    functionCode: 3,
    address: 0xfc02,
    quantity: 1,
  });
});

Deno.test("rtu fast path takes a lone FC 04 read for this address", () => {
  assert.deepEqual(exactReadRequest(rtu("02 04 00 00 00 50"), US), {
    type: "readInputRegisters",
    functionCode: 4,
    address: 0,
    quantity: 0x50,
  });
});

/** Chunks the fast path leaves to the framer (null), each with why. */
const LEFT_TO_THE_FRAMER: readonly { name: string; bytes: Uint8Array }[] = [
  // Another slave's request: the framer counts it as otherRequestSeen.
  { name: "another address", bytes: rtu("03 03 FC 02 00 01") },
  // A broadcast is never answered.
  { name: "a broadcast", bytes: rtu("00 04 00 00 00 02") },
  // FC 06 is eight bytes too, but a write.
  { name: "a write of eight bytes", bytes: rtu("02 06 00 1C 40 40") },
  // One bit flipped in the CRC.
  {
    name: "a bad CRC",
    bytes: (() => {
      const b = rtu("02 03 FC 02 00 01");
      b[7] = b[7]! ^ 1;
      return b;
    })(),
  },
  // The request and a byte of the next one: only the framer can split them.
  { name: "a request and more", bytes: new Uint8Array([...rtu("02 03 FC 02 00 01"), 0x02]) },
  // Only the first seven bytes.
  { name: "a piece of a request", bytes: rtu("02 03 FC 02 00 01").subarray(0, 7) },
];

for (const c of LEFT_TO_THE_FRAMER) {
  Deno.test(`rtu fast path leaves ${c.name} to the framer`, () => {
    assert.equal(exactReadRequest(c.bytes, US), null);
  });
}

Deno.test("rtu fast path leaves a quantity of 0 to the request handler, as the framer does", () => {
  // Exception 03 for it is the handler's business: both paths hand it the same request.
  assert.deepEqual(exactReadRequest(rtu("02 03 00 00 00 00"), US), {
    type: "readHoldingRegisters",
    functionCode: 3,
    address: 0,
    quantity: 0,
  });
});

Deno.test("rtu fast path agrees with the framer on every eight-byte chunk it takes", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(2, 3, 0),
      fc.constantFrom(3, 4, 6, 1),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.boolean(),
      (address, functionCode, body, corrupt) => {
        const bytes = withCrc(new Uint8Array([address, functionCode, ...body]));
        if (corrupt) bytes[6] = bytes[6]! ^ 0x80;
        const fast = exactReadRequest(bytes, US);
        const events = rtuFramerPush(createRtuFramer({ address: US, silenceUs: 4000 }), bytes, 0);
        const framed = events.find((e) => e.type === "requestReceived");
        if (fast === null) {
          // Whatever the fast path refuses is no read request for us.
          const read = framed?.decoded.kind === "request" &&
            (framed.decoded.request.type === "readHoldingRegisters" ||
              framed.decoded.request.type === "readInputRegisters");
          assert.equal(read, false);
        } else {
          assert.ok(framed !== undefined, "the framer found the request too");
          assert.deepEqual(framed.decoded, { kind: "request", request: fast });
        }
      },
    ),
  );
});
