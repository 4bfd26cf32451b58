/**
 * The build half of the conformance suite: what a variant declares besides its register values.
 * Function codes reach every register; factory defaults are keys a build may set, with values
 * the schema allows; build options are keys the schema marks as such; protocol writes are
 * constant one-word holding registers FC03 reads; SunSpec scale factors match their registers'
 * scales; settings validate and round-trip through their registers; a build with settings has a
 * lone reboot register and one without has none.
 *
 * @module
 */
import assert from "node:assert/strict";
import { CONFIG_SCHEMA, defaultValues } from "../../config/mod.ts";
import { encodeFloat32 } from "../../protocol/modbus/register_codec.ts";
import { type RegisterOptions, type SettingValue, type Variant } from "../../variants/api.ts";
import { wordCount } from "../../protocol/modbus/register_value.ts";
import { allowedValues, configAccepts, roundTrip } from "./_conformance_helpers.ts";
import { contextOf, OPTION_VARIANTS } from "./_contexts.ts";

/** Every value of the build's own options, each combined with every generic option set. */
export function optionVariants(variant: Variant): RegisterOptions[] {
  let choices: Record<string, SettingValue>[] = [{}];
  for (const key of variant.config.options) {
    choices = choices.flatMap((c) => allowedValues(key).map((v) => ({ ...c, [key]: v })));
  }
  return OPTION_VARIANTS.flatMap((o) => choices.map((c) => ({ ...o, choices: c })));
}

/** Registers the build checks for `variant` as Deno tests. */
export function buildConformanceSuite(variant: Variant): void {
  const t = (name: string, fn: () => void) => Deno.test(`${variant.id} conformance: ${name}`, fn);

  t("a function code reads every space that has registers", () => {
    const { fc03, fc04 } = variant.functionCodes;
    assert.ok(fc03 !== null || fc04 !== null, "no function code reads anything");
    for (const def of variant.registers) {
      assert.ok(def.space === fc03 || def.space === fc04, `${def.name}: no function code reads it`);
    }
  });

  t("factory defaults are keys a build may set, with values the schema allows", () => {
    for (const [key, value] of Object.entries(variant.config.defaults)) {
      const descriptor = CONFIG_SCHEMA.find((d) => d.path === key);
      assert.equal(descriptor?.perBuild, "default", `${key} is not a key a build may set`);
      assert.ok(configAccepts(key, value), `${key} = ${value}`);
    }
    assert.doesNotThrow(() => defaultValues(variant));
    for (const key of variant.config.options) {
      const descriptor = CONFIG_SCHEMA.find((d) => d.path === key);
      assert.equal(descriptor?.perBuild, "option", `${key} is not a build option`);
    }
    for (const def of variant.registers.filter((d) => d.when !== undefined)) {
      assert.ok(variant.config.options.includes(def.when!.key), `${def.name}: ${def.when!.key}`);
      assert.ok(configAccepts(def.when!.key, def.when!.value), def.name);
    }
  });

  t("protocol writes are constant one-word holding registers that FC03 reads", () => {
    for (const def of variant.registers.filter((d) => d.protocolWrite === true)) {
      assert.equal(def.space, "holding", def.name);
      assert.equal(variant.functionCodes.fc03, "holding", def.name);
      assert.equal(wordCount(def), 1, def.name);
      assert.equal(def.source.kind, "fixed", `${def.name}: its value must not change`);
      assert.ok(!variant.settings.some((s) => s.address === def.address), def.name);
    }
  });

  t("every SunSpec-scaled value follows its scale-factor register", () => {
    for (const def of variant.registers) {
      if (def.type === "text" || def.scaleFactorAt === undefined) continue;
      const sf = variant.registers.find((d) =>
        d.space === def.space && d.address === def.scaleFactorAt && d.when === def.when
      );
      assert.ok(sf !== undefined && sf.type === "int16", `${def.name}: no int16 scale factor`);
      assert.equal(sf.source.kind, "fixed", `${def.name}: its scale factor must be constant`);
      const exponent = Number(sf.source.kind === "fixed" ? sf.source.value : NaN);
      assert.ok(
        Math.abs(def.scale * 10 ** exponent - 1) < 1e-12,
        `${def.name}: scale ${def.scale}`,
      );
    }
  });

  t("a build with settings has a reboot register, one without has none", () => {
    assert.equal(variant.reboot !== null, variant.settings.length > 0);
  });

  t("every writable setting has its register and is validated against the configuration", () => {
    for (const s of variant.settings) {
      const def = variant.registers.find((d) => d.space === "holding" && d.address === s.address);
      assert.ok(def !== undefined, `no holding register at ${s.address} for ${s.key}`);
      assert.ok(def.type !== "text");
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
      assert.ok(def.type !== "text");
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
    if (reboot === null) return;
    assert.ok(Number.isInteger(reboot.address) && reboot.address >= 0 && reboot.address < 65536);
    assert.ok(Number.isInteger(reboot.value) && reboot.value >= 1 && reboot.value <= 0xffff);
    assert.ok(reboot.name.trim().length > 0);
    for (const def of variant.registers.filter((d) => d.space === "holding")) {
      const end = def.address + wordCount(def);
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
