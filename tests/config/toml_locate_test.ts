import assert from "node:assert/strict";
import { parse } from "smol-toml";
import { formatKeyPath, locateLine, scanToml } from "../../config/toml_locate.ts";

interface LocateCase {
  readonly lines: readonly string[];
  /** Dotted bare keys, or segments for quoted keys. */
  readonly path: string | readonly string[];
  readonly line: number;
}

/** Where the scanner puts a key; every text here is valid TOML (checked below). */
const LOCATE_CASES: Record<string, LocateCase> = {
  // A key before any header.
  "root key": { lines: ["# top", "", 'title = "x"'], path: "title", line: 3 },
  // A key under a plain header.
  "key in a table": { lines: ["[a1]", "", "baud = 9600"], path: "a1.baud", line: 3 },
  // Spaces inside the header brackets.
  "header with spaces": { lines: ["[ a1 ]", "baud = 1"], path: "a1.baud", line: 2 },
  // Quoted header keys and spaces around the dots.
  "header with quoted keys": {
    lines: ["x = 1", '[ modbus . "rtu" ]', "address = 2"],
    path: "modbus.rtu.address",
    line: 3,
  },
  // A dotted key under a header.
  "dotted key inside a table": {
    lines: ["[modbus]", "tcp.enabled = true", "rtu.baud = 1"],
    path: "modbus.rtu.baud",
    line: 3,
  },
  // The table a dotted key creates is at the line of its first dotted key.
  "table created by a dotted key": {
    lines: ["[modbus]", "", "rtu.baud = 1", "rtu.address = 2"],
    path: "modbus.rtu",
    line: 3,
  },
  // An inline table: its keys are on its line.
  "inline table": {
    lines: ["[modbus]", "tcp = { enabled = true }", "rtu = { baud = 9600, address = 2 }"],
    path: "modbus.rtu.address",
    line: 3,
  },
  // A multi-line inline table (TOML 1.1): the key's own line.
  "multi-line inline table": {
    lines: ["rtu = {", "  baud = 9600,", "  address = 2,", "}"],
    path: "rtu.address",
    line: 3,
  },
  // Nested inline tables.
  "nested inline table": {
    lines: ['modbus = { tcp = { listen = "a:1" }, rtu = { address = 2 } }'],
    path: "modbus.rtu.address",
    line: 1,
  },
  // Comments that look like keys and headers are not keys.
  "comments are not keys": {
    lines: ["[a1]", "# baud = 1", "#[log]", "baud = 2 # baud = 3"],
    path: "a1.baud",
    line: 4,
  },
  // A string holding #, = and [ does not end the line early or start a header.
  "string holding # = [": {
    lines: ["[a1]", 'device = "/dev/#1[x]=y" # real comment', "baud = 9600"],
    path: "a1.baud",
    line: 3,
  },
  // An escaped quote does not end a basic string.
  "escaped quote in a string": {
    lines: ["[a1]", 'device = "a\\" # baud = 1"', "baud = 2"],
    path: "a1.baud",
    line: 3,
  },
  // A multi-line basic string: its inner lines are not keys or headers.
  "multi-line basic string": {
    lines: ["[a1]", 'device = """', "baud = 5", "[log]", '"""', "baud = 6"],
    path: "a1.baud",
    line: 6,
  },
  // A multi-line basic string ending in quotes ("""" closes with one quote inside).
  "multi-line basic string ending in quotes": {
    lines: ["[a1]", 'device = """x', 'baud = 5""""', "baud = 6"],
    path: "a1.baud",
    line: 4,
  },
  // An escaped delimiter inside a multi-line basic string.
  "multi-line basic string with an escaped quote run": {
    lines: ["[a1]", 'device = """a \\""" b', "[log]", '"""', "baud = 6"],
    path: "a1.baud",
    line: 5,
  },
  // A multi-line literal string (no escapes).
  "multi-line literal string": {
    lines: ["[a1]", "device = '''", "baud = 5 \\", "'''", "baud = 6"],
    path: "a1.baud",
    line: 5,
  },
  // A multi-line array with comments and strings that look like keys.
  "multi-line array": {
    lines: [
      "[a1]",
      "list = [",
      '  "baud = 1", # [log]',
      "  [2, 3],",
      "  { baud = 4 },",
      "]",
      "baud = 5",
    ],
    path: "a1.baud",
    line: 7,
  },
  // A key after a header with a trailing comment.
  "header with a comment": { lines: ["[a1] # the meter", "baud = 1"], path: "a1.baud", line: 2 },
  // A local date-time with a space between date and time is one value.
  "date-time with a space": {
    lines: ["[a1]", "when = 1979-05-27 07:32:00", "baud = 1"],
    path: "a1.baud",
    line: 3,
  },
  // CRLF line endings.
  "CRLF line endings": { lines: ["[a1]\r", "\r", "baud = 1\r"], path: "a1.baud", line: 3 },
  // An absent key: the line of its table header.
  "absent key: its table header": {
    lines: ["[a1]", "baud = 1", "", "[modbus.rtu]", "baud = 9600"],
    path: "modbus.rtu.address",
    line: 4,
  },
  // An absent key whose table is only implied by a deeper header: that header.
  "absent key: implied table": {
    lines: ["[a1]", "[modbus.rtu]", "baud = 9600"],
    path: "modbus.enabled",
    line: 2,
  },
  // An explicit header wins over an earlier implied one.
  "absent key: explicit header after an implied one": {
    lines: ["[modbus.rtu]", "baud = 9600", "[modbus]", "x = 1"],
    path: "modbus.enabled",
    line: 3,
  },
  // No key and no table: line 1.
  "absent key and table": { lines: ["[a1]", "baud = 1"], path: "log.level", line: 1 },
  // An array of tables: the first header.
  "array of tables": {
    lines: ["[[meter]]", "id = 1", "[[meter]]", "id = 2"],
    path: "meter",
    line: 1,
  },
  // A quoted key holding a dot is one segment.
  "quoted key with a dot": {
    lines: ["a.b = 1", '"a.b" = 2'],
    path: ["a.b"],
    line: 2,
  },
  // Literal-string keys and bare keys with dashes.
  "literal and dashed keys": {
    lines: ["[ 'my table' ]", "bare-key_1 = 1"],
    path: ["my table", "bare-key_1"],
    line: 2,
  },
};

