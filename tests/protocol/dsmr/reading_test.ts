import assert from "node:assert/strict";
import { formatInstant } from "../../../protocol/dsmr/reading.ts";

Deno.test("formatInstant prints the local time with the meter's offset", () => {
  const cases: [epochMs: number, offset: number, text: string][] = [
    [Date.UTC(2023, 9, 26, 10, 53, 57), 120, "2023-10-26T12:53:57+02:00"],
    [Date.UTC(2023, 11, 31, 23, 30, 0), 60, "2024-01-01T00:30:00+01:00"], // next local day and year
    [Date.UTC(2024, 0, 1, 0, 0, 0), 0, "2024-01-01T00:00:00+00:00"],
    [Date.UTC(2024, 0, 1, 0, 0, 0), -90, "2023-12-31T22:30:00-01:30"],
  ];
  for (const [epochMs, offsetMinutes, text] of cases) {
    const printed = formatInstant({ epochMs, offsetMinutes });
    assert.equal(printed, text);
    assert.equal(Date.parse(printed), epochMs);
  }
});
