import assert from "node:assert/strict";
import { type BuildInfo, runCli } from "../../../cli/mod.ts";
import { decodeStream } from "../../../cli/commands/decode.ts";
import type { Printer } from "../../../cli/printer.ts";
import { BufferPrinter } from "../_buffer_printer.ts";
import { concat, fixture, FIXTURES, indexRows } from "../../protocol/dsmr/_fixtures.ts";

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

const ROOT = new URL("../../..", import.meta.url);

async function decode(...args: string[]) {
  const printer = new BufferPrinter();
  const code = await runCli(["decode", ...args], BUILD, printer);
  return { code, stdout: printer.stdout, stderr: printer.stderr };
}

function golden(file: string): string | null {
  try {
    const text = Deno.readTextFileSync(
      new URL(`golden/${file.replace(/\.txt$/, ".json")}`, FIXTURES),
    );
    return JSON.stringify(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Samples whose INDEX.md status does not tell the whole story (see their notes there). */
const TWO_TELEGRAMS = "edge_unclosed-then-full_V4_2.txt"; // "no-crc" by the indexer; two valid copies

/** What `decode` must print for a sample, from its INDEX.md row. */
function expected(row: ReturnType<typeof indexRows>[number], crc: "required" | "optional") {
  const path = new URL(row.file, FIXTURES).pathname;
  if (row.file === TWO_TELEGRAMS) return { path, code: 0, lines: 2, stderr: [] as string[] };
  switch (row.status) {
    case "ok":
      return { path, code: 0, lines: 1, stderr: [] };
    case "MISMATCH":
    case "MISMATCH-unpadded":
      return {
        path,
        code: 1,
        lines: 0,
        stderr: [
          `telegram 1: crc-mismatch expected ${row.crcComputed} got ${
            row.crcInText.padStart(4, "0")
          }`,
        ],
      };
    case "no-crc":
      return crc === "optional"
        ? { path, code: 0, lines: 1, stderr: [] }
        : { path, code: 1, lines: 0, stderr: ["telegram 1: crc-missing"] };
    case "no-frame":
      return {
        path,
        code: 1,
        lines: 0,
        stderr: [
          `telegram 1: frame-flushed after ${row.bytes} bytes: the input ended before the footer`,
        ],
      };
    default:
      throw new Error(`INDEX.md status "${row.status}" of ${row.file} has no expectation`);
  }
}

const ROWS = indexRows();

Deno.test("decode test table covers every sample in INDEX.md", () => {
  assert.equal(ROWS.length, 34);
});

for (const row of ROWS) {
  for (const crc of ["required", "optional"] as const) {
    Deno.test(`decode --crc ${crc} ${row.file}: exit code and lines as INDEX.md says`, async () => {
      const want = expected(row, crc);
      const got = await decode("--crc", crc, want.path);
      assert.deepEqual(got.stderr, want.stderr);
      assert.equal(got.stdout.length, want.lines);
      assert.equal(got.code, want.code);
      for (const line of got.stdout) assert.equal(typeof JSON.parse(line).objects, "object");
      const g = golden(row.file);
      if (g !== null && want.lines === 1) assert.equal(got.stdout[0], g, "matches the golden file");
    });
  }
}

Deno.test("decode defaults to --crc required", async () => {
  const got = await decode(new URL("dsmr_parser_V2_2.txt", FIXTURES).pathname);
  assert.deepEqual([got.code, got.stderr], [1, ["telegram 1: crc-missing"]]);
});

Deno.test("decode: bad arguments are usage errors (exit 2), an unreadable file exit 1", async () => {
  const bad = await decode("--crc", "maybe", "x.txt");
  assert.equal(bad.code, 2);
  assert.equal(
    bad.stderr[0],
    'a1mb: decode: option "--crc" must be required or optional: got "maybe"',
  );
  assert.equal((await decode("a.txt", "b.txt")).code, 2);
  const missing = await decode("/nonexistent/telegrams.txt");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr[0]!, /^decode: cannot read "\/nonexistent\/telegrams\.txt": /);
});

Deno.test("decode: input without any telegram says so and exits 1", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/noise.txt`, "no telegram here\r\n");
    const got = await decode(`${dir}/noise.txt`);
    assert.deepEqual([got.code, got.stdout, got.stderr], [
      1,
      [],
      [`decode: no telegram found in "${dir}/noise.txt"`],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("decode reads stdin (real process): numbered reasons on stderr, exit 0 with one valid", async () => {
  const good = fixture("dsmr_parser_FLUVIUS_V171.txt");
  const bad = fixture("edge_bad-crc_FLUVIUS_V171_line-removed.txt");
  const cut = good.subarray(0, 500);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "decode"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(concat(good, bad, cut, good));
  await writer.close();
  const out = await child.output();
  const stdout = new TextDecoder().decode(out.stdout).trimEnd().split("\n");
  const stderr = new TextDecoder().decode(out.stderr).trimEnd().split("\n");
  assert.deepEqual(stderr, [
    "telegram 2: crc-mismatch expected 02A3 got 3AD7",
    "telegram 3: frame-restarted after 500 bytes: the next telegram began before the footer",
  ]);
  assert.equal(stdout.length, 2);
  assert.equal(stdout[0], stdout[1]);
  assert.equal(out.code, 0);
});

Deno.test("decode writes the JSON lines of an input chunk in one write, each reason after the lines before it", async () => {
  const good = fixture("dsmr_parser_FLUVIUS_V171.txt");
  const bad = fixture("edge_bad-crc_FLUVIUS_V171_line-removed.txt");
  const calls: string[] = [];
  const printer: Printer = {
    out: (line) => calls.push(`out ${line}`),
    err: (line) => calls.push(`err ${line}`),
    outBytes: (bytes) =>
      calls.push(`bytes ${new TextDecoder().decode(bytes).split("\n").length - 1}`),
  };
  async function* chunks() {
    yield concat(good, good, good, bad, good); // one chunk: 3 lines, a reason, 1 line
    yield concat(good, good); // the next chunk: its own write
  }
  const tally = await decodeStream(chunks(), "required", printer);
  assert.deepEqual(calls, [
    "bytes 3",
    "err telegram 4: crc-mismatch expected 02A3 got 3AD7",
    "bytes 1",
    "bytes 2",
  ]);
  assert.deepEqual(tally, { telegrams: 7, valid: 6 });
});
