/**
 * The ONE conformance suite every variant passes (after Hono's `common.case.test.ts`): each
 * variant's test file calls {@linkcode conformanceSuite} with its variant. The checks hold for
 * any meter model: registers inside the space and not overlapping (under every build option),
 * every source field a real measurement field, every listed field all a register reads, fixed
 * values encoded as declared, values always finite and encodable (integers saturating at their
 * type's limit, never wrapping), texts printable and fitting, derived registers 0 with
 * `derived = false`; and, in `_conformance_build.ts`, the build's function codes, factory
 * defaults, protocol writes, scale factors, settings and reboot register.
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
import {
  isServed,
  type NumberRegisterDef,
  type RegisterDef,
  type RegisterOptions,
  type ValueContext,
  type Variant,
} from "../../variants/api.ts";
import { wordCount } from "../../protocol/modbus/register_value.ts";
import { ARBITRARY_MEASUREMENTS, integerRange, roundTrip } from "./_conformance_helpers.ts";
import { buildConformanceSuite, optionVariants } from "./_conformance_build.ts";
import { allSampleMeasurements, contextOf, EDGE_MEASUREMENTS } from "./_contexts.ts";

const OBIS = /^\d+-\d+:\d+\.\d+\.\d+$/;

/** Every context the value checks run over: fixtures and edge cases, each with every option. */
function contexts(options: readonly RegisterOptions[]): { name: string; ctx: ValueContext }[] {
  const sets: [string, Measurements][] = [
    ["no data", {}],
    ...allSampleMeasurements(),
    ...Object.entries(EDGE_MEASUREMENTS),
  ];
  return sets.flatMap(([name, m]) =>
    options.map((o, i) => ({
      name: `${name} (options ${i})`,
      ctx: contextOf(m, o),
    }))
  );
}

/**
 * Why a number is not served faithfully, or null: a non-finite value, −0, or an integer that
 * did not saturate at its type's limit (a wrap).
 */
function numberProblem(def: NumberRegisterDef, v: number): string | null {
  if (!Number.isFinite(v)) return `${v} is not finite`;
  if (Object.is(v, -0)) return "-0";
  const { status, raw } = roundTrip(def, v);
  if (def.type === "float32") return status === "ok" ? null : `float32 ${status}`;
  if (status === "ok") return null;
  if (status !== "clamped") return status;
  const [min, max] = integerRange(def.type);
  const want = v * def.scale < min ? min : max;
  return raw === Math.min(want, 2 ** 64 - 1) ? null : `${v} × ${def.scale} wrapped to ${raw}`;
}

