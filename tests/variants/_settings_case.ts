/**
 * Writes of a variant's settings through the real write planner (`actors/modbus/setting_writes`):
 * written words in, configuration changes or exception codes out, as a master would see them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { planSettingWrite } from "../../actors/modbus/setting_writes.ts";
import type { Variant } from "../../variants/api.ts";

/** One write and what it must do. */
export interface WriteCase {
  /** What the case shows. */
  readonly name: string;
  readonly fc: 0x06 | 0x10;
  readonly address: number;
  readonly words: readonly number[];
  /** The configuration change, "reboot", or the exception code. */
  readonly expect: { key: string; value: string | number } | "reboot" | 2 | 3;
}

/** Registers one test running every case against `variant`. */
export function settingWriteSuite(variant: Variant, cases: readonly WriteCase[]): void {
  Deno.test(`${variant.id} settings: writes are validated, saved or refused`, () => {
    for (const c of cases) {
      const plan = planSettingWrite(
        {
          kind: "write",
          space: "holding",
          address: c.address,
          fc: c.fc,
          values: Uint16Array.from(c.words),
        },
        variant,
      );
      if (c.expect === "reboot") {
        assert.deepEqual(plan, { kind: "reboot" }, c.name);
      } else if (typeof c.expect === "number") {
        assert.equal(plan.kind, "exception", c.name);
        assert.equal(plan.kind === "exception" && plan.code, c.expect, c.name);
      } else {
        assert.deepEqual(plan, { kind: "settings", changes: [c.expect] }, c.name);
      }
    }
  });
}
