import assert from "node:assert/strict";
import { tokenizeBody } from "../../../protocol/dsmr/_tokenizer.ts";
import { bytesToText, wire } from "./_fixtures.ts";

function tokenize(text: string) {
  const t = bytesToText(wire(text));
  return tokenizeBody(t, 0, t.length, 3);
}

Deno.test("tokenizer reads code(group)(group) lines and skips empty lines", () => {
  assert.deepEqual(tokenize("1-0:1.6.0(200509134558S)(02.589*kW)⏎⏎0-0:96.13.0()⏎"), {
    ok: true,
    objects: [
      { code: "1-0:1.6.0", groups: ["200509134558S", "02.589*kW"], line: 3 },
      { code: "0-0:96.13.0", groups: [""], line: 5 },
    ],
  });
});

Deno.test("tokenizer joins continuation lines and groups broken across lines", () => {
  const result = tokenize(
    "0-1:24.3.0(120517020000)(08)(60)(1)(0-1:24.2.1)(m3)⏎(00124.477)⏎0-0:96.13.0(3031⏎3233⏎34)⏎1-0:1.7.0(1)␊",
  );
  assert.deepEqual(result, {
    ok: true,
    objects: [
      {
        code: "0-1:24.3.0",
        groups: ["120517020000", "08", "60", "1", "0-1:24.2.1", "m3", "00124.477"],
        line: 3,
      },
      { code: "0-0:96.13.0", groups: ["3031323334"], line: 5 },
      { code: "1-0:1.7.0", groups: ["1"], line: 8 },
    ],
  });
});

Deno.test("tokenizer reports the first unreadable line", () => {
  const cases: [text: string, line: number, bad: string][] = [
    ["(1)⏎", 3, "(1)"], // a continuation with nothing before it
    ["1-0:1.7.0(1)⏎junk⏎", 4, "junk"], // no group
    ["1-0:1.7.0(1) ⏎", 3, "1-0:1.7.0(1) "], // trailing space
    ["1-0:1.7.0(1⏎", 3, "1-0:1.7.0(1"], // group never closed
    ["1-0:1.7.0(1⏎2(3)⏎", 4, "2(3)"], // "(" inside a continued group
  ];
  for (const [text, line, bad] of cases) {
    assert.deepEqual(tokenize(text), { ok: false, line, text: bad }, text);
  }
});

Deno.test("tokenizer validates codes A-B:C.D.E and strips *255 only", () => {
  const cases: [code: string, result: string | undefined][] = [
    ["1-0:32.7.0", "1-0:32.7.0"],
    ["1-0:1.8.0*255", "1-0:1.8.0"],
    ["0-0:96.1.255*255", "0-0:96.1.255"],
    ["1-0:1.8.0*1", "1-0:1.8.0*1"],
    ["1-0:1.8", undefined],
    ["1-0:1.8.0.1", undefined],
    ["1-0:1234.8.0", undefined],
    ["a-0:1.8.0", undefined],
    ["1-0:1.8.0*", undefined],
    ["", undefined],
  ];
  for (const [code, result] of cases) {
    const tokens = tokenize(`${code}(1)⏎`);
    assert.deepEqual(
      tokens,
      result === undefined
        ? { ok: false, line: 3, text: `${code}(1)` }
        : { ok: true, objects: [{ code: result, groups: ["1"], line: 3 }] },
      code,
    );
  }
});
