/**
 * SunSpec readers replayed against the sunspec build (reference `sunspec-203.md` section 5):
 * the discovery walk of evcc's SunSpec library (andig/gosunspec `layout/sunspec.go`: "SunS" at
 * 40000 × 2, then each model's ID and length × 2 and its body in one request, following the
 * chain until the ID 0xFFFF), then evcc's `sunspec-meter` point reads (W with W_SF, TotWhImp and
 * TotWhExp with TotWh_SF, the phase currents, voltages and powers with their scale factors), by
 * pymodbus over Modbus TCP and over RTU on a pty at the build's factory address 1 and 9600 baud,
 * for model 203 and for model 213; an FC04 read gets exception 01; mbpoll reads W. Values are
 * compared with the telegram's hand-made table through the documented map.
 *
 * @module
 */
import assert from "node:assert/strict";
import { expectedFor } from "../variants/_build_words.ts";
import type { BuildSpecs } from "../variants/_build_values.ts";
import { fork3x230v } from "../variants/expected/fork_3x230v.ts";
import { eonHu } from "../variants/expected/eon_hu.ts";
import type { ExpectedSample } from "../variants/expected/mod.ts";
import { SUNSPEC_203_SPECS, SUNSPEC_213_SPECS } from "../variants/sunspec/expected_map.ts";
import {
  pymodbus,
  type PyOp,
  type PyResult,
  type PyTarget,
  requireMbpoll,
  requirePymodbus,
} from "./_masters.ts";
import { mbpollUntil, readProblems, withReplay, wordsOf } from "./_replay.ts";

const ENTRY = "variants/sunspec/main.ts";
const SUNSPEC = { fc03: "holding", fc04: "holding" } as const; // FC04 is checked apart

/** One step of the walk: the reads made and what they got. */
interface Walk {
  readonly ops: PyOp[];
  readonly results: PyResult[];
  /** The models found: ID, length and the address of the ID. */
  readonly models: { id: number; length: number; at: number }[];
}

const read = (address: number, count: number, slave: number): PyOp => ({
  op: "read_holding",
  address,
  count,
  slave,
});

/** gosunspec's discovery: the marker, then model headers and bodies until the end model. */
async function discover(target: PyTarget, slave: number): Promise<Walk> {
  const ops: PyOp[] = [];
  const results: PyResult[] = [];
  const models: Walk["models"] = [];
  const step = async (op: PyOp) => {
    const [result] = await pymodbus(target, [op]);
    ops.push(op);
    results.push(result!);
    return result!;
  };
  const marker = wordsOf(await step(read(40000, 2, slave)), "SunS");
  if (typeof marker === "string") throw new Error(marker);
  assert.deepEqual(marker, [0x5375, 0x6e53], '"SunS" at 40000');
  let address = 40002;
  for (let guard = 0; guard < 10; guard++) {
    const head = wordsOf(await step(read(address, 2, slave)), `header at ${address}`);
    if (typeof head === "string") throw new Error(head);
    const [id, length] = head as [number, number];
    models.push({ id, length, at: address });
    if (id === 0xffff) return { ops, results, models };
    assert.ok(length <= 125, `model ${id}: ${length} registers must fit one request`);
    await step(read(address + 2, length, slave));
    address += 2 + length;
  }
  throw new Error("the chain has no end model");
}

/** evcc `sunspec-meter`'s point reads of model 203 (each point with its scale factor). */
function evcc203(slave: number): PyOp[] {
  return [
    read(40087, 1, slave), // W
    read(40091, 1, slave), // W_SF
    read(40115, 2, slave), // TotWhImp
    read(40123, 1, slave), // TotWh_SF
    read(40107, 2, slave), // TotWhExp
    read(40123, 1, slave),
    read(40072, 4, slave), // AphA…AphC, A_SF
    read(40077, 3, slave), // PhVphA…PhVphC
    read(40084, 1, slave), // V_SF
    read(40088, 4, slave), // WphA…WphC, W_SF
  ];
}

