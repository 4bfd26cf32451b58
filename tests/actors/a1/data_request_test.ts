import assert from "node:assert/strict";
import {
  applyDataRequest,
  dataRequestLines,
  type DataRequestOutcome,
  describeDataRequest,
} from "../../../actors/a1/data_request.ts";
import type { DataRequestLine } from "../../../config/mod.ts";
import type { LineResult, ModemLineState } from "../../../drivers/serial/serial_port.ts";

/** A modem-line driver that records calls and answers `result`. */
function fakeLines(result: LineResult) {
  const calls: ModemLineState[] = [];
  return { calls, setLines: (lines: ModemLineState) => (calls.push(lines), result) };
}

const OK: LineResult = { ok: true };
const ENOTTY: LineResult = {
  ok: false,
  code: "ENOTTY",
  errno: 25,
  reason: "unsupported on this device (ENOTTY)",
};

/** Cases: setting, the call expected on the driver, the outcome text. */
const CASES: readonly {
  line: DataRequestLine;
  invert: boolean;
  call: ModemLineState | null;
  text: string;
}[] = [
  // The usual P1 cable: RTS powers Data Request.
  { line: "rts", invert: false, call: { rts: true }, text: "RTS asserted" },
  // A cable with an inverting transistor: clear RTS to request data.
  { line: "rts", invert: true, call: { rts: false }, text: "RTS cleared (inverted cable)" },
  // DTR-powered cables.
  { line: "dtr", invert: false, call: { dtr: true }, text: "DTR asserted" },
  { line: "dtr", invert: true, call: { dtr: false }, text: "DTR cleared (inverted cable)" },
  // Tied to +5 V: no call at all.
  {
    line: "none",
    invert: false,
    call: null,
    text: "not driven (data_request = none: Data Request tied to +5 V)",
  },
];

for (const c of CASES) {
  Deno.test(`data request ${c.line}${c.invert ? " inverted" : ""}: one call, reported`, () => {
    const lines = fakeLines(OK);
    const outcome = applyDataRequest(lines, c.line, c.invert);
    assert.deepEqual(lines.calls, c.call === null ? [] : [c.call]);
    assert.deepEqual(dataRequestLines(c.line, c.invert), c.call);
    assert.equal(describeDataRequest(outcome), c.text);
  });
}

Deno.test("data request on a pty: ENOTTY comes back as a failed outcome, not a throw", () => {
  const outcome = applyDataRequest(fakeLines(ENOTTY), "rts", false);
  const expected: DataRequestOutcome = {
    kind: "failed",
    line: "rts",
    asserted: true,
    code: "ENOTTY",
    reason: "unsupported on this device (ENOTTY)",
  };
  assert.deepEqual(outcome, expected);
  assert.equal(
    describeDataRequest(outcome),
    "cannot assert RTS: unsupported on this device (ENOTTY)",
  );
});

Deno.test("data request on a source without modem lines: nothing to set", () => {
  assert.deepEqual(applyDataRequest(null, "rts", false), { kind: "no-lines" });
  assert.deepEqual(applyDataRequest(null, "none", false), { kind: "off" });
});
