/**
 * The folder rules of ARCHITECTURE.md and the README's folder table, checked on the real imports
 * of every source file: who may import whom, and where only types may cross.
 */
import assert from "node:assert/strict";
import { readSourceImports, type SourceImport } from "./_imports.ts";

const ROOT = new URL("../", import.meta.url);
const SOURCE_DIRS = [
  "main.ts",
  "protocol",
  "variants",
  "drivers",
  "config",
  "actors",
  "host",
  "cli",
];
const IMPORTS = await readSourceImports(ROOT, SOURCE_DIRS);

/** The first folder of a path (`actors`), or the file itself at the top (`main.ts`). */
const top = (path: string): string => path.split("/")[0] ?? path;
const ours = (i: SourceImport): boolean => i.to.endsWith(".ts") && !i.to.includes(":");
const isModelEntry = (path: string): boolean => /^variants\/[a-z0-9_]+\/main\.ts$/.test(path);
const isModelFolder = (path: string): boolean =>
  path.startsWith("variants/") && !path.startsWith("variants/_") && path !== "variants/api.ts";

function violations(
  from: (path: string) => boolean,
  allowed: (i: SourceImport) => boolean,
): string[] {
  return IMPORTS.filter((i) => from(i.from) && ours(i) && !allowed(i))
    .map((i) => `${i.from}:${i.line} imports ${i.to}${i.typeOnly ? " (types)" : ""}`);
}

Deno.test("layers: the scan sees every source folder", () => {
  for (const dir of SOURCE_DIRS) {
    assert.ok(IMPORTS.some((i) => i.from === dir || i.from.startsWith(`${dir}/`)), dir);
  }
});

Deno.test("layers: protocol/ imports nothing of ours outside protocol/", () => {
  assert.deepEqual(violations((p) => top(p) === "protocol", (i) => top(i.to) === "protocol"), []);
});

Deno.test("layers: drivers/ import only drivers/", () => {
  assert.deepEqual(violations((p) => top(p) === "drivers", (i) => top(i.to) === "drivers"), []);
});

Deno.test("layers: variants import their own folder, the shared formulas, the contract and protocol types", () => {
  const found = violations(
    (p) => top(p) === "variants" && !isModelEntry(p),
    (i) =>
      (top(i.to) === "variants" && !isModelEntry(i.to) &&
        (!isModelFolder(i.to) || i.to.split("/")[1] === i.from.split("/")[1])) ||
      (top(i.to) === "protocol" && i.typeOnly),
  );
  assert.deepEqual(found, []);
});

Deno.test("layers: a per-variant entry imports the CLI module and its own variant only", () => {
  const found = violations(
    isModelEntry,
    (i) => i.to === "cli/mod.ts" || i.to.split("/")[1] === i.from.split("/")[1],
  );
  assert.deepEqual(found, []);
});

Deno.test("layers: config/ imports protocol/, the variant contract and itself", () => {
  const found = violations(
    (p) => top(p) === "config",
    (i) => ["config", "protocol"].includes(top(i.to)) || i.to === "variants/api.ts",
  );
  assert.deepEqual(found, []);
});

/** The one sleep: a wait on the injected Clock interface, with no I/O or timer of its own. */
const SLEEP_OVER_CLOCK = "drivers/sleep.ts";

Deno.test("layers: actors/ see drivers only through their interfaces (types)", () => {
  const found = violations(
    (p) => top(p) === "actors",
    (i) =>
      ["actors", "protocol", "config"].includes(top(i.to)) || i.to === "variants/api.ts" ||
      (top(i.to) === "drivers" && (i.typeOnly || i.to === SLEEP_OVER_CLOCK)),
  );
  assert.deepEqual(found, []);
});

Deno.test("layers: the host and the CLI import no variant model", () => {
  const found = violations(
    (p) => ["host", "cli"].includes(top(p)),
    (i) => !isModelFolder(i.to) && top(i.to) !== "tests" && top(i.to) !== "bench",
  );
  assert.deepEqual(found, []);
});

Deno.test("layers: the host does not import the CLI", () => {
  assert.deepEqual(violations((p) => top(p) === "host", (i) => top(i.to) !== "cli"), []);
});

Deno.test("layers: main.ts is the sdm630 entry: the CLI module and that variant", () => {
  const found = violations(
    (p) => p === "main.ts",
    (i) => i.to === "cli/mod.ts" || i.to.startsWith("variants/sdm630/"),
  );
  assert.deepEqual(found, []);
});

Deno.test("layers: tools/ import nothing outside tools/", () => {
  assert.deepEqual(violations((p) => top(p) === "tools", (i) => top(i.to) === "tools"), []);
});
