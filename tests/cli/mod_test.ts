import assert from "node:assert/strict";
import { type BuildInfo, runCli, usage } from "../../cli/mod.ts";
import { BufferPrinter } from "./_buffer_printer.ts";
import { VERSION } from "../../host/version.ts";

const BUILD: BuildInfo = {
  variant: {
    id: "testmeter",
    model: "Test Meter 1",
    registers: [],
    functionCodes: { fc03: "holding", fc04: "input" },
    config: { defaults: {}, options: [] },
    settings: [],
    reboot: { address: 0xf100, name: "Reboot", value: 1 },
    departures: [],
  },
  target: "x86_64-unknown-linux-gnu",
};

Deno.test("cli --version prints version, variant and target", async () => {
  const p = new BufferPrinter();
  assert.equal(await runCli(["--version"], BUILD, p), 0);
  assert.deepEqual(p.stdout, [
    `a1mb ${VERSION} (variant testmeter: Test Meter 1; target x86_64-unknown-linux-gnu)`,
  ]);
});

Deno.test("cli --help prints the usage and exits 0", async () => {
  const p = new BufferPrinter();
  assert.equal(await runCli(["--help"], BUILD, p), 0);
  assert.equal(p.stdout.join("\n"), usage());
});

Deno.test("cli unknown command: a one-line error, then the usage, exit code 2", async () => {
  const p = new BufferPrinter();
  assert.equal(await runCli(["frobnicate"], BUILD, p), 2);
  assert.equal(p.stderr[0], 'a1mb: unknown command "frobnicate"');
  assert.equal(p.stderr.slice(1).join("\n"), usage());
  assert.deepEqual(p.stdout, []);
});

Deno.test("cli unknown flag of a command: a one-line error naming it, exit code 2", async () => {
  const p = new BufferPrinter();
  assert.equal(await runCli(["trace", "x.jsonl", "--colour"], BUILD, p), 2);
  assert.equal(p.stderr[0], 'a1mb: trace: unknown option "--colour"');
});

Deno.test("cli unknown top-level flag: exit code 2", async () => {
  const p = new BufferPrinter();
  assert.equal(await runCli(["--verbose"], BUILD, p), 2);
  assert.equal(p.stderr[0], 'a1mb: unknown option "--verbose"');
});

Deno.test("cli trace reads a file and prints the timeline; --stats and --mermaid exclude each other", async () => {
  const dir = await Deno.makeTempDir();
  const rec = {
    t_us: 5,
    wall: "2026-11-25T06:00:00.000Z",
    from: "a",
    to: "b",
    type: "noted",
    id: 1,
    cause: null,
    summary: "",
    handler_us: 3,
  };
  await Deno.writeTextFile(`${dir}/t.jsonl`, JSON.stringify(rec) + "\n");
  const p = new BufferPrinter();
  assert.equal(await runCli(["trace", `${dir}/t.jsonl`], BUILD, p), 0);
  assert.deepEqual(p.stdout, ["+    0.000000s 2026-11-25T06:00:00.000Z  a → b  noted #1 (3 µs)"]);
  const q = new BufferPrinter();
  assert.equal(await runCli(["trace", `${dir}/t.jsonl`, "--stats", "--mermaid"], BUILD, q), 2);
  assert.equal(q.stderr[0], "a1mb: trace: choose one of --stats and --mermaid");
  await Deno.remove(dir, { recursive: true });
});
