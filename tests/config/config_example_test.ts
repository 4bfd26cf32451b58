import assert from "node:assert/strict";
import {
  CONFIG_SCHEMA,
  type ConfigBuild,
  configDefaults,
  configValue,
  describeDefault,
  exampleConfig,
  loadConfigText,
} from "../../config/mod.ts";
import { abb_b23 } from "../../variants/abb_b23/mod.ts";
import { dtsu666 } from "../../variants/dtsu666/mod.ts";
import { dtsu666h } from "../../variants/dtsu666h/mod.ts";
import { em24 } from "../../variants/em24/mod.ts";
import { et340 } from "../../variants/et340/mod.ts";
import { sdm120 } from "../../variants/sdm120/mod.ts";
import { sdm630 } from "../../variants/sdm630/mod.ts";
import { sdm72dm } from "../../variants/sdm72dm/mod.ts";
import { sunspec } from "../../variants/sunspec/mod.ts";

const CONFIG_TOML = await Deno.readTextFile(new URL("../../config.toml", import.meta.url));
const BUILDS = [sdm630, sdm72dm, sdm120, dtsu666, dtsu666h, em24, et340, sunspec, abb_b23];

/** The lines of `example` that differ from config.toml's. */
function changed(example: string): string[] {
  const template = CONFIG_TOML.split("\n");
  return example.split("\n").filter((line, i) => line !== template[i]);
}

Deno.test("the dtsu666h example states address 11 where config.toml says 'the build's'", () => {
  assert.deepEqual(changed(exampleConfig(CONFIG_TOML, dtsu666h)), [
    "# Default: 9600 (the dtsu666h build's factory default)",
    '# Default: "none" (the dtsu666h build\'s factory default)',
    "# Default: 11 (the dtsu666h build's factory default)",
    "# address = 11",
  ]);
});

Deno.test("the sdm120 example states its address 1, sdm630 its address 2", () => {
  const sdm120Lines = changed(exampleConfig(CONFIG_TOML, sdm120));
  assert.ok(sdm120Lines.includes("# address = 1"), sdm120Lines.join("\n"));
  const sdm630Example = exampleConfig(CONFIG_TOML, sdm630);
  assert.ok(
    sdm630Example.includes("# Default: 2 (the sdm630 build's factory default)\n# address = 2\n"),
  );
});

for (const build of BUILDS) {
  Deno.test(`the ${build.id} example loads to exactly the ${build.id} build's defaults`, () => {
    const example = exampleConfig(CONFIG_TOML, build);
    const loaded = loadConfigText(example, "example.toml", { build });
    assert.ok(loaded.ok, loaded.ok ? "" : loaded.problems.join("\n"));
    assert.deepEqual(loaded.config, configDefaults(build));
    // Each key the build sets is stated with the build's value, and left commented out (so the
    // build's default applies whatever binary reads the file).
    const defaults = configDefaults(build);
    const bare = loadConfigText(example, "example.toml");
    assert.ok(bare.ok);
    for (const d of CONFIG_SCHEMA.filter((d) => d.perBuild === "default")) {
      const leaf = d.path.slice(d.path.lastIndexOf(".") + 1);
      const value = describeDefault(configValue(defaults, d.path));
      assert.ok(example.includes(`\n# ${leaf} = ${value}\n`), `${d.path}: # ${leaf} = ${value}`);
      assert.equal(configValue(bare.config, d.path), d.default, `${d.path} is not set`);
    }
  });
}

Deno.test("a template without a build's key documented as config.toml does is refused", () => {
  const build: ConfigBuild = { id: "x", config: { defaults: {}, options: [] } };
  assert.throws(
    () => exampleConfig("[modbus.rtu]\naddress = 2\n", build),
    /does not document "modbus\.rtu\.baud" as a build's own key/,
  );
});
