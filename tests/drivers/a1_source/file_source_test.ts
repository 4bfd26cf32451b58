import assert from "node:assert/strict";
import { fileSource, splitTelegrams } from "../../../drivers/a1_source/file_source.ts";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { ascii, concat, fixture, wire } from "../../protocol/dsmr/_fixtures.ts";

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Cases of splitTelegrams: input (wire notation), expected pieces. */
const SPLITS: readonly { name: string; input: string; pieces: string[] }[] = [
  // One telegram: one piece, line ending kept.
  { name: "one telegram", input: "/A⏎⏎1(1)⏎!1234⏎", pieces: ["/A⏎⏎1(1)⏎!1234⏎"] },
  // Two telegrams back to back: cut before the second "/".
  {
    name: "two telegrams",
    input: "/A⏎!1111⏎/B⏎!2222⏎",
    pieces: ["/A⏎!1111⏎", "/B⏎!2222⏎"],
  },
  // A "/" inside a header line (Holley) does not start a telegram.
  { name: "slash in a header", input: "/HLY5/D545⏎!1111⏎", pieces: ["/HLY5/D545⏎!1111⏎"] },
  // Bytes before the first telegram stay with it (the framer skips them).
  { name: "leading noise", input: "xx⏎/A⏎!1111⏎", pieces: ["xx⏎/A⏎!1111⏎"] },
  // A footer ending in a lone CR, the next "/" right after it (edge_unclosed-then-full).
  { name: "lone CR before /", input: "/A⏎!1111␍/B⏎!2222⏎", pieces: ["/A⏎!1111␍", "/B⏎!2222⏎"] },
  // No "/" at the start of any line: one piece.
  { name: "no telegram start", input: "noise only⏎", pieces: ["noise only⏎"] },
  // Empty file: nothing.
  { name: "empty", input: "", pieces: [] },
];

for (const c of SPLITS) {
  Deno.test(`file source splits recorded telegrams: ${c.name}`, () => {
    assert.deepEqual(splitTelegrams(wire(c.input)).map(text), c.pieces.map((p) => text(wire(p))));
  });
}

Deno.test("file source splits the unclosed-then-full sample into its two copies", () => {
  const bytes = fixture("edge_unclosed-then-full_V4_2.txt");
  const pieces = splitTelegrams(bytes);
  assert.equal(pieces.length, 2);
  assert.deepEqual(concat(...pieces), bytes);
  assert.ok(pieces.every((p) => p[0] === 0x2f));
});

function fakeFile(content: Uint8Array) {
  return (path: string) =>
    path === "capture.txt"
      ? Promise.resolve(content)
      : Promise.reject(new Error(`No such file or directory (os error 2): readfile '${path}'`));
}

const TWO = wire("/A⏎!1111⏎/B⏎!2222⏎");

Deno.test("file source replays one telegram per interval, the first at once, then loops", async () => {
  const clock = new FakeClock();
  const source = await fileSource({
    path: "capture.txt",
    loop: true,
    intervalMs: 1000,
    clock,
    readFile: fakeFile(TWO),
  }).open(new AbortController().signal);
  assert.equal(source.label, "file capture.txt");
  assert.equal(source.endIsFinal, false);
  assert.equal(source.modemLines, null);
  const signal = new AbortController().signal;
  const got: [number, string][] = [];
  const reading = (async () => {
    for (let i = 0; i < 4; i++) {
      const bytes = await source.read(signal);
      got.push([clock.now(), bytes === null ? "null" : text(bytes)]);
    }
  })();
  await clock.advance(0);
  assert.deepEqual(got, [[0, text(wire("/A⏎!1111⏎"))]]);
  await clock.advance(999);
  assert.equal(got.length, 1, "nothing before the interval");
  await clock.advance(1);
  await clock.advance(2000);
  await reading;
  assert.deepEqual(got, [
    [0, text(wire("/A⏎!1111⏎"))],
    [1000, text(wire("/B⏎!2222⏎"))],
    [2000, text(wire("/A⏎!1111⏎"))],
    [3000, text(wire("/B⏎!2222⏎"))],
  ]);
});

Deno.test("file source without loop ends after the last telegram, for good", async () => {
  const clock = new FakeClock();
  const source = await fileSource({
    path: "capture.txt",
    loop: false,
    intervalMs: 500,
    clock,
    readFile: fakeFile(TWO),
  }).open(new AbortController().signal);
  assert.equal(source.endIsFinal, true);
  const signal = new AbortController().signal;
  assert.notEqual(await source.read(signal), null);
  const second = source.read(signal);
  await clock.advance(500);
  assert.notEqual(await second, null);
  assert.equal(await source.read(signal), null);
});

Deno.test("file source: a missing or empty file fails to open with the path in the message", async () => {
  const clock = new FakeClock();
  const signal = new AbortController().signal;
  const options = { loop: true, intervalMs: 1000, clock };
  await assert.rejects(
    fileSource({ ...options, path: "gone.txt", readFile: fakeFile(TWO) }).open(signal),
    /^Error: Cannot read telegram file "gone\.txt": No such file/,
  );
  await assert.rejects(
    fileSource({ ...options, path: "capture.txt", readFile: fakeFile(ascii("")) }).open(signal),
    { message: 'Cannot replay telegram file "capture.txt": it is empty' },
  );
});

Deno.test("file source: a read waiting for the interval rejects when its signal aborts", async () => {
  const clock = new FakeClock();
  const source = await fileSource({
    path: "capture.txt",
    loop: true,
    intervalMs: 1000,
    clock,
    readFile: fakeFile(TWO),
  }).open(new AbortController().signal);
  const stop = new AbortController();
  await source.read(stop.signal);
  const waiting = source.read(stop.signal);
  stop.abort(new Error("stopped"));
  await assert.rejects(waiting, { message: "stopped" });
  assert.equal(clock.pendingTimers, 0, "the interval timer is cancelled");
});

Deno.test("file source reads a real file from disk", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/capture.txt`;
    const bytes = fixture("dsmr_parser_V5.txt");
    await Deno.writeFile(path, bytes);
    const source = await fileSource({ path, loop: false, intervalMs: 10, clock: new FakeClock() })
      .open(new AbortController().signal);
    assert.deepEqual(await source.read(new AbortController().signal), bytes);
    await source.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
