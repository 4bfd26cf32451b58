/**
 * Huawei SUN2000 replayed against the dtsu666h build (reference `variants/dtsu666.md`, section 3,
 * and `masters-by-meter.md`): the probe `0B 03 07 D1 00 01` (must answer 0x3B11), the cyclic
 * `0B 03 08 36 00 50` (80 registers), the occasional `0B 03 08 A6 00 0A` (10 registers) and the
 * newer firmware's read of 0x0003, by pymodbus over RTU on a pty at the build's factory address
 * 11 and 9600 baud, repeated as the inverter polls; then mbpoll reads the total power. The block's
 * floats are compared with the telegram's hand-made table.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectedFor } from "../variants/_build_words.ts";
import { DTSU666H_SPECS } from "../variants/dtsu666h/expected_map.ts";
import { dsmrhub50217 } from "../variants/expected/dsmrhub_50217.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { v5 } from "../variants/expected/v5.ts";
import { pymodbus, type PyOp, requireMbpoll, requirePymodbus } from "./_masters.ts";
import { mbpollUntil, readProblems, replayUntil, toSlave, withReplay } from "./_replay.ts";

const ENTRY = "variants/dtsu666h/main.ts";
const HUAWEI = { fc03: "holding", fc04: "holding" } as const; // the SUN2000 sends no FC04

/** The SUN2000's conversation: probe, then its cyclic and occasional reads, twice. */
const SUN2000: readonly PyOp[] = [
  { op: "read_holding", address: 0x07d1, count: 1 },
  { op: "read_holding", address: 0x0003, count: 1 },
  { op: "read_holding", address: 0x0836, count: 80 },
  { op: "read_holding", address: 0x0836, count: 80 },
  { op: "read_holding", address: 0x08a6, count: 10 },
  { op: "read_holding", address: 0x0836, count: 80 },
];

// The last sample is served from the RTU worker thread (the image crosses to it whole).
const CASES: readonly [ExpectedSample, "main" | "worker"][] = [
  [fork3x230v, "main"],
  [v5, "main"],
  [dsmrhub50217, "worker"],
];

for (const [sample, thread] of CASES) {
  const file = sample.files[0]!;
  Deno.test(`master replay dtsu666h: a SUN2000's probe and blocks over RTU at address 11 (${thread} thread), ${file}`, async () => {
    await requirePymodbus();
    const setup = { entry: ENTRY, telegrams: file, crc: sample.crc, rtu: `thread = "${thread}"` };
    await withReplay(setup, async (r) => {
      await r.a1mb.waitForLog(new RegExp(`${thread} thread`));
      assert.deepEqual([r.address, r.baud], [11, 9600], "the build's factory defaults");
      const ops = toSlave(r.address, SUN2000);
      const expected = { holding: expectedFor(DTSU666H_SPECS.holding!, sample) };
      const results = await replayUntil(
        r.rtu,
        ops,
        (res) => readProblems(ops, res, expected, HUAWEI),
      );
      assert.deepEqual(results[0], { registers: [0x3b11] }, "the probe's answer");
      const fc04 = await pymodbus(r.rtu, [
        { op: "read_input", address: 0x0836, count: 2, slave: r.address },
      ]);
      assert.deepEqual(fc04, [{ exception: 1 }], "FC03 only");
    });
  });
}

Deno.test("master replay dtsu666h: mbpoll reads the total active power (2126) in watts", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: fork3x230v.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    // 1-0:1.7.0(00.153*kW) − 1-0:2.7.0(00.000*kW) = 153 W.
    await mbpollUntil([...args, "-t", "4:float", "-B", "-r", "2126"], r.rtu.device, "153");
  });
});
