/**
 * The ONE conformance suite every variant passes (after Hono's `common.case.test.ts`): each
 * variant's test file calls {@linkcode conformanceSuite} with its variant. The checks hold for
 * any meter model: registers inside the space and not overlapping, every source field a real
 * measurement field, every listed field all a register reads, fixed values encoded as declared,
 * values always finite and encodable, derived registers 0 with `derived = false`, settings
 * validated and round-tripping through their registers, a lone reboot register.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  MEASUREMENT_KEYS,
  type MeasurementKey,
  type Measurements,
} from "../../protocol/dsmr/measurements.ts";
import { encodeFloat32 } from "../../protocol/modbus/register_codec.ts";
import {
  type RegisterDef,
  registerWidth,
  type ValueContext,
  type Variant,
} from "../../variants/api.ts";
import {
  allowedValues,
  ARBITRARY_MEASUREMENTS,
  configAccepts,
  roundTrip,
} from "./_conformance_helpers.ts";
import {
  allSampleMeasurements,
  contextOf,
  EDGE_MEASUREMENTS,
  OPTION_VARIANTS,
} from "./_contexts.ts";

const OBIS = /^\d+-\d+:\d+\.\d+\.\d+$/;

/** Every context the value checks run over: fixtures and edge cases, each with every option. */
function contexts(): { name: string; ctx: ValueContext }[] {
  const sets: [string, Measurements][] = [
    ["no data", {}],
    ...allSampleMeasurements(),
    ...Object.entries(EDGE_MEASUREMENTS),
  ];
  return sets.flatMap(([name, m]) =>
    OPTION_VARIANTS.map((options, i) => ({
      name: `${name} (options ${i})`,
      ctx: contextOf(m, options),
    }))
  );
}

/** The fields a register declares: its source's fields and its derived rule's. */
function declaredFields(def: RegisterDef): Set<MeasurementKey> {
  const s = def.source;
  if (s.kind === "reading") return new Set([...s.fields, ...(s.derived?.fields ?? [])]);
  if (s.kind === "derived") return new Set(s.fields);
  return new Set();
}

function pick(m: Measurements, keys: Set<MeasurementKey>): Measurements {
  return Object.fromEntries(Object.entries(m).filter(([k]) => keys.has(k as MeasurementKey)));
}

