import assert from "node:assert/strict";
import { diagnosticsMessage } from "../../../actors/mqtt/diagnostics.ts";

Deno.test("diagnostics sum the Modbus requests of both transports and count telegrams", () => {
  const answers = new Map<string, unknown>([
    ["telegramValidator", { accepted: 120, rejected: 3, rejectedByCode: {} }],
    ["modbusRtu", { serving: true, counters: { requests: 40 } }],
    ["modbusTcp", { serving: true, counters: { requests: 2 } }],
  ]);
  assert.deepEqual(
    diagnosticsMessage({
      lastReceivedAt: 10_000,
      now: 10_460,
      answers,
      modbus: ["modbusRtu", "modbusTcp"],
    }),
    {
      last_telegram_age_s: 0.5,
      telegrams_accepted: 120,
      telegrams_rejected: 3,
      modbus_requests: 42,
    },
  );
});

Deno.test("diagnostics leave out what they could not learn, never 0", () => {
  // No telegram yet, the validator did not answer, one Modbus slave of two answered.
  const answers = new Map<string, unknown>([["modbusRtu", { counters: { requests: 40 } }]]);
  assert.deepEqual(
    diagnosticsMessage({
      lastReceivedAt: null,
      now: 0,
      answers,
      modbus: ["modbusRtu", "modbusTcp"],
    }),
    {},
  );
});