for (const [name, { lines, path, line }] of Object.entries(LOCATE_CASES)) {
  Deno.test(`toml scanner locates: ${name}`, () => {
    const text = lines.join("\n") + "\n";
    parse(text); // the case itself must be valid TOML
    assert.equal(locateLine(scanToml(text), path), line);
  });
}

Deno.test("toml scanner records value spans that cover exactly the value", () => {
  const text = "[a1]\n  baud   =   9600   # fast\nname = \"\"\"\nx\n\"\"\"\nq = '''a''''' # 2\n";
  const scan = scanToml(text);
  const baud = scan.byPath.get("a1.baud");
  const name = scan.byPath.get("a1.name");
  assert.ok(baud !== undefined && name !== undefined);
  assert.equal(text.slice(baud.valueStart, baud.valueEnd), "9600");
  assert.equal(text.slice(baud.keyStart, baud.valueStart), "baud   =   ");
  assert.equal(text.slice(name.valueStart, name.valueEnd), '"""\nx\n"""');
  assert.equal(name.line, 3);
  // A closing delimiter preceded by quotes: those quotes belong to the string.
  const q = scan.byPath.get("a1.q");
  assert.ok(q !== undefined);
  assert.equal(text.slice(q.valueStart, q.valueEnd), "'''a'''''");
});

Deno.test("toml scanner never loops or throws on broken text", () => {
  const broken = ["[", "[a", 'a = "', "a = '''", "a = [1,", "a = {", "= 1", '"', "a.", "[[a]"];
  for (const text of broken) {
    const scan = scanToml(text);
    assert.ok(scan.entries.length <= text.length + 1, text);
  }
});

Deno.test("key paths are formatted bare where possible, quoted otherwise", () => {
  assert.equal(formatKeyPath(["modbus", "rtu", "address"]), "modbus.rtu.address");
  assert.equal(formatKeyPath(["a1", "a.b", "my key", ""]), 'a1."a.b"."my key".""');
});

Deno.test("key paths quote control characters the TOML way", () => {
  assert.equal(formatKeyPath(["a\u007fb", "tab\there"]), '"a\\u007fb"."tab\\there"');
});
