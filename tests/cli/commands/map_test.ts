/**
 * `a1mb map`: the build's register map in Markdown (default), CSV and JSON.
 *
 * @module
 */
import assert from "node:assert/strict";
import { hexAddress, registerNumber } from "../../../cli/commands/map.ts";
import { type BuildInfo, runCli } from "../../../cli/mod.ts";
import { BufferPrinter } from "../_buffer_printer.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";
import { sdm72dm } from "../../../variants/sdm72dm/mod.ts";
import { sdm120 } from "../../../variants/sdm120/mod.ts";
import { abb_b23 } from "../../../variants/abb_b23/mod.ts";
import { dtsu666 } from "../../../variants/dtsu666/mod.ts";
import { dtsu666h } from "../../../variants/dtsu666h/mod.ts";
import { em24 } from "../../../variants/em24/mod.ts";
import { et340 } from "../../../variants/et340/mod.ts";
import { sunspec } from "../../../variants/sunspec/mod.ts";

const SDM630: BuildInfo = { variant: sdm630, target: "x86_64-unknown-linux-gnu" };
const SDM72DM: BuildInfo = { variant: sdm72dm, target: "aarch64-unknown-linux-gnu" };

async function map(build: BuildInfo, ...args: string[]): Promise<BufferPrinter> {
  const p = new BufferPrinter();
  assert.equal(await runCli(["map", ...args], build, p), 0, p.stderr.join("\n"));
  return p;
}

interface JsonEntry {
  name: string;
  space: string;
  address: number;
  type: string;
  unit: string;
  writable: boolean;
  source: string;
  obis: string[];
  rule: string;
}

Deno.test("map numbers registers as the Eastron documentation does", () => {
  // Cases: space, address → register number (doc: 30001 + address, 40001 + address, 4xxxxx above)
  assert.equal(registerNumber("input", 0x0000), "30001");
  assert.equal(registerNumber("input", 0x0034), "30053");
  assert.equal(registerNumber("input", 0x0156), "30343");
  assert.equal(registerNumber("holding", 0x001c), "40029");
  assert.equal(registerNumber("holding", 0xfc00), "464513");
  assert.equal(registerNumber("holding", 0xf010), "461457");
  assert.equal(hexAddress(0xc8), "0x00C8");
});

Deno.test("map prints Markdown by default: a row per register with source and rule", async () => {
  const text = (await map(SDM630)).stdout.join("\n");
  assert.ok(text.startsWith("# Register map: Eastron SDM630-Modbus V2 (variant sdm630)"));
  assert.ok(text.includes(
    "| 0x0034 | 30053 | Total system power | W | float32 | reading 1-0:1.7.0 1-0:2.7.0 | (1-0:1.7.0 − 1-0:2.7.0) × 1000 (W, export negative); derived: ",
  ));
  assert.ok(text.includes("| 0xFC02 | 464515 | Meter code |  | uint16 | fixed 112 (0x0070) |"));
  assert.ok(
    text.includes(
      "| 0x001C | 40029 | Network baud rate (writable) |  | float32 | setting modbus.rtu.baud |",
    ),
  );
  assert.ok(
    text.includes("| 0xF100 | 461697 | Reboot (writable) |  | uint16 | reboot | write 1 (FC06"),
  );
  assert.ok(text.includes("## Departures from the real meter"));
  assert.ok(text.includes("- FC06 (write single register) is accepted"));
});

Deno.test("map --format json: an array of entries with name, space, address, type, unit, writable, source", async () => {
  const entries = JSON.parse(
    (await map(SDM630, "--format", "json")).stdout.join("\n"),
  ) as JsonEntry[];
  assert.ok(Array.isArray(entries));
  for (const e of entries) {
    assert.equal(typeof e.name, "string");
    assert.ok(e.space === "input" || e.space === "holding");
    assert.ok(Number.isInteger(e.address));
    for (const k of ["type", "unit", "source"] as const) assert.equal(typeof e[k], "string");
    assert.equal(typeof e.writable, "boolean");
  }
  const power = entries.find((e) => e.space === "input" && e.address === 52);
  assert.deepEqual(
    [power?.name, power?.type, power?.unit, power?.source, power?.obis],
    ["Total system power", "float32", "W", "reading", ["1-0:1.7.0", "1-0:2.7.0"]],
  );
  const writable = entries.filter((e) => e.writable).map((e) => e.address);
  assert.deepEqual(writable, [0x0012, 0x0014, 0x001c, 0xf100]);
  const apparent = entries.find((e) => e.space === "input" && e.address === 0x12);
  assert.equal(apparent?.source, "derived");
  assert.equal(apparent?.rule, "S = V × I, at least |P| (VA)");
});

