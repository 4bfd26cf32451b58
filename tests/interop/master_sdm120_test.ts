/**
 * Masters replayed against the sdm120 build (reference `modbus-masters.md`): openWB's `Sdm120`
 * (FC03 serial 0xFC00 × 2, then FC04 power 0x000C, current 0x0006, voltage 0x0000, PF 0x001E,
 * import 0x0048, export 0x004A, frequency 0x0046, 2 registers each), evcc's `eastron-sdm120`
 * template (FC04 0x000C × 2 and 0x0048 × 2) and the Victron community probe (FC03 0xFC02 × 1
 * must read 0x0020 = SDM120), by pymodbus over RTU on a pty at the build's factory address 1 and
 * 9600 baud; then mbpoll reads the power. Values are compared with the telegram's hand-made table.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectedFor } from "../variants/_build_words.ts";
import { dsmrhub50217 } from "../variants/expected/dsmrhub_50217.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { SDM120_SPECS } from "../variants/sdm120/expected_map.ts";
import type { PyOp } from "./_masters.ts";
import { requireMbpoll, requirePymodbus } from "./_masters.ts";
import { mbpollUntil, readProblems, replayUntil, toSlave, withReplay } from "./_replay.ts";

const ENTRY = "variants/sdm120/main.ts";
const EASTRON = { fc03: "holding", fc04: "input" } as const;

/** openWB `Sdm120`, then evcc `eastron-sdm120`, then Victron's probe. */
const SEQUENCE: readonly PyOp[] = [
  { op: "read_holding", address: 0xfc00, count: 2 },
  ...[0x000c, 0x0006, 0x0000, 0x001e, 0x0048, 0x004a, 0x0046].map((address): PyOp => ({
    op: "read_input",
    address,
    count: 2,
  })),
  { op: "read_input", address: 0x000c, count: 2 },
  { op: "read_input", address: 0x0048, count: 2 },
  { op: "read_holding", address: 0xfc02, count: 1 },
];

for (const sample of [fork3x230v, dsmrhub50217] as ExpectedSample[]) {
  const file = sample.files[0]!;
  Deno.test(`master replay sdm120: openWB, evcc and Victron's probe over RTU, ${file}`, async () => {
    await requirePymodbus();
    await withReplay({ entry: ENTRY, telegrams: file, crc: sample.crc }, async (r) => {
      assert.deepEqual([r.address, r.baud], [1, 9600], "the build's factory defaults");
      const ops = toSlave(r.address, SEQUENCE);
      const expected = {
        input: expectedFor(SDM120_SPECS.input!, sample),
        holding: expectedFor(SDM120_SPECS.holding!, sample),
      };
      const results = await replayUntil(
        r.rtu,
        ops,
        (res) => readProblems(ops, res, expected, EASTRON),
      );
      assert.deepEqual(results.at(-1), { registers: [0x0020] }, "Victron's probe: an SDM120");
    });
  });
}

Deno.test("master replay sdm120: mbpoll reads the total power as a big-endian float", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: fork3x230v.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    const want = String(fork3x230v.input[0x0034]); // 1-0:1.7.0(00.153) − 2.7.0(0) = 153 W
    await mbpollUntil([...args, "-t", "3:float", "-B", "-r", "12"], r.rtu.device, want);
  });
});
