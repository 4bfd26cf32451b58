/**
 * Masters replayed against the abb_b23 build (reference `variants/abb-b2x.md`): Victron's
 * `abb.py` (probe 0x8960 × 2 = "B23 ", serial 0x8900 × 2, firmware 0x8908 × 8, then its data
 * blocks: energies, per-phase energies, voltages, currents, powers, frequency, power factors) by
 * pymodbus over RTU on a pty at the build's factory address 1 and over Modbus TCP (the GX's other
 * transport), and mbmd's `ABB` (probe 0x5B00 × 2, then one read per value, as evcc's `abb-ab`);
 * then mbpoll reads the total power as an int32. Values are compared with the telegram's table.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ABB_B23_SPECS } from "../variants/abb_b23/expected_map.ts";
import { expectedFor } from "../variants/_build_words.ts";
import { eonHu } from "../variants/expected/eon_hu.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { pymodbus, type PyOp, requireMbpoll, requirePymodbus } from "./_masters.ts";
import { mbpollUntil, readProblems, replayUntil, toSlave, withReplay } from "./_replay.ts";

const ENTRY = "variants/abb_b23/main.ts";
const ABB = { fc03: "holding", fc04: "holding" } as const; // no FC04 is sent here

const read = (address: number, count: number): PyOp => ({ op: "read_holding", address, count });

/** Victron's `abb.py`: probe, info, then the three-phase data in blocks. */
const VICTRON: readonly PyOp[] = [
  read(0x8960, 2),
  read(0x8900, 2),
  read(0x8908, 8),
  read(0x5000, 8),
  read(0x5460, 24),
  read(0x5b00, 6),
  read(0x5b0c, 6),
  read(0x5b14, 8),
  read(0x5b2c, 1),
  read(0x5b3a, 4),
];

/** mbmd `ABB` (evcc `abb-ab`): the probe, then one value per request. */
const MBMD: readonly PyOp[] = [
  read(0x5b00, 2),
  ...[0x5b00, 0x5b02, 0x5b04, 0x5b0c, 0x5b0e, 0x5b10].map((a) => read(a, 2)),
  ...[0x5b3a, 0x5b3b, 0x5b3c, 0x5b3d, 0x5b2c].map((a) => read(a, 1)),
  ...[0x5b14, 0x5b16, 0x5b18, 0x5b1a].map((a) => read(a, 2)),
  ...[0x5000, 0x5004, 0x5460, 0x5464, 0x5468, 0x546c, 0x5470, 0x5474].map((a) => read(a, 4)),
];

for (const sample of [fork3x230v, eonHu] as ExpectedSample[]) {
  const file = sample.files[0]!;
  Deno.test(`master replay abb_b23: Victron over RTU and TCP, mbmd over RTU, ${file}`, async () => {
    await requirePymodbus();
    await withReplay({ entry: ENTRY, telegrams: file, crc: sample.crc, tcp: true }, async (r) => {
      assert.deepEqual([r.address, r.baud], [1, 9600], "the build's factory defaults");
      const expected = { holding: expectedFor(ABB_B23_SPECS.holding!, sample) };
      const victron = toSlave(r.address, VICTRON);
      const check = (ops: PyOp[]) => (res: Parameters<typeof readProblems>[1]) =>
        readProblems(ops, res, expected, ABB);
      const rtu = await replayUntil(r.rtu, victron, check(victron));
      assert.deepEqual(rtu[0], { registers: [0x4232, 0x3320] }, "Victron's probe: a B23");
      await replayUntil(r.tcp!, victron, check(victron));
      const mbmd = toSlave(r.address, MBMD);
      await replayUntil(r.rtu, mbmd, check(mbmd));
      const fc04 = await pymodbus(r.rtu, [
        { op: "read_input", address: 0x5b14, count: 2, slave: r.address },
      ]);
      assert.deepEqual(fc04, [{ exception: 1 }], "FC03 only");
    });
  });
}

Deno.test("master replay abb_b23: mbpoll reads the total power as an int32 (W × 100)", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: eonHu.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    // 1-0:1.7.0(00.000*kW) − 1-0:2.7.0(02.601*kW) = −2601 W, sent as −260100.
    await mbpollUntil([...args, "-t", "4:int", "-B", "-r", `${0x5b14}`], r.rtu.device, "-260100");
  });
});
