/**
 * Masters replayed against the dtsu666 build (reference `variants/dtsu666.md`, section 5):
 * mbmd's `DTSU666` (probe 0x2006 × 2, then one 2-register FC03 read per value: voltages, P and Q,
 * currents, power factors, frequency, both energies and their phases), the Huawei bridge's block
 * reads (0x2000 × 82 and 0x401E × 60), Tasmota's (0x2006 × 12, 0x2012 × 24, 0x202A × 8,
 * 0x401E × 12), Solax's meter type 0x000B and Growatt's 0x2000 × 10, by pymodbus over RTU on a
 * pty at the build's factory address 1; then an FC04 read (exception 01: the meter answers FC03
 * only) and mbpoll reading the total power. Values are compared with the telegram's table.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectedFor } from "../variants/_build_words.ts";
import { DTSU666_SPECS } from "../variants/dtsu666/expected_map.ts";
import { eonHu } from "../variants/expected/eon_hu.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { pymodbus, type PyOp, requireMbpoll, requirePymodbus } from "./_masters.ts";
import { mbpollUntil, readProblems, replayUntil, toSlave, withReplay } from "./_replay.ts";

const ENTRY = "variants/dtsu666/main.ts";
const CHINT = { fc03: "holding", fc04: "holding" } as const; // FC04 is not sent here

const read = (address: number, count: number): PyOp => ({ op: "read_holding", address, count });

/** mbmd: the probe, then one value per request (D2). */
const MBMD: readonly PyOp[] = [
  read(0x2006, 2),
  ...[0x2006, 0x2008, 0x200a].map((a) => read(a, 2)),
  ...[0x2012, 0x2014, 0x2016, 0x2018, 0x201a, 0x201c, 0x201e, 0x2020].map((a) => read(a, 2)),
  ...[0x200c, 0x200e, 0x2010, 0x202a, 0x202c, 0x202e, 0x2030, 0x2044].map((a) => read(a, 2)),
  ...[0x101e, 0x1020, 0x1022, 0x1024, 0x1028, 0x102a, 0x102c, 0x102e].map((a) => read(a, 2)),
];

/** The Huawei bridge (D5), Tasmota (D6), Solax (D4) and Growatt's sniffed read. */
const BLOCKS: readonly PyOp[] = [
  read(0x2000, 82),
  read(0x401e, 60),
  read(0x2006, 12),
  read(0x2012, 24),
  read(0x202a, 8),
  read(0x401e, 12),
  read(0x000b, 1),
  read(0x2000, 10),
];

for (const sample of [fork3x230v, eonHu] as ExpectedSample[]) {
  const file = sample.files[0]!;
  Deno.test(`master replay dtsu666: mbmd, bridges, Solax and Growatt reads over RTU, ${file}`, async () => {
    await requirePymodbus();
    await withReplay({ entry: ENTRY, telegrams: file, crc: sample.crc }, async (r) => {
      assert.deepEqual([r.address, r.baud], [1, 9600], "the build's factory defaults");
      const ops = toSlave(r.address, [...MBMD, ...BLOCKS]);
      const expected = { holding: expectedFor(DTSU666_SPECS.holding!, sample) };
      await replayUntil(r.rtu, ops, (res) => readProblems(ops, res, expected, CHINT));
      const fc04 = await pymodbus(r.rtu, [
        { op: "read_input", address: 0x2000, count: 2, slave: r.address },
      ]);
      assert.deepEqual(fc04, [{ exception: 1 }], "the DTSU666 answers FC03 only");
    });
  });
}

Deno.test("master replay dtsu666: mbpoll reads Pt as a big-endian float (W × 10)", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: fork3x230v.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    // 1-0:1.7.0(00.153*kW) − 1-0:2.7.0(00.000*kW) = 153 W, sent as 1530.
    await mbpollUntil([...args, "-t", "4:float", "-B", "-r", `${0x2012}`], r.rtu.device, "1530");
  });
});