/** The same points in model 213 (floats, no scale factors). */
function evcc213(slave: number): PyOp[] {
  return [
    read(40097, 2, slave), // W
    read(40137, 2, slave), // TotWhImp
    read(40129, 2, slave), // TotWhExp
    read(40073, 6, slave), // AphA…AphC
    read(40081, 6, slave), // PhVphA…PhVphC
    read(40099, 6, slave), // WphA…WphC
  ];
}

/** Walks and reads until the words match the telegram (the first image may still be empty). */
async function walkUntilRight(
  target: PyTarget,
  slave: number,
  points: PyOp[],
  specs: BuildSpecs,
  sample: ExpectedSample,
): Promise<Walk> {
  const expected = { holding: expectedFor(specs.holding!, sample) };
  const deadline = performance.now() + 8000;
  for (;;) {
    let problems: string[];
    let walk: Walk | null = null;
    try {
      walk = await discover(target, slave);
      const pointResults = await pymodbus(target, points);
      const ops = [...walk.ops, ...points];
      problems = readProblems(ops, [...walk.results, ...pointResults], expected, SUNSPEC);
    } catch (error) {
      // A reply lost on a busy machine: walk again until the deadline.
      problems = [String(error)];
    }
    if (walk !== null && problems.length === 0) return walk;
    if (performance.now() > deadline) {
      throw new Error(
        `${target.transport}: ${problems.length} problem(s):\n${problems.join("\n")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const CASES = [
  { model: 203, registers: "", specs: SUNSPEC_203_SPECS, points: evcc203, end: 40176 },
  {
    model: 213,
    registers: "sunspec_model = 213",
    specs: SUNSPEC_213_SPECS,
    points: evcc213,
    end: 40195,
  },
] as const;

for (const c of CASES) {
  for (const sample of [fork3x230v, eonHu] as ExpectedSample[]) {
    const file = sample.files[0]!;
    Deno.test(`master replay sunspec ${c.model}: a discovery walk from 40000 and evcc's point reads over TCP and RTU, ${file}`, async () => {
      await requirePymodbus();
      const setup = {
        entry: ENTRY,
        telegrams: file,
        crc: sample.crc,
        tcp: true,
        registers: c.registers,
      };
      await withReplay(setup, async (r) => {
        assert.deepEqual([r.address, r.baud], [1, 9600], "the build's factory defaults");
        for (const target of [r.tcp!, r.rtu]) {
          const walk = await walkUntilRight(
            target,
            r.address,
            c.points(r.address),
            c.specs,
            sample,
          );
          assert.deepEqual(walk.models, [
            { id: 1, length: 65, at: 40002 },
            { id: c.model, length: c.model === 203 ? 105 : 124, at: 40069 },
            { id: 0xffff, length: 0, at: c.end },
          ], target.transport);
          const fc04 = await pymodbus(target, [
            { op: "read_input", address: 40000, count: 2, slave: r.address },
          ]);
          assert.deepEqual(fc04, [{ exception: 1 }], `${target.transport}: FC03 only`);
        }
      });
    });
  }
}

Deno.test("master replay sunspec: mbpoll reads W and its scale factor over RTU", async () => {
  await requireMbpoll();
  await withReplay({ entry: ENTRY, telegrams: fork3x230v.files[0]! }, async (r) => {
    if (r.rtu.transport !== "rtu") throw new Error("RTU expected");
    const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${r.address}`];
    // 1-0:1.7.0(00.153*kW) = 153 W; W_SF = 1: W = 15 (× 10 W). 40087…40091: W, WphA…C, W_SF.
    await mbpollUntil([...args, "-t", "4", "-r", "40087"], r.rtu.device, "15");
    await mbpollUntil([...args, "-t", "4", "-r", "40091"], r.rtu.device, "1");
  });
});
