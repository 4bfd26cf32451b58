import assert from "node:assert/strict";
import { checkBearer } from "../../../drivers/control/mod.ts";

const TOKEN = "0123456789abcdef-XYZ";

/** Authorization headers and what they amount to with TOKEN configured. */
const CASES: readonly [header: string | null, expected: string][] = [
  // The token, as the page sends it.
  [`Bearer ${TOKEN}`, "ok"],
  // The scheme is case-insensitive; spaces around are tolerated.
  [`bearer   ${TOKEN} `, "ok"],
  // No header.
  [null, "missing"],
  // A scheme without a token.
  ["Bearer", "missing"],
  ["Bearer ", "missing"],
  // Another scheme.
  [`Basic ${TOKEN}`, "missing"],
  // A token with a space in it is not one token.
  [`Bearer ${TOKEN} extra`, "missing"],
  // One character more, one less, a prefix, another case.
  [`Bearer ${TOKEN}0`, "wrong"],
  [`Bearer ${TOKEN.slice(0, -1)}`, "wrong"],
  [`Bearer ${TOKEN.toLowerCase()}`, "wrong"],
];

Deno.test("bearer check accepts exactly the configured token", async () => {
  for (const [header, expected] of CASES) {
    assert.equal(await checkBearer(header, TOKEN), expected, String(header));
  }
});

Deno.test("bearer check with no token configured refuses every write as read-only", async () => {
  for (const [header] of CASES) {
    assert.equal(await checkBearer(header, ""), "no-token-configured");
  }
});
