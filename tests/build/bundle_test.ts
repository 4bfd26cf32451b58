/**
 * The build-time variant lock, checked on the artefacts: `deno bundle` of each per-variant
 * entry holds that variant's register table and none of the other's, prints its variant with
 * `--version`, and the sdm630 bundle serves Modbus and publishes to MQTT with exactly the compile
 * tasks' permissions.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DIAGNOSTIC_SENSORS, STATE_SENSORS } from "../../actors/mqtt/mod.ts";
import type { Variant } from "../../variants/api.ts";
import { abb_b23 } from "../../variants/abb_b23/mod.ts";
import { dtsu666 } from "../../variants/dtsu666/mod.ts";
import { dtsu666h } from "../../variants/dtsu666h/mod.ts";
import { em24 } from "../../variants/em24/mod.ts";
import { et340 } from "../../variants/et340/mod.ts";
import { sdm120 } from "../../variants/sdm120/mod.ts";
import { sdm630 } from "../../variants/sdm630/mod.ts";
import { sdm72dm } from "../../variants/sdm72dm/mod.ts";
import { sunspec } from "../../variants/sunspec/mod.ts";
import { freePort, socatPair } from "../e2e/_a1mb_process.ts";
import { type Mosquitto, observe, startMosquitto } from "../_mosquitto.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { RTU_WORKER_BUNDLE } from "../../host/rtu_worker_url.ts";
import { CONFIG_TOML, CONSOLE_FILES } from "../../cli/embedded/files.ts";
import { exampleConfig } from "../../config/mod.ts";
import { Browser } from "../_browser.ts";
import {
  artefactRunArgs,
  bundle,
  bundleRtuWorker,
  fileTcpConfig,
  ROOT,
  RUN_PERMISSIONS,
  RUN_V8_FLAGS,
  startBundle,
} from "./_bundle.ts";

/** Every build: its variant and its entry `variants/<id>/main.ts`. */
const BUILDS = [sdm630, sdm72dm, sdm120, dtsu666, dtsu666h, em24, et340, sunspec, abb_b23].map((
  variant,
) => ({
  variant,
  entry: `variants/${variant.id}/main.ts`,
}));