/** Why a text is not served faithfully, or null. */
function textProblem(def: Extract<RegisterDef, { type: "text" }>, v: string): string | null {
  if (v.length > 2 * def.length) return `"${v}" is longer than ${2 * def.length} characters`;
  if (!/^[\x20-\x7e]*$/.test(v)) return `"${v}" is not printable ASCII`;
  return null;
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
  const options = optionVariants(variant);
  const ctxs = contexts(options);
  buildConformanceSuite(variant);

  t("the variant names itself and lists its departures", () => {
    assert.match(variant.id, /^[a-z][a-z0-9_]*$/);
    assert.ok(variant.model.length > 0);
    assert.ok(variant.departures.length > 0);
    for (const d of variant.departures) assert.ok(d.trim().length > 0);
  });

  t("every register lies inside its space and has a name, a type and a word order", () => {
    assert.ok(variant.registers.length > 0);
    for (const def of variant.registers) {
      const what = `${def.space} ${def.address}`;
      assert.ok(Number.isInteger(def.address) && def.address >= 0, what);
      assert.ok(def.address + wordCount(def) <= 65536, what);
      assert.ok(def.name.trim().length > 0, what);
      assert.ok(
        ["float32", "uint16", "int16", "uint32", "int32", "uint64", "text"].includes(def.type),
        what,
      );
      assert.ok(["high-first", "low-first"].includes(def.wordOrder), what);
      if (def.type === "text") {
        assert.ok(Number.isInteger(def.length) && def.length >= 1, what);
      } else {
        assert.ok(Number.isFinite(def.scale) && def.scale > 0, `${what}: scale ${def.scale}`);
      }
    }
  });

  t("no two registers served together overlap within a space, and names are unique there", () => {
    for (const o of options) {
      for (const space of ["input", "holding"] as const) {
        const owner = new Map<number, string>();
        const names = new Set<string>();
        for (const def of variant.registers.filter((d) => d.space === space && isServed(d, o))) {
          assert.ok(!names.has(def.name), `${space}: name "${def.name}" used twice`);
          names.add(def.name);
          for (let w = def.address; w < def.address + wordCount(def); w++) {
            const other = owner.get(w);
            assert.equal(other, undefined, `${space} word ${w}: "${def.name}" overlaps "${other}"`);
            owner.set(w, def.name);
          }
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
      if (def.type === "text") {
        assert.equal(typeof declared, "string", def.name);
        assert.equal(textProblem(def, String(declared)), null, def.name);
        continue;
      }
      assert.equal(typeof declared, "number", def.name);
      const { status, raw } = roundTrip(def, Number(declared));
      assert.equal(status, "ok", def.name);
      const scaled = Number(declared) * def.scale;
      assert.equal(
        raw,
        def.type === "float32" ? Math.fround(scaled) : Math.round(scaled),
        def.name,
      );
    }
  });

  t("every value is null, finite and encodable, integers saturating (samples)", () => {
    for (const { name, ctx } of ctxs) {
      for (const def of variant.registers) {
        if (def.type === "text") {
          const v = def.value(ctx);
          if (v !== null) assert.equal(textProblem(def, v), null, `${def.name} with ${name}`);
          continue;
        }
        const v = def.value(ctx);
        if (v === null) continue;
        assert.equal(numberProblem(def, v), null, `${def.name} with ${name}: ${v}`);
        // A sample telegram is a real meter's: it must fit without saturating.
        assert.equal(roundTrip(def, v).status, "ok", `${def.name} with ${name}: ${v}`);
      }
    }
  });

  t(
    "every value is null, finite, and saturates rather than wraps, for arbitrary measurements",
    () => {
      fc.assert(
        fc.property(
          ARBITRARY_MEASUREMENTS,
          fc.constantFrom(...options),
          fc.boolean(),
          (m, o, hasReading) => {
            const ctx = contextOf(m, o, hasReading);
            for (const def of variant.registers) {
              if (def.type === "text") {
                const v = def.value(ctx);
                if (v !== null && textProblem(def, v) !== null) return false;
                continue;
              }
              const v = def.value(ctx);
              if (v === null) continue;
              if (def.type === "float32" ? !Number.isFinite(v) : numberProblem(def, v) !== null) {
                return false;
              }
            }
            return true;
          },
        ),
        { numRuns: 300, seed: 630 },
      );
    },
  );

  t("before any telegram every measured register reads 0", () => {
    for (const o of options) {
      const ctx = contextOf({}, o, false);
      for (const def of variant.registers.filter((d) => d.measured)) {
        assert.ok([null, 0, ""].includes(def.value(ctx)), def.name);
      }
    }
  });

  t("with derived = false every derived register reads 0", () => {
    for (const { name, ctx } of ctxs.filter((c) => !c.ctx.options.derived)) {
      for (const def of variant.registers.filter((d) => d.source.kind === "derived")) {
        assert.ok([null, 0].includes(def.value(ctx) as number | null), `${def.name} with ${name}`);
      }
    }
  });

  t("registers with no source in any telegram read 0", () => {
    for (const { ctx } of ctxs) {
      for (const def of variant.registers.filter((d) => d.source.kind === "none")) {
        assert.ok([null, 0, ""].includes(def.value(ctx)), def.name);
      }
    }
  });
}
