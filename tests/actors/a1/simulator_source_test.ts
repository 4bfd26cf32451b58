import assert from "node:assert/strict";
import { simulatorSource } from "../../../actors/a1/simulator_source.ts";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { decodeTelegram } from "../../../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../../../protocol/dsmr/measurements.ts";

function energyOf(bytes: Uint8Array | null): number {
  assert.ok(bytes !== null);
  const result = decodeTelegram(bytes, { crc: "required" });
  assert.ok(result.ok, "a valid telegram");
  const m = measurementsFromReading(result.reading);
  assert.ok(m.gasM3 !== undefined, "with the gas channel");
  return (m.energyImportT1kWh ?? 0) + (m.energyImportT2kWh ?? 0);
}

Deno.test("simulator source: a valid telegram at once, then one per interval; a reopen continues the meter", async () => {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 12));
  const opener = simulatorSource({ seed: 5, intervalMs: 1000, clock });
  assert.equal(opener.label, "simulator (seed 5, every 1000 ms)");
  const signal = new AbortController().signal;
  const source = await opener.open(signal);
  assert.equal(source.modemLines, null);
  const times: number[] = [];
  const energy: number[] = [];
  const reading = (async () => {
    for (let i = 0; i < 3; i++) {
      energy.push(energyOf(await source.read(signal)));
      times.push(clock.now());
    }
  })();
  await clock.advance(120_000);
  await reading;
  assert.deepEqual(times, [0, 1000, 2000]);
  await source.close();

  const again = await opener.open(signal);
  const later = again.read(signal);
  await clock.advance(0);
  energy.push(energyOf(await later));
  assert.ok(energy.every((e, k) => k === 0 || e >= energy[k - 1]!), "energy never goes back");
});
