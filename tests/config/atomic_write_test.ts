import assert from "node:assert/strict";
import { writeFileAtomic } from "../../config/mod.ts";

async function withFolder(run: (folder: string) => Promise<void>): Promise<void> {
  const folder = await Deno.makeTempDir({ prefix: "a1mb_atomic_" });
  try {
    await run(folder);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

async function namesIn(folder: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(folder)) names.push(entry.name);
  return names.sort();
}

const modeOf = async (path: string): Promise<number> =>
  ((await Deno.stat(path)).mode ?? 0) & 0o7777;

Deno.test("atomic write replaces the content, keeps the file's mode and leaves no temp file", async () => {
  await withFolder(async (folder) => {
    const path = `${folder}/config.toml`;
    await Deno.writeTextFile(path, "old = 1\n", { mode: 0o600 });
    await Deno.chmod(path, 0o640);
    await writeFileAtomic(path, "new = 2\n");
    assert.equal(await Deno.readTextFile(path), "new = 2\n");
    assert.equal(await modeOf(path), 0o640);
    assert.deepEqual(await namesIn(folder), ["config.toml"]);
  });
});

Deno.test("atomic write creates a missing file with 0644, or the mode asked for despite the umask", async () => {
  await withFolder(async (folder) => {
    await writeFileAtomic(`${folder}/a.toml`, "a = 1\n");
    assert.equal(await modeOf(`${folder}/a.toml`), 0o644);
    // 0666 would become 0644 under the usual umask 022 if only passed to open().
    await writeFileAtomic(`${folder}/b.toml`, "b = 1\n", { mode: 0o666 });
    assert.equal(await modeOf(`${folder}/b.toml`), 0o666);
    assert.deepEqual(await namesIn(folder), ["a.toml", "b.toml"]);
  });
});

Deno.test("atomic write writes bytes exactly", async () => {
  await withFolder(async (folder) => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
    await writeFileAtomic(`${folder}/blob`, bytes);
    assert.deepEqual(await Deno.readFile(`${folder}/blob`), bytes);
  });
});

Deno.test("atomic write through a symbolic link replaces the linked file and keeps the link", async () => {
  await withFolder(async (folder) => {
    await Deno.mkdir(`${folder}/etc`);
    await Deno.writeTextFile(`${folder}/etc/real.toml`, "old = 1\n");
    await Deno.symlink(`${folder}/etc/real.toml`, `${folder}/link.toml`);
    await writeFileAtomic(`${folder}/link.toml`, "new = 2\n");
    assert.ok((await Deno.lstat(`${folder}/link.toml`)).isSymlink);
    assert.equal(await Deno.readTextFile(`${folder}/etc/real.toml`), "new = 2\n");
    assert.deepEqual(await namesIn(`${folder}/etc`), ["real.toml"]);
  });
});

Deno.test("atomic write that fails at the rename removes its temp file and leaves the target", async () => {
  await withFolder(async (folder) => {
    // A non-empty directory where the file should be: rename() refuses to replace it.
    await Deno.mkdir(`${folder}/config.toml`);
    await Deno.writeTextFile(`${folder}/config.toml/inside`, "keep");
    await assert.rejects(() => writeFileAtomic(`${folder}/config.toml`, "new = 2\n"));
    assert.deepEqual(await namesIn(folder), ["config.toml"]);
    assert.equal(await Deno.readTextFile(`${folder}/config.toml/inside`), "keep");
  });
});

Deno.test("atomic write into a missing folder fails with NotFound and creates nothing", async () => {
  await withFolder(async (folder) => {
    await assert.rejects(
      () => writeFileAtomic(`${folder}/missing/config.toml`, "x = 1\n"),
      Deno.errors.NotFound,
    );
    assert.deepEqual(await namesIn(folder), []);
  });
});

Deno.test("a reader never sees a partly written file while atomic writes replace it", async () => {
  await withFolder(async (folder) => {
    const path = `${folder}/data`;
    const versions = ["A", "B"].map((c) => c.repeat(256 * 1024));
    await Deno.writeTextFile(path, versions[0] ?? "");
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 10; i++) await writeFileAtomic(path, versions[i % 2] ?? "");
      writing = false;
    })();
    let reads = 0;
    while (writing || reads === 0) {
      const seen = await Deno.readTextFile(path);
      assert.ok(versions.includes(seen), `read ${seen.length} bytes, a mix or a truncated file`);
      reads++;
    }
    await writer;
    assert.deepEqual(await namesIn(folder), ["data"]);
  });
});