Deno.test("map --format csv: a header and one quoted-where-needed row per register", async () => {
  const lines = (await map(SDM630, "--format", "csv")).stdout.join("\n").split("\n");
  assert.equal(
    lines[0],
    "space,address,hex,register,name,unit,type,word_order,writable,measured,source,obis,rule,derived_rule,setting,value,words,scale,protocol_write,when",
  );
  const json = JSON.parse((await map(SDM630, "--format", "json")).stdout.join("\n")) as unknown[];
  assert.equal(lines.length, json.length + 1);
  assert.ok(lines.includes(
    'input,6,0x0006,30007,Phase 1 current,A,float32,high-first,false,true,reading,1-0:31.7.0,"1-0:31.7.0 as sent (A, a magnitude: the telegram gives no direction)",when 1-0:31.7.0 is 0 or missing while the phase power P ≠ 0 and V = 1-0:32.7.0 > 0: |P| / V,,,2,1,false,',
  ));
});

Deno.test("map shows the build's own variant: the sdm72dm map has its registers, not the SDM630's", async () => {
  const entries = JSON.parse(
    (await map(SDM72DM, "--format", "json")).stdout.join("\n"),
  ) as JsonEntry[];
  const input = new Set(entries.filter((e) => e.space === "input").map((e) => e.address));
  for (const a of [0x0180, 0x0184, 0x0186, 0x018c, 0x0500, 0x0502]) assert.ok(input.has(a));
  for (const a of [0x0024, 0x00ea, 0x015a]) assert.ok(!input.has(a));
  const code = entries.find((e) => e.space === "holding" && e.address === 0xfc02);
  assert.equal(code?.rule, "0x0089 = SDM72D-M V2");
});

Deno.test("map refuses an unknown format or an argument with exit code 2", async () => {
  const p = new BufferPrinter();
  assert.equal(await runCli(["map", "--format", "xml"], SDM630, p), 2);
  assert.equal(p.stderr[0], 'a1mb: map: option "--format" must be md, csv or json: got "xml"');
  const q = new BufferPrinter();
  assert.equal(await runCli(["map", "extra"], SDM630, q), 2);
  assert.equal(q.stderr[0], 'a1mb: map: unexpected argument "extra"');
});

