/**
 * `[registers] fc03 = "input"` on the Eastron builds, over real clients on RTU (pty): FC03 reads
 * the measurement map exactly as FC04 does (pymodbus and mbpoll), the settings registers are out
 * of reach (a write gets exception 02: settings only through the configuration file); and with
 * the default `"holding"` FC03 reads the SDM630's settings as before.
 *
 * @module
 */
import assert from "node:assert/strict";
import { MAIN_ENTRY } from "../e2e/_a1mb_process.ts";
import { mbpoll, pymodbus, requireMbpoll, requirePymodbus } from "./_masters.ts";
import {
  float32,
  mbpollUntil,
  nearFloat32,
  replayUntil,
  toSlave,
  withReplay,
  wordsOf,
} from "./_replay.ts";

// dsmr_parser_FLUVIUS_V171.txt: 1-0:32.7.0 / 52.7.0 / 72.7.0 = 234.7 V, no current, no power.
const TELEGRAMS = "dsmr_parser_FLUVIUS_V171.txt";

Deno.test('interop rtu: with fc03 = "input" pymodbus reads the measurements with FC03 as with FC04', async () => {
  await requirePymodbus();
  await withReplay(
    { entry: MAIN_ENTRY, telegrams: TELEGRAMS, registers: 'fc03 = "input"' },
    async ({ rtu, address, a1mb }) => {
      assert.equal(address, 2, "the sdm630 build's default address");
      const ops = toSlave(address, [
        { op: "read_holding", address: 0x0000, count: 6 }, // FC03: V1, V2, V3
        { op: "read_input", address: 0x0000, count: 6 }, // FC04: the same
        { op: "read_holding", address: 0x0048, count: 4 }, // FC03: import, export kWh
        { op: "read_input", address: 0x0048, count: 4 },
        { op: "read_holding", address: 0xfc02, count: 1 }, // meter code (the input copy)
      ]);
      const results = await replayUntil(rtu, ops, (r) => {
        const fc03 = wordsOf(r[0], "FC03 0x0000");
        if (typeof fc03 === "string") return [fc03];
        const problems: string[] = [];
        for (let i = 0; i < 3; i++) {
          const v = float32(fc03[2 * i]!, fc03[2 * i + 1]!);
          if (!nearFloat32(v, 234.7)) problems.push(`FC03 V${i + 1} = ${v}`);
        }
        return problems;
      });
      assert.deepEqual(results[0], results[1], "FC03 and FC04 read the same voltages");
      assert.deepEqual(results[2], results[3], "FC03 and FC04 read the same energies");
      const energy = wordsOf(results[2], "FC03 0x0048") as number[];
      // 1-0:1.8.1(000000.034) + 1-0:1.8.2(000015.758) = 15.792 kWh; 2.8.x = 0.011 kWh.
      assert.ok(nearFloat32(float32(energy[0]!, energy[1]!), 15.792));
      assert.ok(nearFloat32(float32(energy[2]!, energy[3]!), 0.011));
      assert.deepEqual(results[4], { registers: [0x0070] });
      // Settings are out of reach: FC16 of the address setting gets 02, nothing is saved.
      const write = await pymodbus(rtu, [
        { op: "write_registers", address: 0x14, values: [0x4188, 0], slave: address },
      ]);
      assert.deepEqual(write, [{ exception: 2 }]);
      assert.doesNotMatch(await Deno.readTextFile(a1mb.configPath), /^address = 17$/m);
    },
  );
});

Deno.test('interop rtu: with fc03 = "input" mbpoll reads big-endian floats with FC03', async () => {
  await requireMbpoll();
  await withReplay(
    { entry: MAIN_ENTRY, telegrams: TELEGRAMS, registers: 'fc03 = "input"' },
    async ({ rtu, address }) => {
      if (rtu.transport !== "rtu") throw new Error("RTU expected");
      const args = ["-m", "rtu", "-b", "9600", "-P", "none", "-a", `${address}`];
      // -t 4:float = FC03, -B = big-endian words: the first phase voltage.
      await mbpollUntil(
        [...args, "-t", "4:float", "-B", "-r", "0", "-c", "3"],
        rtu.device,
        "234.7",
      );
      const all = await mbpoll([...args, "-t", "4:float", "-B", "-r", "0", "-c", "3"], rtu.device);
      assert.deepEqual(all.values, ["234.7", "234.7", "234.7"], all.error);
    },
  );
});

Deno.test('interop rtu: with the default fc03 = "holding" FC03 reads the SDM630 settings, FC04 the measurements', async () => {
  await requirePymodbus();
  await withReplay({ entry: MAIN_ENTRY, telegrams: TELEGRAMS }, async ({ rtu, address }) => {
    const results = await replayUntil(
      rtu,
      toSlave(address, [
        { op: "read_input", address: 0x0000, count: 2 },
        { op: "read_holding", address: 0x0000, count: 2 },
        { op: "read_holding", address: 0x0014, count: 2 },
      ]),
      (r) => {
        const v = wordsOf(r[0], "FC04 0x0000");
        return typeof v === "string" ? [v] : nearFloat32(float32(v[0]!, v[1]!), 234.7) ? [] : [
          `V1 ${float32(v[0]!, v[1]!)}`,
        ];
      },
    );
    assert.deepEqual(results[1], { registers: [0, 0] }, "holding 0x0000 holds no measurement");
    assert.deepEqual(results[2], { registers: [0x4000, 0] }, "the address setting: 2.0");
  });
});