/** A string as the bundler writes its literal: quoted, non-ASCII escaped (`×` as `\xD7`). */
function literal(text: string): string {
  const escaped = [...text].map((c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x7f) return c;
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
  return `"${escaped.join("")}"`;
}

/**
 * Names every bundle holds whatever its variant: the MQTT sensors' names (Home Assistant's
 * "Current L1" is also a register name of several builds). Not evidence of a register table.
 */
const SHARED_NAMES = new Set([...STATE_SENSORS, ...DIAGNOSTIC_SENSORS].map((s) => s.name));

/** `text` matched literally inside a regular expression (a model may hold parentheses). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Register names of `variant` that `other` does not have: its own register table. */
function ownNames(variant: Variant, other: Variant): string[] {
  const others = new Set(other.registers.map((d) => d.name));
  return [...new Set(variant.registers.map((d) => d.name))]
    .filter((n) => !others.has(n) && !SHARED_NAMES.has(n));
}

async function withBundles(body: (dir: string, texts: Map<string, string>) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-bundle-" });
  try {
    const texts = new Map<string, string>();
    for (const b of BUILDS) {
      texts.set(b.variant.id, await bundle(b.entry, `${dir}/a1mb-${b.variant.id}.js`));
    }
    texts.set("worker", await bundleRtuWorker(dir));
    await body(dir, texts);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("each build's bundle holds its own register table and none of another build's", async () => {
  await withBundles((_dir, texts) => {
    const pairs = BUILDS.flatMap((a) =>
      BUILDS.filter((b) => b !== a).map((b) => [a.variant, b.variant] as const)
    );
    for (const [own, other] of pairs) {
      const text = texts.get(own.id)!;
      const mine = ownNames(own, other);
      const theirs = ownNames(other, own);
      assert.ok(mine.length > 0 && theirs.length > 0);
      assert.ok(text.includes(literal(own.model)), `${own.id} bundle lacks its model`);
      for (const name of mine) assert.ok(text.includes(literal(name)), `${own.id} lacks "${name}"`);
      assert.ok(!text.includes(literal(other.model)), `${own.id} bundle holds "${other.model}"`);
      assert.ok(!text.includes(`"${other.id}"`), `${own.id} bundle holds the id "${other.id}"`);
      for (const name of theirs) {
        assert.ok(!text.includes(literal(name)), `${own.id} bundle holds ${other.id}'s "${name}"`);
      }
    }
    // The RTU worker's bundle is shared by every variant: it holds no register table.
    const worker = texts.get("worker")!;
    for (const { variant } of BUILDS) {
      assert.ok(
        !worker.includes(literal(variant.model)),
        `the worker bundle holds ${variant.model}`,
      );
    }
    return Promise.resolve();
  });
});

Deno.test("a bundle prints its variant with --version and needs no permission for it", async () => {
  await withBundles(async (dir) => {
    for (const b of BUILDS) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--no-config", "--no-prompt", `${dir}/a1mb-${b.variant.id}.js`, "--version"],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout).trim();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      assert.match(
        text,
        new RegExp(
          `^a1mb \\S+ \\(variant ${b.variant.id}: ${escapeRegExp(b.variant.model)}; target `,
        ),
      );
    }
  });
});

for (const thread of ["main", "worker"] as const) {
  Deno.test(`the sdm630 bundle serves Modbus RTU (thread = "${thread}") and TCP with exactly the compile permissions`, async () => {
    await serveFromBundle(thread, thread);
  });
}

Deno.test(`a bundle without its ${RTU_WORKER_BUNDLE} says so and serves RTU from the main thread`, async () => {
  await serveFromBundle("worker", "main", async (dir) => {
    await Deno.remove(`${dir}/${RTU_WORKER_BUNDLE}`);
  });
});

async function serveFromBundle(
  thread: "main" | "worker",
  servedIn: "main" | "worker",
  prepare: (dir: string) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  await requirePymodbus();
  await withBundles(async (dir) => {
    await prepare(dir);
    const pair = await socatPair(dir);
    const port = freePort();
    // 1-0:1.7.0(00.338*kW) 1-0:2.7.0(00.000*kW): total power 338 W = 0x43A90000
    const telegrams = new URL("tests/fixtures/telegrams/dsmr_parser_FLUVIUS_V171_ALT.txt", ROOT);
    await Deno.writeTextFile(
      `${dir}/config.toml`,
      fileTcpConfig(telegrams.pathname, port, pair.a, thread),
    );
    const a1mb = startBundle(
      Deno.execPath(),
      ["run", "--no-config", "--no-prompt", ...artefactRunArgs("a1mb-sdm630.js", "config.toml")],
      dir,
    );
    try {
      await a1mb.waitForLog(/first valid telegram/, 15_000);
      if (thread !== servedIn) {
        // The worker's module is missing: the slave names it, and serves anyway.
        await a1mb.waitForLog(
          new RegExp(
            `RTU worker failed: .*${RTU_WORKER_BUNDLE}.*serving from the main thread instead`,
          ),
          15_000,
        );
      }
      await a1mb.waitForLog(
        new RegExp(`Modbus RTU: serving address 2 .*, ${servedIn} thread`),
        15_000,
      );
      const read = [{ op: "read_input" as const, address: 0x0034, count: 2 }];
      const deadline = performance.now() + 8000;
      for (;;) {
        const [rtu, tcp] = await Promise.all([
          pymodbus({ transport: "rtu", device: pair.b, baud: 9600 }, read),
          pymodbus({ transport: "tcp", host: "127.0.0.1", port }, read),
        ]);
        const good = JSON.stringify([rtu, tcp]) === JSON.stringify([
          [{ registers: [0x43a9, 0x0000] }],
          [{ registers: [0x43a9, 0x0000] }],
        ]);
        if (good) break;
        assert.ok(
          performance.now() < deadline,
          `${JSON.stringify([rtu, tcp])}\n${a1mb.lines.join("\n")}`,
        );
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(
        !a1mb.lines.some((l) => /Requires|NotCapable|\[ERR\]|\[FTL\]/.test(l)),
        a1mb.lines.join("\n"),
      );
    } finally {
      await a1mb.stop();
      await pair.close();
    }
  });
}

Deno.test("the sdm630 bundle publishes to a real mosquitto with exactly the compile permissions", async () => {
  await withBundles(async (dir) => {
    const broker = await startMosquitto();
    try {
      await publishFromBundle(dir, broker);
    } finally {
      await broker.close();
    }
  });
});

/** Runs the sdm630 bundle with `[mqtt]` pointing at `broker` and reads one state it publishes. */
async function publishFromBundle(dir: string, broker: Mosquitto): Promise<void> {
  const watch = await observe(broker, ["a1mb/+/state"]);
  const telegrams = new URL("tests/fixtures/telegrams/dsmr_parser_FLUVIUS_V171_ALT.txt", ROOT);
  await Deno.writeTextFile(
    `${dir}/config.toml`,
    fileTcpConfig(telegrams.pathname, freePort()) +
      `[mqtt]\nurl = "mqtt://127.0.0.1:${broker.port}"\n`,
  );
  const a1mb = startBundle(
    Deno.execPath(),
    ["run", "--no-config", "--no-prompt", ...artefactRunArgs("a1mb-sdm630.js", "config.toml")],
    dir,
  );
  try {
    const state = await watch.waitFor((m) => m.topic.endsWith("/state"), "a state", 15_000);
    // 1-0:1.7.0(00.338*kW) 1-0:2.7.0(00.000*kW)
    assert.equal(JSON.parse(state.payload).power_w, 338);
    assert.ok(
      !a1mb.lines.some((l) => /Requires|NotCapable|\[ERR\]|\[FTL\]/.test(l)),
      a1mb.lines.join("\n"),
    );
  } finally {
    await a1mb.stop();
  }
}

Deno.test("deno.json has a bundle task per variant and a compile task per variant and target, with the proven permissions", async () => {
  const tasks: Record<string, string> =
    JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url))).tasks;
  for (const variant of ["sdm630", "sdm72dm"]) {
    assert.equal(
      tasks[`bundle:${variant}`],
      `deno bundle --platform deno --output dist/a1mb-${variant}.js variants/${variant}/main.ts` +
        ` && deno bundle --platform deno --output dist/${RTU_WORKER_BUNDLE} host/rtu_worker.ts`,
    );
    for (const target of ["aarch64-unknown-linux-gnu", "x86_64-unknown-linux-gnu"]) {
      const task = tasks[`compile:${variant}:${target}`] ?? "";
      assert.ok(task.startsWith(`deno compile --target ${target} `), task);
      assert.ok(
        task.endsWith(` --output dist/a1mb-${variant}-${target} variants/${variant}/main.ts`),
        task,
      );
      assert.ok(task.includes(" --include host/rtu_worker.ts "), `${task} embeds the worker`);
      const granted = task.split(" ").filter((w) => w.startsWith("--allow-"));
      assert.deepEqual(
        granted,
        [...RUN_PERMISSIONS],
        `${variant}:${target} grants what the bundle test proved`,
      );
      const v8 = task.split(" ").filter((w) => w.startsWith("--v8-flags"));
      assert.deepEqual(v8, [...RUN_V8_FLAGS], `${variant}:${target} runs with the V8 flags`);
    }
  }
});

