import assert from "node:assert/strict";
import { parse } from "smol-toml";
import {
  CONFIG_SCHEMA,
  DEFAULT_CONFIG,
  describeAllowed,
  describeDefault,
  loadConfigText,
} from "../../config/mod.ts";
import { checkValue } from "../../config/check_value.ts";

const CONFIG_TOML = await Deno.readTextFile(new URL("../../config.toml", import.meta.url));

/** How config.toml starts the default line of a key each build sets. */
const BUILD_DEFAULT = "# Default: the build's";

interface DocumentedKey {
  readonly path: string;
  readonly line: number;
  /**
   * Written as `# key = value` below `# Default: not set` (keys without a default) or below
   * `# Default: the build's…` (keys each build sets).
   */
  readonly commentedOut: boolean;
  readonly valueText: string;
  /** The comment lines just above the key line, top to bottom. */
  readonly block: readonly string[];
}

/** Reads config.toml the way a person does: headers, key lines, the comments above each key. */
function documentedKeys(text: string): DocumentedKey[] {
  const lines = text.split("\n");
  const keys: DocumentedKey[] = [];
  let table = "";
  lines.forEach((line, i) => {
    const header = /^\[([a-z0-9_.]+)\]$/.exec(line);
    if (header !== null) {
      table = header[1] ?? "";
      return;
    }
    const active = /^([a-z0-9_]+) = (.*)$/.exec(line);
    const commented = /^# ([a-z0-9_]+) = (.*)$/.exec(line);
    const before = lines[i - 1] ?? "";
    const isCommentedKey = commented !== null &&
      (before === "# Default: not set" || before.startsWith(BUILD_DEFAULT));
    const match = active ?? (isCommentedKey ? commented : null);
    if (match === null) return;
    let top = i;
    while (top > 0 && (lines[top - 1] ?? "").startsWith("#")) top--;
    keys.push({
      path: `${table}.${match[1]}`,
      line: i + 1,
      commentedOut: active === null,
      valueText: match[2] ?? "",
      block: lines.slice(top, i),
    });
  });
  return keys;
}

Deno.test("config.toml validates and holds exactly the defaults", () => {
  const loaded = loadConfigText(CONFIG_TOML, "config.toml");
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.problems.join("\n"));
  assert.deepEqual(loaded.config, DEFAULT_CONFIG);
});

Deno.test("config.toml documents every schema key and nothing else", () => {
  const documented = documentedKeys(CONFIG_TOML).map((k) => k.path).sort();
  const schema = CONFIG_SCHEMA.map((d) => d.path).sort();
  assert.deepEqual(documented, schema);
});

Deno.test("config.toml comments out exactly the keys that have no default or a build's own", () => {
  // A build's default must win over config.toml when it is installed as the configuration.
  const commented = documentedKeys(CONFIG_TOML).filter((k) => k.commentedOut).map((k) => k.path);
  const noDefault = CONFIG_SCHEMA.filter((d) => d.default === undefined || d.perBuild === "default")
    .map((d) => d.path);
  assert.deepEqual(commented.sort(), noDefault.sort());
});

Deno.test("each key's comment starts with the schema doc line and states its allowed values and default", () => {
  const byPath = new Map(documentedKeys(CONFIG_TOML).map((k) => [k.path, k]));
  for (const descriptor of CONFIG_SCHEMA) {
    const key = byPath.get(descriptor.path);
    assert.ok(key !== undefined, `${descriptor.path} is not in config.toml`);
    const where = `config.toml:${key.line} (${descriptor.path})`;
    assert.equal(key.block[0], `# ${descriptor.doc}`, `${where}: first comment line`);
    assert.ok(
      key.block.includes(`# Allowed: ${describeAllowed(descriptor.spec)}`),
      `${where}: no "# Allowed: ${describeAllowed(descriptor.spec)}" line`,
    );
    const last = key.block[key.block.length - 1] ?? "";
    if (descriptor.perBuild === "default") {
      assert.ok(last.startsWith(BUILD_DEFAULT), `${where}: last comment line`);
    } else {
      assert.equal(
        last,
        `# Default: ${describeDefault(descriptor.default)}`,
        `${where}: last line`,
      );
    }
  }
});

Deno.test("every commented-out example in config.toml is a valid value for its key", () => {
  for (const key of documentedKeys(CONFIG_TOML).filter((k) => k.commentedOut)) {
    const descriptor = CONFIG_SCHEMA.find((d) => d.path === key.path);
    assert.ok(descriptor !== undefined);
    const raw = parse(`v = ${key.valueText}`, { integersAsBigInt: true }).v;
    const checked = checkValue(descriptor.spec, raw);
    assert.ok(checked.ok, `${key.path}: ${checked.ok ? "" : checked.reason}`);
  }
});

Deno.test("config.toml stays within the 100-column line width", () => {
  const long = CONFIG_TOML.split("\n")
    .map((line, i) => ({ line: i + 1, width: [...line].length }))
    .filter((l) => l.width > 100);
  assert.deepEqual(long, []);
});
