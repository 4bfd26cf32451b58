import assert from "node:assert/strict";
import {
  centralEuropeanOffsetMinutes,
  centralEuropeanOffsetOfLocal,
  daysFromCivil,
  daysInMonth,
} from "../../../protocol/dsmr/eu_time.ts";

Deno.test("EU summer time starts and ends on the last Sundays of March and October at 01:00 UTC", () => {
  const cases: [utc: number, summer: boolean][] = [
    [Date.UTC(2024, 2, 31, 0, 59, 59), false], // last second of winter time 2024
    [Date.UTC(2024, 2, 31, 1, 0, 0), true], // 02:00 CET becomes 03:00 CEST
    [Date.UTC(2024, 9, 27, 0, 59, 59), true], // last second of summer time 2024
    [Date.UTC(2024, 9, 27, 1, 0, 0), false], // 03:00 CEST becomes 02:00 CET
    [Date.UTC(2025, 2, 30, 1, 0, 0), true], // 2025: 30 March
    [Date.UTC(2025, 9, 26, 0, 59, 59), true], // 2025: 26 October
    [Date.UTC(2025, 9, 26, 1, 0, 0), false],
    [Date.UTC(2023, 0, 15), false], // winter
    [Date.UTC(2023, 6, 15), true], // summer
  ];
  for (const [utc, summer] of cases) {
    assert.equal(centralEuropeanOffsetMinutes(utc), summer ? 120 : 60, new Date(utc).toISOString());
  }
});

Deno.test("EU rules agree with the time-zone database for Brussels over ten years", () => {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Brussels",
    timeZoneName: "shortOffset",
  });
  for (let t = Date.UTC(2016, 0, 1); t < Date.UTC(2026, 0, 1); t += 3 * 3_600_000 + 61_000) {
    const name = fmt.formatToParts(new Date(t)).find((p) => p.type === "timeZoneName")!.value;
    assert.equal(centralEuropeanOffsetMinutes(t), name === "GMT+2" ? 120 : 60, name);
  }
});

Deno.test("a wall-clock time in the repeated or skipped hour has no single offset", () => {
  const cases: [local: number, offset: 60 | 120 | null][] = [
    [Date.UTC(2024, 9, 27, 2, 30), null], // 02:30 happens twice on 27 October 2024
    [Date.UTC(2024, 2, 31, 2, 30), null], // 02:30 does not exist on 31 March 2024
    [Date.UTC(2024, 9, 27, 3, 30), 60],
    [Date.UTC(2024, 9, 27, 1, 30), 120],
    [Date.UTC(2024, 6, 1), 120],
    [Date.UTC(2024, 0, 1), 60],
  ];
  for (const [local, offset] of cases) {
    assert.equal(centralEuropeanOffsetOfLocal(local), offset, new Date(local).toISOString());
  }
});

Deno.test("calendar helpers agree with Date.UTC", () => {
  for (
    const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2024, 12, 31], [2063, 7, 4], [1969, 12, 31]]
  ) {
    assert.equal(daysFromCivil(y!, m!, d!) * 86_400_000, Date.UTC(y!, m! - 1, d!));
  }
  assert.deepEqual([2023, 2024, 2100, 2000].map((y) => daysInMonth(y, 2)), [28, 29, 28, 29]);
  assert.equal(daysInMonth(2024, 4), 30);
  assert.equal(daysInMonth(2024, 12), 31);
});
