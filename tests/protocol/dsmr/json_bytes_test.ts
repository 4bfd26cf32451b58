import assert from "node:assert/strict";
import fc from "fast-check";
import { JsonBytes } from "../../../protocol/dsmr/json_bytes.ts";

const text = (out: JsonBytes) => new TextDecoder().decode(out.view());

Deno.test("JsonBytes writes any string as JSON.stringify does (escapes, non-ASCII, lone surrogates)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), fc.string(), (a, b) => {
      const out = new JsonBytes(64); // small: most cases grow the buffer
      out.string(a);
      out.byte(0x2c);
      out.string(b);
      assert.equal(text(out), `${JSON.stringify(a)},${JSON.stringify(b)}`);
    }),
    { numRuns: 5_000 },
  );
  const out = new JsonBytes();
  for (const s of ['"', "\\", "\u0000", "\u001f", "\u007f", "é", "\ud800", "😀", "FLU5\\253"]) {
    out.clear();
    out.string(s);
    assert.equal(text(out), JSON.stringify(s));
  }
  out.clear();
  out.string(null);
  assert.equal(text(out), "null");
  const escapes = '\\"'.repeat(100); // every character escaped: twice its length
  const small = new JsonBytes(64);
  small.string(escapes);
  assert.equal(text(small), JSON.stringify(escapes));
});

Deno.test("JsonBytes writes any number as JSON.stringify does (non-finite as null)", () => {
  const check = (n: number) => {
    const out = new JsonBytes();
    out.number(n);
    assert.equal(text(out), JSON.stringify(n), `${n}`);
  };
  fc.assert(fc.property(fc.double(), check), { numRuns: 10_000 });
  fc.assert(fc.property(fc.integer(), check), { numRuns: 10_000 });
  for (const n of [0, -0, 9, 10, 2 ** 31 - 1, 2 ** 31, -1, 0.1, 1e21, 1.5e-7, NaN, -Infinity]) {
    check(n);
  }
});

Deno.test("JsonBytes pads digits to the width asked and writes wider numbers whole", () => {
  const out = new JsonBytes();
  for (const [n, width] of [[7, 2], [0, 4], [2024, 4], [123456, 2], [0, 1]] as const) {
    out.digits(n, width);
    out.byte(0x20);
  }
  assert.equal(text(out), "07 0000 2024 123456 0 ");
});

Deno.test("JsonBytes writes RFC 3339 date-times and refuses what four year digits cannot hold", () => {
  const out = new JsonBytes();
  const at = { year: 2024, month: 7, day: 8, hour: 20, minute: 7, second: 56 };
  out.dateTime(at, 120);
  out.dateTime({ ...at, year: 5, month: 12, day: 31, hour: 0, minute: 0, second: 0 }, -90);
  assert.equal(text(out), '"2024-07-08T20:07:56+02:00""0005-12-31T00:00:00-01:30"');
  assert.throws(() => out.dateTime({ ...at, year: 10_000 }, 0), RangeError);
  assert.throws(() => out.dateTime(at, 0.5), RangeError);
  assert.throws(() => out.dateTime({ ...at, year: NaN }, 0), RangeError);
});

Deno.test("JsonBytes grows past its capacity, keeps what it holds, and clear starts over", () => {
  const out = new JsonBytes(64);
  const long = "x".repeat(10_000);
  out.ascii("[");
  out.string(long);
  out.ascii("]");
  assert.equal(out.length, 10_004);
  assert.equal(text(out), `["${long}"]`);
  out.clear();
  assert.equal(out.length, 0);
  out.ascii("{}");
  assert.equal(text(out), "{}");
});