Deno.test("the web console travels with the bundle: served from it alone, it loads in chromium with no error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-bundle-console-" });
  const port = freePort();
  const httpPort = freePort();
  let browser: Browser | null = null;
  try {
    const text = await bundle("variants/sdm630/main.ts", `${dir}/a1mb-sdm630.js`);
    // Markers of the page, its script, its chart, its style and config.toml (the bundler
    // re-escapes strings, so plain words are looked for).
    for (const marker of ["token-dialog", "niceTicks", "grid-template-columns", "a1mb console"]) {
      assert.ok(text.includes(marker), `the bundle lacks "${marker}"`);
    }
    assert.ok(Object.keys(CONSOLE_FILES).length === 5);
    // config example comes out of the bundle too.
    const example = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--no-prompt", "a1mb-sdm630.js", "config", "example"],
      cwd: dir,
      stdout: "piped",
    }).output();
    assert.equal(
      new TextDecoder().decode(example.stdout),
      exampleConfig(CONFIG_TOML, sdm630),
    );

    const telegrams = new URL("tests/fixtures/telegrams/dsmr_parser_FLUVIUS_V171_ALT.txt", ROOT);
    await Deno.writeTextFile(
      `${dir}/config.toml`,
      fileTcpConfig(telegrams.pathname, port).replace(
        'socket = ""',
        `socket = ""\nhttp = "127.0.0.1:${httpPort}"`,
      ),
    );
    const a1mb = startBundle(
      Deno.execPath(),
      ["run", "--no-config", "--no-prompt", ...artefactRunArgs("a1mb-sdm630.js", "config.toml")],
      dir,
    );
    try {
      await a1mb.waitForLog(/Web console: http:\/\/127\.0\.0\.1:\d+\/ .*read-only/, 15_000);
      await a1mb.waitForLog(/first valid telegram/, 15_000);
      browser = await Browser.launch(1200, 900);
      await browser.navigate(`http://127.0.0.1:${httpPort}/`);
      await browser.waitFor(`document.querySelector('[data-live="power_w"]').dataset.value !== ""`);
      await browser.waitFor(`document.querySelectorAll("#map tbody tr").length > 90`);
      await browser.waitFor(`Number(document.getElementById("chart").dataset.points) > 0`);
      // 1-0:1.7.0(00.338*kW), nothing exported: 338 W imported.
      assert.equal(
        await browser.evaluate(`document.querySelector('[data-live="power_w"]').dataset.value`),
        "338",
      );
      assert.match(
        await browser.evaluate<string>(`document.getElementById("access").textContent`),
        /Read-only: this a1mb has no \[control\] token/,
      );
      assert.deepEqual(browser.problems, []);
      assert.ok(!a1mb.lines.some((l) => /Requires|NotCapable|\[ERR\]|\[FTL\]/.test(l)));
    } finally {
      await a1mb.stop();
    }
  } finally {
    await browser?.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every build folder is in the bundle test and has deno.json tasks with the sdm630 flags", async () => {
  const folders = [...Deno.readDirSync(new URL("variants/", ROOT))]
    .filter((e) => e.isDirectory && !e.name.startsWith("_"))
    .map((e) => e.name)
    .sort();
  assert.deepEqual(folders, BUILDS.map((b) => b.variant.id).sort(), "a build missing here");
  const tasks = (JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))) as {
    tasks: Record<string, string>;
  }).tasks;
  const targets = ["aarch64-unknown-linux-gnu", "x86_64-unknown-linux-gnu"];
  for (const { variant } of BUILDS) {
    const id = variant.id;
    const same = (task: string) => tasks[task.replace(id, "sdm630")]?.replaceAll("sdm630", id);
    for (const task of [`bundle:${id}`, ...targets.map((t) => `compile:${id}:${t}`)]) {
      assert.ok(tasks[task] !== undefined, `deno.json lacks ${task}`);
      assert.equal(tasks[task], same(task), `${task} differs from the sdm630 task`);
    }
  }
});
