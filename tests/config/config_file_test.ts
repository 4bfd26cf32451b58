import assert from "node:assert/strict";
import { DEFAULT_CONFIG, loadConfigFile } from "../../config/mod.ts";

async function withFolder(run: (folder: string) => Promise<void>): Promise<void> {
  const folder = await Deno.makeTempDir({ prefix: "a1mb_config_file_" });
  try {
    await run(folder);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

Deno.test("config file loader reports a missing file", async () => {
  await withFolder(async (folder) => {
    const path = `${folder}/config.toml`;
    assert.deepEqual(await loadConfigFile(path), {
      ok: false,
      problems: [`${path}: cannot read file: no such file`],
    });
  });
});

Deno.test("config file loader reports a folder given as the file", async () => {
  await withFolder(async (folder) => {
    assert.deepEqual(await loadConfigFile(folder), {
      ok: false,
      problems: [`${folder}: cannot read file: it is a directory`],
    });
  });
});

Deno.test("config file loader reports a path through a file", async () => {
  await withFolder(async (folder) => {
    await Deno.writeTextFile(`${folder}/plain`, "");
    const path = `${folder}/plain/config.toml`;
    assert.deepEqual(await loadConfigFile(path), {
      ok: false,
      problems: [`${path}: cannot read file: a part of the path is not a directory`],
    });
  });
});

Deno.test("config file loader reports text that is not UTF-8", async () => {
  await withFolder(async (folder) => {
    const path = `${folder}/config.toml`;
    await Deno.writeFile(path, new Uint8Array([0x5b, 0x61, 0x31, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]));
    assert.deepEqual(await loadConfigFile(path), {
      ok: false,
      problems: [`${path}: cannot read file: not valid UTF-8 text`],
    });
  });
});

Deno.test("config file loader names the file as given in its problems", async () => {
  await withFolder(async (folder) => {
    const path = `${folder}/my.toml`;
    await Deno.writeTextFile(path, "[modbus.rtu]\naddress = 0\n");
    assert.deepEqual(await loadConfigFile(path), {
      ok: false,
      problems: [`${path}:2: key modbus.rtu.address: 0 is out of range 1…247`],
    });
  });
});

Deno.test("config file loader loads a valid file", async () => {
  await withFolder(async (folder) => {
    const path = `${folder}/config.toml`;
    await Deno.writeTextFile(path, "# nothing changed\n");
    assert.deepEqual(await loadConfigFile(path), {
      ok: true,
      config: DEFAULT_CONFIG,
      fromBuild: [],
    });
  });
});
