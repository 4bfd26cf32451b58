import assert from "node:assert/strict";
import { planSettingWrite, type WritePlan } from "../../../actors/modbus/setting_writes.ts";
import type { WriteIntent } from "../../../protocol/modbus/mod.ts";
import { TEST_VARIANT } from "./_fixtures.ts";

function write(fc: 0x06 | 0x10, address: number, ...values: number[]): WriteIntent {
  return { kind: "write", space: "holding", address, values: Uint16Array.from(values), fc };
}

/** Writes that save settings; float words are IEEE-754 high word first. */
const SAVES: readonly { name: string; intent: WriteIntent; changes: WritePlan }[] = [
  {
    // FC16 of the whole address setting: 17.0 = 0x41880000.
    name: "FC16 of a whole float setting",
    intent: write(0x10, 0x14, 0x4188, 0x0000),
    changes: { kind: "settings", changes: [{ key: "modbus.rtu.address", value: 17 }] },
  },
  {
    // FC06 on the first word: the low word is taken as 0, so 0x4188 means 17.0.
    name: "FC06 on the first word of a float setting that allows it",
    intent: write(0x06, 0x14, 0x4188),
    changes: { kind: "settings", changes: [{ key: "modbus.rtu.address", value: 17 }] },
  },
  {
    // Parity (1.0 = even) and address (5.0) back to back in one FC16, in address order.
    name: "FC16 of two adjacent settings",
    intent: write(0x10, 0x12, 0x3f80, 0x0000, 0x40a0, 0x0000),
    changes: {
      kind: "settings",
      changes: [{ key: "modbus.rtu.parity", value: "even" }, {
        key: "modbus.rtu.address",
        value: 5,
      }],
    },
  },
  {
    // A uint16 setting takes FC06 of the raw value.
    name: "FC06 of a 1-word setting",
    intent: write(0x06, 0x100, 500),
    changes: { kind: "settings", changes: [{ key: "modbus.rtu.response_delay_ms", value: 500 }] },
  },
  {
    // Baud code 3.0 = 0x40400000 → 19200.
    name: "FC16 of the baud setting maps its code",
    intent: write(0x10, 0x1c, 0x4040, 0x0000),
    changes: { kind: "settings", changes: [{ key: "modbus.rtu.baud", value: 19200 }] },
  },
];

for (const c of SAVES) {
  Deno.test(`setting write planner saves: ${c.name}`, () => {
    assert.deepEqual(planSettingWrite(c.intent, TEST_VARIANT), c.changes);
  });
}

/** Writes refused with an exception, and the code. */
const REFUSALS: readonly { name: string; intent: WriteIntent; code: 2 | 3 }[] = [
  // Only the high word of a 2-word setting.
  { name: "FC16 of half a float setting", intent: write(0x10, 0x14, 0x4188), code: 2 },
  // Starts on the low word of the address setting and runs into a register of no setting.
  { name: "FC16 starting inside a setting", intent: write(0x10, 0x15, 0, 0), code: 2 },
  // FC06 on the low word.
  { name: "FC06 on the second word of a float setting", intent: write(0x06, 0x15, 0), code: 2 },
  // The whole address setting plus 0x0016, which is no setting.
  {
    name: "FC16 running past a setting into a register of no setting",
    intent: write(0x10, 0x14, 0x4188, 0, 0),
    code: 2,
  },
  // The address check comes first: 248.0 would be a bad value, but 0x0016 is a bad address.
  {
    name: "bad address and bad value: the address wins",
    intent: write(0x10, 0x14, 0x4378, 0, 0),
    code: 2,
  },
  // 248.0 = 0x43780000 is beyond 1…247.
  { name: "an address out of range", intent: write(0x10, 0x14, 0x4378, 0x0000), code: 3 },
  // 17.5 = 0x418C0000 is not an integer.
  { name: "a fractional address", intent: write(0x10, 0x14, 0x418c, 0x0000), code: 3 },
  // Quiet NaN 0x7FC00000.
  { name: "NaN", intent: write(0x10, 0x14, 0x7fc0, 0x0000), code: 3 },
  // Parity code 2.0 (odd) is not offered.
  { name: "a parity code the setting refuses", intent: write(0x06, 0x12, 0x4000), code: 3 },
  // 2000 ms is beyond the 1-word setting's 0…1000.
  { name: "a 1-word value the setting refuses", intent: write(0x06, 0x100, 2000), code: 3 },
  // The reboot register takes only its reboot value.
  { name: "the reboot register with another value", intent: write(0x06, 0xf100, 2), code: 3 },
  // The reboot register must be written alone.
  {
    name: "the reboot register together with another register",
    intent: write(0x10, 0xf0ff, 0, 1),
    code: 2,
  },
];

for (const c of REFUSALS) {
  Deno.test(`setting write planner refuses with exception 0${c.code}: ${c.name}`, () => {
    const plan = planSettingWrite(c.intent, TEST_VARIANT);
    assert.equal(plan.kind, "exception", JSON.stringify(plan));
    if (plan.kind === "exception") {
      assert.equal(plan.code, c.code);
      assert.match(plan.reason, /^Cannot /);
    }
  });
}

Deno.test("setting write planner reboots on the reboot value by FC06 and by FC16 of one register", () => {
  assert.deepEqual(planSettingWrite(write(0x06, 0xf100, 1), TEST_VARIANT), { kind: "reboot" });
  assert.deepEqual(planSettingWrite(write(0x10, 0xf100, 1), TEST_VARIANT), { kind: "reboot" });
});

Deno.test("setting write planner reads a low-word-first setting's single word as its high word", () => {
  const variant = {
    settings: [{ ...TEST_VARIANT.settings[1]!, wordOrder: "low-first" as const }],
    reboot: TEST_VARIANT.reboot,
  };
  // 17.0 = 0x41880000: FC06 of the high word 0x4188 to the setting's first register.
  assert.deepEqual(planSettingWrite(write(0x06, 0x14, 0x4188), variant), {
    kind: "settings",
    changes: [{ key: "modbus.rtu.address", value: 17 }],
  });
  // FC16 in the setting's order: low word first.
  assert.deepEqual(planSettingWrite(write(0x10, 0x14, 0x0000, 0x4188), variant), {
    kind: "settings",
    changes: [{ key: "modbus.rtu.address", value: 17 }],
  });
});

Deno.test("setting write planner refuses FC06 on a float setting without singleWordWrite", () => {
  const variant = {
    settings: [{ ...TEST_VARIANT.settings[1]!, singleWordWrite: false }],
    reboot: TEST_VARIANT.reboot,
  };
  const plan = planSettingWrite(write(0x06, 0x14, 0x4188), variant);
  assert.equal(plan.kind === "exception" && plan.code, 2);
});
