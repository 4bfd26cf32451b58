import assert from "node:assert/strict";
import fc from "fast-check";
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

Deno.test("formatInstant agrees with Date on any instant of years 1970…9999, leap days and offsets included", () => {
  const viaDate = (epochMs: number, offsetMinutes: number): string => {
    const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const abs = Math.abs(offsetMinutes);
    const hh = String(Math.floor(abs / 60)).padStart(2, "0");
    return `${local}${offsetMinutes < 0 ? "-" : "+"}${hh}:${String(abs % 60).padStart(2, "0")}`;
  };
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 253_402_300_799 }), // seconds up to 9999-12-31T23:59:59Z
      fc.integer({ min: -720, max: 840 }),
      fc.integer({ min: 0, max: 999 }),
      (seconds, offsetMinutes, ms) => {
        const epochMs = seconds * 1000 + ms;
        if (epochMs + offsetMinutes * 60_000 < 0) return;
        if (epochMs + offsetMinutes * 60_000 > 253_402_300_799_999) return;
        assert.equal(formatInstant({ epochMs, offsetMinutes }), viaDate(epochMs, offsetMinutes));
      },
    ),
    { numRuns: 20_000 },
  );
  // Leap days, century rules, month ends.
  for (const day of ["2000-02-29", "2024-02-29", "2100-02-28", "2100-03-01", "1999-12-31"]) {
    const epochMs = Date.parse(`${day}T23:59:59Z`);
    assert.equal(formatInstant({ epochMs, offsetMinutes: 0 }), `${day}T23:59:59+00:00`);
  }
});

/** The Date-based formatting formatInstant replaced, kept as the reference over Date's whole range. */
function viaDateFields(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const pad2 = (n: number) => n < 10 ? `0${n}` : `${n}`;
  const abs = Math.abs(offsetMinutes);
  return `${`${local.getUTCFullYear()}`.padStart(4, "0")}-${pad2(local.getUTCMonth() + 1)}-${
    pad2(local.getUTCDate())
  }T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}${
    offsetMinutes < 0 ? "-" : "+"
  }${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

Deno.test("formatInstant agrees with Date's fields before 1970, on fractional and out-of-range milliseconds", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -8.7e15, max: 8.7e15, noNaN: true }),
      fc.integer({ min: -720, max: 840 }),
      (epochMs, offsetMinutes) => {
        assert.equal(
          formatInstant({ epochMs, offsetMinutes }),
          viaDateFields(epochMs, offsetMinutes),
        );
      },
    ),
    { numRuns: 20_000 },
  );
  for (const epochMs of [-1, -0.5, 0.5, -86_400_000, -62_167_219_200_000, 8.64e15, -8.64e15]) {
    assert.equal(formatInstant({ epochMs, offsetMinutes: 0 }), viaDateFields(epochMs, 0));
  }
  assert.equal(formatInstant({ epochMs: NaN, offsetMinutes: 60 }), viaDateFields(NaN, 60));
  // Just past Date's range once the offset is added: every field NaN, as Date has them.
  assert.equal(formatInstant({ epochMs: 8.64e15, offsetMinutes: 1 }), viaDateFields(8.64e15, 1));
  assert.equal(
    formatInstant({ epochMs: -8.64e15, offsetMinutes: -1 }),
    viaDateFields(-8.64e15, -1),
  );
});
