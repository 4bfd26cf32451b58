import assert from "node:assert/strict";
import { encodeRs485 } from "../../../drivers/serial/mod.ts";

function words(bytes: Uint8Array): number[] {
  return [...new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)];
}

Deno.test("encodeRs485 defaults to RTS high while sending, no delays", () => {
  const bytes = encodeRs485({ enabled: true });
  assert.equal(bytes.length, 32);
  assert.deepEqual(words(bytes), [0x3, 0, 0, 0, 0, 0, 0, 0]); // ENABLED | RTS_ON_SEND
});

Deno.test("encodeRs485 encodes every flag and both delays", () => {
  const bytes = encodeRs485({
    enabled: true,
    rtsOnSend: false,
    rtsAfterSend: true,
    rxDuringTx: true,
    delayBeforeSendMs: 2,
    delayAfterSendMs: 3,
  });
  assert.deepEqual(words(bytes), [0x15, 2, 3, 0, 0, 0, 0, 0]); // ENABLED|RTS_AFTER_SEND|RX_DURING_TX
});

Deno.test("encodeRs485 with enabled false clears the enable bit", () => {
  assert.deepEqual(words(encodeRs485({ enabled: false, rtsOnSend: false })), [
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
});

Deno.test("encodeRs485 rejects a delay that is negative, fractional or too long", () => {
  for (const delay of [-1, 1.5, 1001, Number.NaN]) {
    assert.throws(
      () => encodeRs485({ enabled: true, delayAfterSendMs: delay }),
      (error: unknown) =>
        error instanceof RangeError &&
        error.message.startsWith(`Unsupported RS485 delay after send: "${delay}"`),
    );
  }
});
