import assert from "node:assert/strict";
import { LIVE_IDS, liveLayout, readLive } from "../../../actors/console/live_values.ts";
import { encodeFloat32 } from "../../../protocol/modbus/register_codec.ts";
import { createRegisterImage } from "../../../protocol/modbus/register_image.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";
import { sdm72dm } from "../../../variants/sdm72dm/mod.ts";

/** Where each live value is in both Eastron maps (from their manuals). */
const EXPECTED: Readonly<Record<string, number>> = {
  power_l1_w: 0x000c,
  power_l2_w: 0x000e,
  power_l3_w: 0x0010,
  power_w: 0x0034,
  voltage_l1_v: 0x0000,
  voltage_l2_v: 0x0002,
  voltage_l3_v: 0x0004,
  current_l1_a: 0x0006,
  current_l2_a: 0x0008,
  current_l3_a: 0x000a,
  import_kwh: 0x0048,
  export_kwh: 0x004a,
};

for (const variant of [sdm630, sdm72dm]) {
  Deno.test(`live values are found in the ${variant.id} map by their OBIS sources`, () => {
    const layout = liveLayout(variant);
    for (const id of LIVE_IDS) {
      assert.equal(layout[id]?.address, EXPECTED[id], id);
      assert.equal(layout[id]?.space, "input", id);
    }
  });
}

Deno.test("live values are read from the image as a master decodes the registers", () => {
  const layout = liveLayout(sdm630);
  const input = new Uint16Array(65536);
  encodeFloat32(input, 0x000c, -1513.25, "high-first");
  encodeFloat32(input, 0x0034, 55.5, "high-first");
  encodeFloat32(input, 0x0000, 231.4, "high-first");
  const live = readLive(layout, createRegisterImage({ input }));
  assert.equal(live.power_l1_w, -1513.25);
  assert.equal(live.power_w, 55.5);
  assert.equal(live.voltage_l1_v, Math.fround(231.4), "the float32 a master gets");
  assert.equal(live.current_l1_a, 0);
});

Deno.test("a variant without a value has null for it", () => {
  const layout = liveLayout({ registers: sdm630.registers.filter((r) => r.address !== 0x0034) });
  assert.equal(layout.power_w, null);
  assert.equal(readLive(layout, createRegisterImage()).power_w, null);
});
