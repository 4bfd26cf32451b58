import assert from "node:assert/strict";
import { rtuTiming } from "../../../protocol/modbus/rtu_timing.ts";

/**
 * Timing cases. Character time = bits / baud; t1.5 and t3.5 are 1.5 and 3.5 character times up
 * to 19200 baud, then fixed at 750 µs and 1750 µs (MODBUS over Serial Line V1.02, 2.5.1.1).
 * Values are rounded up to whole microseconds.
 */
const CASES: readonly {
  name: string;
  baud: number;
  format?: { parity?: "none" | "even" | "odd"; stopBits?: 1 | 2 };
  expected: { bitsPerCharacter: number; characterUs: number; t15Us: number; t35Us: number };
}[] = [
  // 11 bits at 9600: 1145.83 µs; x1.5 = 1718.75; x3.5 = 4010.42.
  {
    name: "9600 baud 8E1",
    baud: 9600,
    expected: { bitsPerCharacter: 11, characterUs: 1146, t15Us: 1719, t35Us: 4011 },
  },
  // 8N1 puts 10 bits on the line; the spec counts 11, so the result is the same as 8E1.
  {
    name: "9600 baud 8N1 counted as 11 bits",
    baud: 9600,
    format: { parity: "none", stopBits: 1 },
    expected: { bitsPerCharacter: 11, characterUs: 1146, t15Us: 1719, t35Us: 4011 },
  },
  // 8E2 really sends 12 bits: 1250 µs; 1875; 4375.
  {
    name: "9600 baud 8E2 counted as 12 bits",
    baud: 9600,
    format: { parity: "even", stopBits: 2 },
    expected: { bitsPerCharacter: 12, characterUs: 1250, t15Us: 1875, t35Us: 4375 },
  },
  // 11 bits at 1200: 9166.67 µs; 13750; 32083.33.
  {
    name: "1200 baud",
    baud: 1200,
    expected: { bitsPerCharacter: 11, characterUs: 9167, t15Us: 13750, t35Us: 32084 },
  },
  // 11 bits at 19200 (the last rate that follows the character time): 572.92; 859.38; 2005.21.
  {
    name: "19200 baud",
    baud: 19200,
    expected: { bitsPerCharacter: 11, characterUs: 573, t15Us: 860, t35Us: 2006 },
  },
  // Above 19200: fixed 750 / 1750 µs; the character time still follows the baud (286.46 µs).
  {
    name: "38400 baud",
    baud: 38400,
    expected: { bitsPerCharacter: 11, characterUs: 287, t15Us: 750, t35Us: 1750 },
  },
  // 115200: character 95.49 µs, timers fixed.
  {
    name: "115200 baud",
    baud: 115200,
    expected: { bitsPerCharacter: 11, characterUs: 96, t15Us: 750, t35Us: 1750 },
  },
];

for (const { name, baud, format, expected } of CASES) {
  Deno.test(`rtu timing for ${name}`, () => {
    assert.deepEqual(rtuTiming(baud, format), expected);
  });
}

Deno.test("rtu timing refuses a baud rate that is not a positive number", () => {
  for (const baud of [0, -9600, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => rtuTiming(baud), RangeError, String(baud));
  }
});
