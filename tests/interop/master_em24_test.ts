/**
 * Victron's dbus-cgwacs replayed against the em24 build (reference `variants/em24.md` section 4a):
 * detection (FC03 0x000B × 1 → 71, serial 0x1300 × 7, firmware 0x0303 × 1, phase sequence
 * 0x0036 × 1, setup 0x1101 × 2 → application 7 and system 0x0000, front selector 0x0304 × 1),
 * then a full acquisition cycle of the 3-phase `Em24Commands` table, by pymodbus over RTU on a
 * pty at the build's factory address 1 and 9600 baud; the setup writes Victron makes when a value
 * differs (FC06 0x1101 = 7, 0x1102 = 0) answered as an echo on RTU and TCP without
 * `writes = true`, another value refused with 03; mbmd's FC04 reads get the same words; mbpoll
 * reads the total power as an int32, low word first. Values are compared with the telegram's
 * hand-made table through the documented map.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectedFor } from "../variants/_build_words.ts";
import { EM24_SPECS } from "../variants/em24/expected_map.ts";
import { eonHu } from "../variants/expected/eon_hu.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { acquisitionCycle, type CgwacsCommand, fc03 } from "./_cgwacs.ts";
import { pymodbus, type PyOp, requireMbpoll, requirePymodbus } from "./_masters.ts";
import { mbpollUntil, readProblems, replayUntil, toSlave, withReplay } from "./_replay.ts";

const ENTRY = "variants/em24/main.ts";
const CARLO_GAVAZZI = { fc03: "holding", fc04: "holding" } as const;

/** Detection and setup check of an EM24 (states DeviceId … CheckFrontSelector). */
const DETECTION: readonly PyOp[] = [
  fc03(0x000b, 1), // device type: 71…73 = EM24
  fc03(0x1300, 7), // serial
  fc03(0x0303, 1), // firmware (revision code)
  fc03(0x0036, 1), // phase sequence: 0xFFFF would be "not OK"
  fc03(0x1101, 2), // application, measuring system
  fc03(0x0304, 1), // front selector (read when the setup differs)
];

/** `Em24Commands`, the 3-phase table: register, highest offset decoded, interval. */
const EM24_COMMANDS: readonly CgwacsCommand[] = [
  { reg: 0x0028, maxOffset: 0, interval: 0 }, // W Σ
  { reg: 0x0012, maxOffset: 4, interval: 0 }, // W L1…L3
  { reg: 0x0024, maxOffset: 0, interval: 1 }, // V L-N Σ
  { reg: 0x0000, maxOffset: 4, interval: 2 }, // V L1…L3
  { reg: 0x000c, maxOffset: 4, interval: 3 }, // A L1…L3
  { reg: 0x003e, maxOffset: 0, interval: 4 }, // kWh(+) TOT
  { reg: 0x0046, maxOffset: 4, interval: 5 }, // kWh(+) L1…L3
  { reg: 0x005c, maxOffset: 0, interval: 6 }, // kWh(-) TOT
  { reg: 0x0037, maxOffset: 1, interval: 7 }, // Hz and a dummy word
];

/** mbmd `CGEM24` (FC04, one value per request). */
const MBMD: readonly PyOp[] = [0x0000, 0x0002, 0x0004, 0x000c, 0x0028, 0x0042, 0x005c].map((
  address,
): PyOp => ({ op: "read_input", address, count: 2 }));

for (const sample of [fork3x230v, eonHu] as ExpectedSample[]) {
  const file = sample.files[0]!;
  Deno.test(`master replay em24: dbus-cgwacs detection and acquisition, mbmd's FC04 reads, over RTU, ${file}`, async () => {
    await requirePymodbus();
    await withReplay({ entry: ENTRY, telegrams: file, crc: sample.crc }, async (r) => {
      assert.deepEqual([r.address, r.baud], [1, 9600], "the build's factory defaults");
      const cycle = acquisitionCycle(EM24_COMMANDS);
      assert.equal(cycle.length, 2 * 8 + 7, "8 rounds of 2 reads, 7 staggered ones");
      const ops = toSlave(r.address, [...DETECTION, ...cycle, ...MBMD]);
      const expected = { holding: expectedFor(EM24_SPECS.holding!, sample) };
      const results = await replayUntil(
        r.rtu,
        ops,
        (res) => readProblems(ops, res, expected, CARLO_GAVAZZI),
      );
      assert.deepEqual(results[0], { registers: [71] }, "an EM24");
      assert.deepEqual(results[4], { registers: [7, 0] }, "application H, 3Pn: no write needed");
      assert.deepEqual(results[5], { registers: [0] }, "front selector unlocked");
    });
  });
}

Deno.test("master replay em24: Victron's setup writes are echoed on RTU and TCP without writes = true; another value gets 03", async () => {
  await requirePymodbus();
  const file = fork3x230v.files[0]!;
  // RTU writes are on by default: off here, so neither transport allows settings writes.
  const setup = { entry: ENTRY, telegrams: file, tcp: true, rtu: "writes = false" };
  await withReplay(setup, async (r) => {
    const writes: PyOp[] = toSlave(r.address, [
      { op: "write_register", address: 0x1101, value: 7 }, // SetApplication
      { op: "write_register", address: 0x1102, value: 0 }, // SetMeasuringSystem (3-phase)
      { op: "write_register", address: 0x1102, value: 3 }, // single phase: refused
      { op: "write_register", address: 0x1101, value: 5 }, // application F: refused
      { op: "write_register", address: 0x0304, value: 0 }, // not a protocol write
      fc03(0x1101, 2),
    ]);
    for (const target of [r.rtu, r.tcp!]) {
      const got = await pymodbus(target, writes);
      assert.deepEqual(got, [
        { ok: true },
        { ok: true },
        { exception: 3 },
        { exception: 3 },
        { exception: 1 }, // writes are off on both transports
        { registers: [7, 0] },
      ], target.transport);
    }
    assert.deepEqual(r.a1mb.lines.filter((l) => /\[ERR\]|\[FTL\]/.test(l)), []);
  });
});

Deno.test("master replay em24: mbpoll reads W Σ as an int32, low word first (W × 10)", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: fork3x230v.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    // 1-0:1.7.0(00.153*kW) − 1-0:2.7.0(00.000*kW) = 153 W, sent as 1530. mbpoll's int32 takes
    // the low word first unless told -B.
    await mbpollUntil([...args, "-t", "4:int", "-r", `${0x0028}`], r.rtu.device, "1530");
  });
});
