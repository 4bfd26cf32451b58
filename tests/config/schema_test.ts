import assert from "node:assert/strict";
import { CONFIG_SCHEMA, DEFAULT_CONFIG, describeAllowed, type KeySpec } from "../../config/mod.ts";
import { checkValue } from "../../config/check_value.ts";

/** The value as smol-toml would hand it over (integers as bigint). */
const asParsed = (value: unknown): unknown =>
  typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;

Deno.test("schema defaults pass their own checks", () => {
  for (const d of CONFIG_SCHEMA) {
    if (d.default === undefined) continue;
    const checked = checkValue(d.spec, asParsed(d.default));
    assert.deepEqual(checked, { ok: true, value: d.default }, d.path);
  }
});

Deno.test("schema paths are unique, bare and in tables", () => {
  const paths = CONFIG_SCHEMA.map((d) => d.path);
  assert.equal(new Set(paths).size, paths.length);
  for (const path of paths) assert.match(path, /^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
});

Deno.test("schema doc lines are one sentence each", () => {
  for (const d of CONFIG_SCHEMA) {
    assert.match(d.doc, /^[A-Z].*\.$/, d.path);
    assert.ok(d.doc.length <= 96, `${d.path}: doc line longer than 96 characters`);
  }
});

Deno.test("DEFAULT_CONFIG holds every schema default at its path", () => {
  for (const d of CONFIG_SCHEMA) {
    let node: unknown = DEFAULT_CONFIG;
    for (const segment of d.path.split(".")) {
      assert.ok(typeof node === "object" && node !== null && Object.hasOwn(node, segment), d.path);
      node = (node as Record<string, unknown>)[segment];
    }
    assert.equal(node, d.default, d.path);
  }
});

Deno.test("DEFAULT_CONFIG follows the device manual", () => {
  const { a1, modbus } = DEFAULT_CONFIG;
  // The meter side: e-MUCS/DSMR 5 serial settings, stale after one lost 10 s telegram.
  assert.deepEqual([a1.baud, a1.data_bits, a1.parity, a1.stop_bits], [115200, 8, "none", 1]);
  assert.equal(a1.stale_after_s, 25);
  // The Modbus side: address 2, 9600 8N1.
  assert.deepEqual([modbus.rtu.address, modbus.rtu.baud, modbus.rtu.parity], [2, 9600, "none"]);
});

Deno.test("DEFAULT_CONFIG is deeply frozen", () => {
  assert.ok(Object.isFrozen(DEFAULT_CONFIG));
  assert.ok(Object.isFrozen(DEFAULT_CONFIG.a1));
  assert.throws(() => {
    (DEFAULT_CONFIG.modbus.rtu as { address: number }).address = 9;
  }, TypeError);
});

/** Every kind of spec in words, as config.toml writes it. */
const ALLOWED_WORDS: readonly [KeySpec, string][] = [
  [{ type: "boolean" }, "true, false"],
  [{ type: "integer", min: 1, max: 247 }, "1…247"],
  [{ type: "integer", min: 0, max: 1000, keyword: "auto" }, '"auto", or 0…1000'],
  [{ type: "integer-choice", values: [7, 8] }, "7, 8"],
  [{ type: "number", min: 45, max: 65, also: [0] }, "0, or 45…65"],
  [{ type: "enum", values: ["none", "even"] }, '"none", "even"'],
  [{ type: "string", format: "path", empty: "off" }, 'a path, or "" (off)'],
  [{ type: "string", format: "absolute-path" }, "an absolute path"],
  [
    { type: "string", format: "mqtt-url", empty: "off" },
    '"mqtt://HOST[:PORT]" or "mqtts://HOST[:PORT]" (TLS), or "" (off)',
  ],
  [{ type: "string", format: "mqtt-topic" }, 'an MQTT topic without "+" or "#"'],
  [
    { type: "string", format: "text", empty: "none" },
    'text without control characters, or "" (none)',
  ],
];

Deno.test("allowed values are described in words", () => {
  for (const [spec, words] of ALLOWED_WORDS) assert.equal(describeAllowed(spec), words);
});
