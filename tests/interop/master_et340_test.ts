/**
 * Victron's dbus-cgwacs replayed against the et340 build (reference `variants/em24.md` section
 * 4a): detection (FC03 0x000B × 1 → 345, the per-phase export counter 0x0060 × 2, which must not
 * raise an exception, serial 0x5000 × 7, firmware 0x0302 × 1, phase sequence 0x0032 × 1), the
 * setup checks (measurement mode 0x1103 × 1 → 1, measuring system 0x1002 × 1 → 0), then a full
 * acquisition cycle of `Et340Commands` with its deliberately over-long reads (0x0024 × 4,
 * 0x0000 × 8, 0x000C × 8, 0x0034 × 4, 0x0040 × 8, 0x004E × 4, 0x0060 × 8, 0x0033 × 3), answered
 * in full with the undocumented registers reading 0; by pymodbus over RTU on a pty at the build's
 * factory address 1 and 9600 baud. The setup writes Victron makes when a value differs (FC06
 * 0x1103 = 1, 0x1002 = 0) are echoed on RTU and TCP without `writes = true`, another value gets
 * 03; mbmd's FC04 reads get the same words; mbpoll reads the signed current of an exporting
 * phase. Values are compared with the telegram's hand-made table through the documented map.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectedFor } from "../variants/_build_words.ts";
import { ET340_SPECS } from "../variants/et340/expected_map.ts";
import { eonHu } from "../variants/expected/eon_hu.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { acquisitionCycle, type CgwacsCommand, fc03 } from "./_cgwacs.ts";
import { pymodbus, type PyOp, requireMbpoll, requirePymodbus } from "./_masters.ts";
import { mbpollUntil, readProblems, replayUntil, toSlave, withReplay } from "./_replay.ts";

const ENTRY = "variants/et340/main.ts";
const CARLO_GAVAZZI = { fc03: "holding", fc04: "holding" } as const;

/** Detection (DeviceId … PhaseSequence), then CheckMeasurementMode and CheckMeasurementSystem. */
const DETECTION: readonly PyOp[] = [
  fc03(0x000b, 1), // device type: 330…345 = ET340/EM300
  fc03(0x0060, 2), // kWh(-) L1: an exception here means "older EM300"
  fc03(0x5000, 7), // serial
  fc03(0x0302, 1), // firmware (version code)
  fc03(0x0032, 1), // phase sequence
  fc03(0x1103, 1), // measurement mode: must be 1 (B)
  fc03(0x1002, 1), // measuring system: must be 0 (3Pn)
];

/** `Et340Commands`, the 3-phase table: register, highest offset decoded, interval. */
const ET340_COMMANDS: readonly CgwacsCommand[] = [
  { reg: 0x0028, maxOffset: 0, interval: 0 }, // W Σ
  { reg: 0x0012, maxOffset: 4, interval: 0 }, // W L1…L3
  { reg: 0x0024, maxOffset: 2, interval: 1 }, // V L-N Σ + a dummy
  { reg: 0x0000, maxOffset: 6, interval: 2 }, // V L1…L3 + a dummy
  { reg: 0x000c, maxOffset: 6, interval: 3 }, // A L1…L3 + a dummy
  { reg: 0x0034, maxOffset: 2, interval: 4 }, // kWh(+) TOT + a dummy
  { reg: 0x0040, maxOffset: 6, interval: 5 }, // kWh(+) L1…L3 + a dummy
  { reg: 0x004e, maxOffset: 2, interval: 6 }, // kWh(-) TOT + a dummy
  { reg: 0x0060, maxOffset: 6, interval: 7 }, // kWh(-) L1…L3 + a dummy
  { reg: 0x0033, maxOffset: 1, interval: 8 }, // Hz + a dummy
];

/** mbmd `CGEX3X0` (FC04, one value per request). */
const MBMD: readonly PyOp[] = [
  ...[0x0000, 0x0002, 0x0004, 0x000c, 0x000e, 0x0010, 0x0012, 0x0028, 0x0034, 0x0040, 0x004e]
    .map((address): PyOp => ({ op: "read_input", address, count: 2 })),
  ...[0x002e, 0x002f, 0x0030, 0x0031, 0x0033]
    .map((address): PyOp => ({ op: "read_input", address, count: 1 })),
];

for (const sample of [fork3x230v, eonHu] as ExpectedSample[]) {
  const file = sample.files[0]!;
  Deno.test(`master replay et340: dbus-cgwacs detection and acquisition with its over-long reads, mbmd's FC04 reads, over RTU, ${file}`, async () => {
    await requirePymodbus();
    await withReplay({ entry: ENTRY, telegrams: file, crc: sample.crc }, async (r) => {
      assert.deepEqual([r.address, r.baud], [1, 9600], "the build's factory defaults");
      const cycle = acquisitionCycle(ET340_COMMANDS);
      assert.equal(cycle.length, 2 * 9 + 8, "9 rounds of 2 reads, 8 staggered ones");
      assert.deepEqual(
        cycle.filter((op) => op.op === "read_holding" && op.address === 0x0060),
        [fc03(0x0060, 8)],
        "the per-phase export counters, read 8 registers long",
      );
      const ops = toSlave(r.address, [...DETECTION, ...cycle, ...MBMD]);
      const expected = { holding: expectedFor(ET340_SPECS.holding!, sample) };
      const results = await replayUntil(
        r.rtu,
        ops,
        (res) => readProblems(ops, res, expected, CARLO_GAVAZZI),
      );
      assert.deepEqual(results[0], { registers: [345] }, "an ET340");
      assert.deepEqual(results[1], { registers: [0, 0] }, "per-phase export answered: no fallback");
      assert.deepEqual(results.slice(5, 7), [{ registers: [1] }, { registers: [0] }], "no write");
    });
  });
}

Deno.test("master replay et340: Victron's setup writes are echoed on RTU and TCP without writes = true; another value gets 03", async () => {
  await requirePymodbus();
  const file = fork3x230v.files[0]!;
  // RTU writes are on by default: off here, so neither transport allows settings writes.
  const setup = { entry: ENTRY, telegrams: file, tcp: true, rtu: "writes = false" };
  await withReplay(setup, async (r) => {
    const writes: PyOp[] = toSlave(r.address, [
      { op: "write_register", address: 0x1103, value: 1 }, // SetMeasurementMode: B
      { op: "write_register", address: 0x1002, value: 0 }, // SetMeasuringSystem: 3Pn
      { op: "write_register", address: 0x1002, value: 2 }, // 2P (single phase + PV): refused
      { op: "write_register", address: 0x1103, value: 0 }, // mode A: refused
      { op: "write_registers", address: 0x1103, values: [1] }, // FC16 of the same value
      fc03(0x1103, 1),
      fc03(0x1002, 1),
    ]);
    for (const target of [r.rtu, r.tcp!]) {
      const got = await pymodbus(target, writes);
      assert.deepEqual(got, [
        { ok: true },
        { ok: true },
        { exception: 3 },
        { exception: 3 },
        { ok: true },
        { registers: [1] },
        { registers: [0] },
      ], target.transport);
    }
    assert.deepEqual(r.a1mb.lines.filter((l) => /\[ERR\]|\[FTL\]/.test(l)), []);
  });
});

Deno.test("master replay et340: mbpoll reads an exporting phase's current as a negative int32, low word first", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: fork3x230v.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    // 1-0:31.7.0(000.63*A) while 1-0:22.7.0(00.055*kW) exports on L1: −630 (A × 1000).
    await mbpollUntil([...args, "-t", "4:int", "-r", `${0x000c}`], r.rtu.device, "-630");
  });
});