Deno.test("map of the sdm120 build: its function codes, factory defaults and meter code", async () => {
  const build: BuildInfo = { variant: sdm120, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(text.startsWith("# Register map: Eastron SDM120-Modbus (variant sdm120)"));
  assert.ok(text.includes("Function codes: FC03 reads the holding registers, FC04 the input"));
  assert.ok(text.includes("## Input registers (read by FC04)"));
  assert.ok(text.includes("- `modbus.rtu.address = 1`"));
  assert.ok(text.includes("| 0xFC02 | 464515 | Meter code |  | uint16 | fixed 32 (0x0020) |"));
  assert.ok(text.includes("single-phase equivalent of the whole connection"));
});

Deno.test("map of the dtsu666 build: FC03 only, scaled floats, no settings", async () => {
  const build: BuildInfo = { variant: dtsu666, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(
    text.includes("Function codes: FC03 reads the holding registers, FC04 the exception 01."),
  );
  assert.ok(text.includes("## Holding registers (read by FC03)"));
  assert.ok(!text.includes("## Input registers"));
  assert.ok(text.includes("| 0x2012 | 48211 | Pt (total active power) | W | float32 ×10 |"));
  assert.ok(text.includes("| 0x000B | 40012 | Meter type |  | int16 | fixed 167 (0x00A7) |"));
  assert.ok(!text.includes("## Settings"));
  const entries = JSON.parse((await map(build, "--format", "json")).stdout.join("\n")) as {
    writable: boolean;
  }[];
  assert.ok(entries.every((e) => !e.writable), "no writable register, no reboot register");
});

Deno.test("map of the dtsu666h build says the Huawei block is weakly sourced", async () => {
  const build: BuildInfo = { variant: dtsu666h, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(text.includes("- `modbus.rtu.address = 11`"));
  assert.ok(text.includes("| 0x07D1 | 42002 | Meter probe |  | uint16 | fixed 15121 (0x3B11) |"));
  assert.ok(text.includes("| 0x084E | 42127 | Total active power | W | float32 |"));
  assert.ok(
    text.includes("The layout and units of the 80-register block at 0x0836 are weakly sourced"),
  );
});

Deno.test("map of the abb_b23 build: 64-bit energies, scaled integers and text", async () => {
  const build: BuildInfo = { variant: abb_b23, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(text.includes("| 0x5000 | 420481 | Active import energy total | kWh | uint64 ×100 |"));
  assert.ok(text.includes("| 0x5B14 | 423317 | Active power total | W | int32 ×100 |"));
  assert.ok(
    text.includes('| 0x8960 | 435169 | Meter type |  | text (2 registers) | fixed "B23 " |'),
  );
});

Deno.test("map of the em24 build: FC03 and FC04 alike, low word first, the writes Victron makes", async () => {
  const build: BuildInfo = { variant: em24, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(text.startsWith("# Register map: Carlo Gavazzi EM24-DIN (variant em24)"));
  assert.ok(
    text.includes("Function codes: FC03 reads the holding registers, FC04 the holding registers."),
  );
  assert.ok(text.includes("## Holding registers (read by FC03 and FC04)"));
  assert.ok(
    text.includes("| 0x0028 | 40041 | W Σ (total active power) | W | int32 ×10, low word first |"),
  );
  assert.ok(text.includes("| 0x000B | 40012 | Carlo Gavazzi identification code |  | uint16 |"));
  assert.ok(
    text.includes(
      "| 0x1300 | 44865 | Serial number (13 ASCII characters) |  | text (7 registers) |",
    ),
  );
  assert.ok(text.includes("## Writes the master makes"));
  assert.ok(text.includes("- 0x1101 Application: fixed 7 (0x0007)"));
  assert.ok(text.includes("- 0x1102 Measuring system: fixed 0 (0x0000)"));
  assert.ok(text.includes("- `modbus.rtu.address = 1`"));
  assert.ok(!text.includes("## Settings"));
});

Deno.test("map of the et340 build: identification 345, per-phase export, Victron's setup writes", async () => {
  const build: BuildInfo = { variant: et340, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(text.startsWith("# Register map: Carlo Gavazzi ET340 (variant et340)"));
  assert.ok(text.includes("## Holding registers (read by FC03 and FC04)"));
  assert.ok(
    text.includes(
      "| 0x000B | 40012 | Carlo Gavazzi identification code |  | uint16 | fixed 345 (0x0159) |",
    ),
  );
  assert.ok(
    text.includes(
      "| 0x0060 | 40097 | kWh(-) L1 (export energy) | kWh | int32 ×10, low word first | none |",
    ),
  );
  assert.ok(text.includes("| 0x000C | 40013 | A L1 (current) | A | int32 ×1000, low word first |"));
  assert.ok(text.includes("- 0x1002 Measuring system: fixed 0 (0x0000)"));
  assert.ok(text.includes("- 0x1103 Measurement mode: fixed 1 (0x0001)"));
  assert.ok(text.includes("- `modbus.rtu.address = 1`"));
});

Deno.test("map of the sunspec build: FC03 only, the chain from 40000, both meter models marked by their option", async () => {
  const build: BuildInfo = { variant: sunspec, target: "x86_64-unknown-linux-gnu" };
  const text = (await map(build)).stdout.join("\n");
  assert.ok(
    text.startsWith(
      "# Register map: SunSpec meter: common model 1 and meter model 203 or 213 (variant sunspec)",
    ),
  );
  assert.ok(
    text.includes("Function codes: FC03 reads the holding registers, FC04 the exception 01."),
  );
  assert.ok(
    text.includes(
      '| 0x9C40 | 440001 | SunSpec ID (SunS marker) |  | text (2 registers) | fixed "SunS" |',
    ),
  );
  assert.ok(
    text.includes(
      "| 0x9C85 | 440070 | ID (meter model) |  | uint16 | fixed 203 (0x00CB) | only with registers.sunspec_model = 203:",
    ),
  );
  assert.ok(
    text.includes(
      "| 0x9C85 | 440070 | ID (meter model) |  | uint16 | fixed 213 (0x00D5) | only with registers.sunspec_model = 213:",
    ),
  );
  assert.ok(text.includes("| 0x9C97 | 440088 | W (total active power) | W | int16 ×0.1 |"));
  assert.ok(text.includes("- `modbus.rtu.address = 1`"));
});

/** Builds and which function codes read their input and holding registers. */
const READ_BY: readonly [BuildInfo["variant"], string[], string[]][] = [
  [sdm630, ["FC04"], ["FC03"]], // Eastron: FC04 the measurements, FC03 settings and identity
  [dtsu666, [], ["FC03"]], // Chint: FC03 only (the map has no input registers)
  [em24, ["FC03", "FC04"], ["FC03", "FC04"]], // Carlo Gavazzi: both read the same data
];

for (const [variant, input, holding] of READ_BY) {
  Deno.test(`map --format json of ${variant.id} names the function codes that read each register`, async () => {
    const build: BuildInfo = { variant, target: "x86_64-unknown-linux-gnu" };
    const entries = JSON.parse((await map(build, "--format", "json")).stdout.join("\n")) as {
      space: string;
      readBy: string[];
    }[];
    for (const e of entries) assert.deepEqual(e.readBy, e.space === "input" ? input : holding);
  });
}
