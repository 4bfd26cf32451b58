import assert from "node:assert/strict";
import { CONSOLE_SOURCES, OUTPUT, renderEmbedded } from "../../../cli/embedded/generate.ts";
import { CONFIG_TOML, CONSOLE_FILES } from "../../../cli/embedded/files.ts";

const ROOT = new URL("../../../", import.meta.url);

Deno.test("the embedded module is up to date with the console's files and config.toml (deno task embed)", async () => {
  const current = await Deno.readTextFile(new URL(OUTPUT, ROOT));
  assert.ok(
    current === await renderEmbedded(),
    `${OUTPUT} is out of date: run \`deno task embed\``,
  );
  for (const source of CONSOLE_SOURCES) {
    assert.equal(
      CONSOLE_FILES[source.path]?.text,
      await Deno.readTextFile(new URL(source.file, ROOT)),
    );
  }
  assert.equal(CONFIG_TOML, await Deno.readTextFile(new URL("config.toml", ROOT)));
});

Deno.test("the console page with everything it loads stays well under 100 KB", () => {
  const bytes = Object.values(CONSOLE_FILES)
    .reduce((sum, file) => sum + new TextEncoder().encode(file.text).length, 0);
  assert.ok(bytes < 60_000, `${bytes} bytes`);
});

Deno.test("the page loads nothing from elsewhere: every reference is one of its own files", () => {
  const page = CONSOLE_FILES["/"]?.text ?? "";
  const references = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(references.length >= 3);
  for (const ref of references) assert.ok(ref !== undefined && ref in CONSOLE_FILES, `${ref}`);
  for (const file of Object.values(CONSOLE_FILES)) {
    assert.doesNotMatch(
      file.text,
      /https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
      "no URL of another site",
    );
    assert.doesNotMatch(file.text, /\bstyle="|\bon[a-z]+="/, "no inline style or handler");
  }
  assert.doesNotMatch(
    page,
    /<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/,
    "no inline script",
  );
});
