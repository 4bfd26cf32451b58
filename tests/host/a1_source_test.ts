import assert from "node:assert/strict";
import { sourceFromConfig } from "../../host/a1_source.ts";
import { type A1Config, DEFAULT_CONFIG } from "../../config/mod.ts";
import { FakeClock } from "../../drivers/fake_clock.ts";

const A1 = DEFAULT_CONFIG.a1;

/** Cases: the `[a1]` keys set, the source label expected. */
const CASES: readonly { keys: Partial<A1Config>; label: string }[] = [
  // The default: the P1 USB cable at 115200 8N1.
  { keys: {}, label: "serial /dev/ttyUSB0 115200 8N1" },
  // DSMR 2.2/3 meters: 9600 7E1.
  {
    keys: { device: "/dev/ttyAMA0", baud: 9600, data_bits: 7, parity: "even" },
    label: "serial /dev/ttyAMA0 9600 7E1",
  },
  {
    keys: { source: "tcp", host: "p1-dongle.local", port: 8088 },
    label: "tcp p1-dongle.local:8088",
  },
  { keys: { source: "tcp", host: "fd00::5", port: 23 }, label: "tcp [fd00::5]:23" },
  { keys: { source: "file", file: "capture.txt" }, label: "file capture.txt" },
  {
    keys: { source: "simulator", simulator_seed: 9, simulator_interval_ms: 250 },
    label: "simulator (seed 9, every 250 ms)",
  },
];

for (const c of CASES) {
  Deno.test(`a1 source from config: ${c.label}`, () => {
    assert.equal(sourceFromConfig({ ...A1, ...c.keys }, new FakeClock()).label, c.label);
  });
}

Deno.test("a1 source from config: tcp without host is a TypeError naming the keys", () => {
  assert.throws(
    () => sourceFromConfig({ ...A1, source: "tcp", host: undefined, port: 23 }, new FakeClock()),
    { name: "TypeError", message: 'Cannot open A1 source: source "tcp" needs a1.host and a1.port' },
  );
});
