import assert from "node:assert/strict";
import {
  type LedInputs,
  ledStates,
  nextLedDeadline,
  NO_LED_INPUTS,
} from "../../actors/led_logic.ts";

const STALE = 25_000;

/** Cases: inputs, time, expected A1 and 485 states. */
const CASES: readonly {
  name: string;
  inputs: Partial<LedInputs>;
  now: number;
  a1: string;
  rs485: string;
}[] = [
  // Nothing received, quiet bus: both off.
  { name: "nothing yet", inputs: {}, now: 5_000, a1: "off", rs485: "off" },
  // A valid telegram 1 s ago: A1 on.
  {
    name: "fresh telegram",
    inputs: { telegramAcceptedAt: 4_000 },
    now: 5_000,
    a1: "on",
    rs485: "off",
  },
  // The last telegram was rejected (after a good one): A1 blinks.
  {
    name: "last telegram rejected",
    inputs: { telegramAcceptedAt: 1_000, telegramRejectedAt: 2_000 },
    now: 3_000,
    a1: "blink",
    rs485: "off",
  },
  // A good telegram after a rejected one: A1 on again.
  {
    name: "recovered",
    inputs: { telegramAcceptedAt: 3_000, telegramRejectedAt: 2_000 },
    now: 4_000,
    a1: "on",
    rs485: "off",
  },
  // Nothing for stale_after_s: A1 off.
  { name: "stale", inputs: { telegramAcceptedAt: 0 }, now: STALE, a1: "off", rs485: "off" },
  // A valid request within the last second: 485 on, even with noise too.
  {
    name: "valid request",
    inputs: { requestValidAt: 4_500, requestInvalidAt: 4_900 },
    now: 5_000,
    a1: "off",
    rs485: "on",
  },
  // Bytes but no valid request within the last second: 485 blinks.
  {
    name: "noise only",
    inputs: { requestValidAt: 3_000, requestInvalidAt: 4_900 },
    now: 5_000,
    a1: "off",
    rs485: "blink",
  },
  // A request 1 s ago or more: 485 off.
  { name: "quiet bus", inputs: { requestValidAt: 4_000 }, now: 5_000, a1: "off", rs485: "off" },
];

for (const c of CASES) {
  Deno.test(`led states follow the manual: ${c.name}`, () => {
    const states = ledStates({ ...NO_LED_INPUTS, ...c.inputs }, c.now, STALE);
    assert.deepEqual(states, { pwr: "on", a1: c.a1, rs485: c.rs485 });
  });
}

Deno.test("next led deadline is the earliest future change", () => {
  const inputs = { ...NO_LED_INPUTS, telegramAcceptedAt: 1_000, requestValidAt: 4_500 };
  assert.equal(nextLedDeadline(inputs, 5_000, STALE), 5_500);
  assert.equal(nextLedDeadline(inputs, 5_600, STALE), 26_000);
  assert.equal(nextLedDeadline(inputs, 26_000, STALE), null);
  assert.equal(nextLedDeadline(NO_LED_INPUTS, 0, STALE), null);
});