/** Registers every conformance check for `variant` as Deno tests. */
export function conformanceSuite(variant: Variant): void {
  const t = (name: string, fn: () => void) => Deno.test(`${variant.id} conformance: ${name}`, fn);
  const ctxs = contexts();

  t("the variant names itself and lists its departures", () => {
    assert.match(variant.id, /^[a-z][a-z0-9]*$/);
    assert.ok(variant.model.length > 0);
    assert.ok(variant.departures.length > 0);
    for (const d of variant.departures) assert.ok(d.trim().length > 0);
  });

  t("every register lies inside its space and has a name, a type and a word order", () => {
    assert.ok(variant.registers.length > 0);
    for (const def of variant.registers) {
      const what = `${def.space} ${def.address}`;
      assert.ok(Number.isInteger(def.address) && def.address >= 0, what);
      assert.ok(def.address + registerWidth(def.type) <= 65536, what);
      assert.ok(def.name.trim().length > 0, what);
      assert.ok(["float32", "uint16", "int16", "uint32", "int32"].includes(def.type), what);
      assert.ok(["high-first", "low-first"].includes(def.wordOrder), what);
    }
  });

  t("no two registers overlap within a space, and names are unique in a space", () => {
    for (const space of ["input", "holding"] as const) {
      const owner = new Map<number, string>();
      const names = new Set<string>();
      for (const def of variant.registers.filter((d) => d.space === space)) {
        assert.ok(!names.has(def.name), `${space}: name "${def.name}" used twice`);
        names.add(def.name);
        for (let w = def.address; w < def.address + registerWidth(def.type); w++) {
          const other = owner.get(w);
          assert.equal(other, undefined, `${space} word ${w}: "${def.name}" overlaps "${other}"`);
          owner.set(w, def.name);
        }
      }
    }
  });

  t("every source field exists and every rule is written down with its OBIS codes", () => {
    const keys = new Set<string>(MEASUREMENT_KEYS);
    for (const def of variant.registers) {
      const s = def.source;
      assert.ok(s.rule.trim().length > 0, def.name);
      if (s.kind === "reading" || s.kind === "derived") {
        const rules = s.kind === "reading" && s.derived ? [s, s.derived] : [s];
        for (const r of rules) {
          assert.ok(r.fields.length > 0 && r.obis.length > 0, def.name);
          for (const f of r.fields) assert.ok(keys.has(f), `${def.name}: unknown field "${f}"`);
          for (const o of r.obis) assert.match(o, OBIS, def.name);
          assert.ok(r.rule.trim().length > 0, def.name);
        }
      }
    }
  });

  t("a register reads no field its source does not list", () => {
    for (const { name, ctx } of ctxs) {
      for (const def of variant.registers) {
        const narrowed = { ...ctx, m: pick(ctx.m, declaredFields(def)) };
        assert.equal(def.value(narrowed), def.value(ctx), `${def.name} with ${name}`);
      }
    }
  });

  t("fixed values are served and encoded as declared", () => {
    for (const def of variant.registers) {
      if (def.source.kind !== "fixed") continue;
      const declared = def.source.value;
      for (const { ctx } of ctxs) assert.equal(def.value(ctx), declared, def.name);
      const { status, back } = roundTrip(def, declared);
      assert.equal(status, "ok", def.name);
      assert.equal(back, def.type === "float32" ? Math.fround(declared) : declared, def.name);
    }
  });

  t("every value is null or finite and encodes without loss of range (samples)", () => {
    for (const { name, ctx } of ctxs) {
      for (const def of variant.registers) {
        const v = def.value(ctx);
        if (v === null) continue;
        assert.ok(Number.isFinite(v), `${def.name} with ${name}: ${v}`);
        assert.equal(roundTrip(def, v).status, "ok", `${def.name} with ${name}: ${v}`);
        assert.ok(!Object.is(v, -0), `${def.name} with ${name}: -0`);
      }
    }
  });

  t("every value is null or finite for arbitrary measurements", () => {
    fc.assert(
      fc.property(
        ARBITRARY_MEASUREMENTS,
        fc.constantFrom(...OPTION_VARIANTS),
        fc.boolean(),
        (m, options, hasReading) => {
          const ctx = contextOf(m, options, hasReading);
          for (const def of variant.registers) {
            const v = def.value(ctx);
            if (v === null) continue;
            if (!Number.isFinite(v)) return false;
            if (def.type !== "float32" && roundTrip(def, v).status !== "ok") return false;
          }
          return true;
        },
      ),
      { numRuns: 300, seed: 630 },
    );
  });

  t("before any telegram every measured register reads 0", () => {
    for (const options of OPTION_VARIANTS) {
      const ctx = contextOf({}, options, false);
      for (const def of variant.registers.filter((d) => d.measured)) {
        assert.equal(def.value(ctx) ?? 0, 0, def.name);
      }
    }
  });

  t("with derived = false every derived register reads 0", () => {
    for (const { name, ctx } of ctxs.filter((c) => !c.ctx.options.derived)) {
      for (const def of variant.registers.filter((d) => d.source.kind === "derived")) {
        assert.equal(def.value(ctx) ?? 0, 0, `${def.name} with ${name}`);
      }
    }
  });

  t("registers with no source in any telegram read 0", () => {
    for (const { ctx } of ctxs) {
      for (const def of variant.registers.filter((d) => d.source.kind === "none")) {
        assert.equal(def.value(ctx) ?? 0, 0, def.name);
      }
    }
  });

  t("every writable setting has its register and is validated against the configuration", () => {
    assert.ok(variant.settings.length > 0);
    for (const s of variant.settings) {
      const def = variant.registers.find((d) => d.space === "holding" && d.address === s.address);
      assert.ok(def !== undefined, `no holding register at ${s.address} for ${s.key}`);
      assert.deepEqual([def.type, def.wordOrder, def.measured], [s.type, s.wordOrder, false]);
      assert.ok(def.source.kind === "setting" && def.source.key === s.key, s.key);
      assert.ok(s.rule.trim().length > 0);
      let accepted = 0;
      for (let n = -10; n <= 300; n++) {
        const decoded = s.decode(n);
        if (!decoded.ok) {
          assert.ok(decoded.reason.length > 0);
          continue;
        }
        accepted++;
        assert.ok(configAccepts(s.key, decoded.value), `${s.key}: ${n} → ${decoded.value}`);
        assert.equal(s.encode(decoded.value), n, `${s.key}: ${n} does not read back`);
      }
      assert.ok(accepted > 0, `${s.key} accepts nothing`);
      for (const odd of [0.5, 2.25, -1, 1e9, Number.MAX_VALUE]) {
        assert.equal(s.decode(odd).ok, false, `${s.key} accepts ${odd}`);
      }
    }
  });

  t("every configuration value of a setting shows in its register", () => {
    for (const s of variant.settings) {
      const def = variant.registers.find((d) => d.space === "holding" && d.address === s.address)!;
      for (const value of allowedValues(s.key)) {
        const ctx = contextOf({}, {}, true, (key) => key === s.key ? value : undefined);
        const served = def.value(ctx);
        assert.ok(served !== null && Number.isFinite(served), `${s.key} = ${value}`);
        assert.equal(roundTrip(def, served).status, "ok", `${s.key} = ${value}`);
      }
    }
  });

  t("an FC06 write of a setting's first word carries every accepted value exactly", () => {
    for (const s of variant.settings.filter((x) => x.singleWordWrite && x.type === "float32")) {
      for (let n = -10; n <= 300; n++) {
        if (!s.decode(n).ok) continue;
        const words = new Uint16Array(2);
        encodeFloat32(words, 0, n, s.wordOrder);
        const low = s.wordOrder === "high-first" ? words[1] : words[0];
        assert.equal(low, 0, `${s.key}: ${n} needs its low word`);
      }
    }
  });

  t("the reboot register is a lone writable word outside every register", () => {
    const { reboot } = variant;
    assert.ok(Number.isInteger(reboot.address) && reboot.address >= 0 && reboot.address < 65536);
    assert.ok(Number.isInteger(reboot.value) && reboot.value >= 1 && reboot.value <= 0xffff);
    assert.ok(reboot.name.trim().length > 0);
    for (const def of variant.registers.filter((d) => d.space === "holding")) {
      const end = def.address + registerWidth(def.type);
      assert.ok(reboot.address < def.address || reboot.address >= end, def.name);
    }
  });

  t("only settings are writable: every setting-source register belongs to a setting", () => {
    for (const def of variant.registers.filter((d) => d.source.kind === "setting")) {
      assert.equal(def.space, "holding");
      assert.ok(variant.settings.some((s) => s.address === def.address), def.name);
    }
    const keys = variant.settings.map((s) => s.key);
    assert.equal(new Set(keys).size, keys.length, "a key has two settings");
  });
}
