import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "smol-toml";
import { CONFIG_SCHEMA, setTomlValue, type TomlScalar } from "../../config/mod.ts";

const isTable = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const CONFIG_TOML = await Deno.readTextFile(new URL("../../config.toml", import.meta.url));

interface EditCase {
  readonly before: string;
  readonly path: string | readonly string[];
  readonly value: TomlScalar;
  readonly after: string;
}

/** Exact edits: only the value changes, or one line is added where a person would add it. */
const EDIT_CASES: Record<string, EditCase> = {
  // Indentation, spacing around "=" and the trailing comment are kept.
  "replaces a value in place": {
    before: "[modbus.rtu]\n  address   =  2   # slave id\nbaud = 9600\n",
    path: "modbus.rtu.address",
    value: 7,
    after: "[modbus.rtu]\n  address   =  7   # slave id\nbaud = 9600\n",
  },
  // Strings are written as basic strings with escapes.
  "writes a string with escapes": {
    before: '[a1]\ndevice = "/dev/ttyUSB0" # port\n',
    path: "a1.device",
    value: 'C:\\x "q"\ttab\u0001',
    after: '[a1]\ndevice = "C:\\\\x \\"q\\"\\ttab\\u0001" # port\n',
  },
  // A literal string is replaced by a basic string; a "#" inside it is no comment.
  "replaces a literal string holding #": {
    before: "[trace]\nfile = '/tmp/#1.jsonl' # here\n",
    path: "trace.file",
    value: "/var/log/t.jsonl",
    after: '[trace]\nfile = "/var/log/t.jsonl" # here\n',
  },
  // A multi-line string becomes one line; the lines after it are untouched.
  "replaces a multi-line string": {
    before: '[a1]\ndevice = """\n/dev/x\n""" # multi\nbaud = 9600\n',
    path: "a1.device",
    value: "/dev/y",
    after: '[a1]\ndevice = "/dev/y" # multi\nbaud = 9600\n',
  },
  // Booleans and floats.
  "writes a boolean": {
    before: "[modbus.tcp]\nenabled = false\n",
    path: "modbus.tcp.enabled",
    value: true,
    after: "[modbus.tcp]\nenabled = true\n",
  },
  // A float keeps its fraction.
  "writes a float": {
    before: "[registers]\nnominal_frequency_hz = 0\n",
    path: "registers.nominal_frequency_hz",
    value: 49.95,
    after: "[registers]\nnominal_frequency_hz = 49.95\n",
  },
  // A value inside an inline table.
  "replaces a value inside an inline table": {
    before: "[modbus]\nrtu = { address = 2, baud = 9600 } # both\n",
    path: "modbus.rtu.baud",
    value: 19200,
    after: "[modbus]\nrtu = { address = 2, baud = 19200 } # both\n",
  },
  // A dotted key.
  "replaces a dotted key": {
    before: "[modbus]\nrtu.address = 2\n",
    path: "modbus.rtu.address",
    value: 3,
    after: "[modbus]\nrtu.address = 3\n",
  },
  // A missing key goes after the last key line of its table, before blank lines and comments.
  "inserts a missing key after its table's last key": {
    before: "[a1]\nbaud = 9600 # x\n\n# the slave\n[modbus.rtu]\naddress = 2\n",
    path: "a1.parity",
    value: "even",
    after: '[a1]\nbaud = 9600 # x\nparity = "even"\n\n# the slave\n[modbus.rtu]\naddress = 2\n',
  },
  // The inserted line copies the indentation of the table's last key.
  "inserts with the table's indentation": {
    before: "[a1]\n    baud = 9600\n[log]\n",
    path: "a1.crc",
    value: "optional",
    after: '[a1]\n    baud = 9600\n    crc = "optional"\n[log]\n',
  },
  // A table without keys: right after its header.
  "inserts into an empty table": {
    before: "[log] # nothing yet\n\n[a1]\nbaud = 9600\n",
    path: "log.level",
    value: "debug",
    after: '[log] # nothing yet\nlevel = "debug"\n\n[a1]\nbaud = 9600\n',
  },
  // After a multi-line value, not inside it.
  "inserts after a multi-line array": {
    before: "[a1]\nlist = [\n  1,\n  2,\n]\n",
    path: "a1.baud",
    value: 9600,
    after: "[a1]\nlist = [\n  1,\n  2,\n]\nbaud = 9600\n",
  },
  // A table made of dotted keys gets one more dotted key beside the last one.
  "inserts beside dotted keys": {
    before: "[modbus]\nrtu.baud = 9600\ntcp.enabled = true\n",
    path: "modbus.rtu.address",
    value: 5,
    after: "[modbus]\nrtu.baud = 9600\nrtu.address = 5\ntcp.enabled = true\n",
  },
  // An inline table gets the key between its braces.
  "inserts into an inline table": {
    before: "[modbus]\nrtu = { baud = 9600 } # inline\n",
    path: "modbus.rtu.address",
    value: 5,
    after: "[modbus]\nrtu = { baud = 9600, address = 5 } # inline\n",
  },
  // An empty inline table.
  "inserts into an empty inline table": {
    before: "rtu = {}\n",
    path: "rtu.address",
    value: 5,
    after: "rtu = { address = 5 }\n",
  },
  // A table defined by a dotted key inside an inline table: the dotted key goes in the braces.
  "inserts beside a dotted key inside an inline table": {
    before: "rtu = { a.b = 1 }\n",
    path: "rtu.a.c",
    value: 2,
    after: "rtu = { a.b = 1, a.c = 2 }\n",
  },
  // A missing table is appended at the end after a blank line.
  "appends a missing table": {
    before: "[a1]\nbaud = 9600\n",
    path: "modbus.rtu.address",
    value: 5,
    after: "[a1]\nbaud = 9600\n\n[modbus.rtu]\naddress = 5\n",
  },
  // A table only implied by a deeper header gets its own header at the end.
  "appends a table implied by a deeper header": {
    before: "[modbus.rtu]\naddress = 2\n",
    path: "modbus.extra",
    value: 1,
    after: "[modbus.rtu]\naddress = 2\n\n[modbus]\nextra = 1\n",
  },
  // An empty file.
  "writes into an empty file": {
    before: "",
    path: "log.level",
    value: "debug",
    after: '[log]\nlevel = "debug"\n',
  },
  // The last line has no newline.
  "inserts after a last line without newline": {
    before: "[a1]\nbaud = 9600",
    path: "a1.parity",
    value: "even",
    after: '[a1]\nbaud = 9600\nparity = "even"',
  },
  // CRLF files get CRLF lines.
  "keeps CRLF line endings": {
    before: "[a1]\r\nbaud = 9600\r\n",
    path: "log.level",
    value: "debug",
    after: '[a1]\r\nbaud = 9600\r\n\r\n[log]\r\nlevel = "debug"\r\n',
  },
  // A root key goes among the root keys, before the first header.
  "inserts a root key": {
    before: 'title = "a"\n\n[a1]\nbaud = 1\n',
    path: "version",
    value: 2,
    after: 'title = "a"\nversion = 2\n\n[a1]\nbaud = 1\n',
  },
  // A key needing quotes.
  "quotes a key that needs it": {
    before: "[a1]\nbaud = 1\n",
    path: ["a1", "my key"],
    value: true,
    after: '[a1]\nbaud = 1\n"my key" = true\n',
  },
};

for (const [name, { before, path, value, after }] of Object.entries(EDIT_CASES)) {
  Deno.test(`toml line editor ${name}`, () => {
    assert.equal(setTomlValue(before, path, value), after);
  });
}

/** Edits that must be refused, with their exact error. */
const REFUSED_CASES: Record<string, { before: string; path: string; error: RegExp | Error }> = {
  // The input must be valid TOML.
  "invalid TOML": {
    before: "[a1\nbaud = 1\n",
    path: "a1.baud",
    error: new SyntaxError(
      "Cannot set a1.baud: the text is not valid TOML: illegal character in key",
    ),
  },
  // A key below a value.
  "a path through a value": {
    before: "[a1]\nbaud = 9600\n",
    path: "a1.baud.x",
    error: new TypeError("Cannot set a1.baud.x: a1.baud is not a table"),
  },
  // A table cannot become a value.
  "a path naming a table": {
    before: "[a1]\nbaud = 9600\n",
    path: "a1",
    error: new TypeError("Cannot set a1: it is a table"),
  },
  // Arrays of tables are not edited.
  "a path into an array of tables": {
    before: "[[meter]]\nid = 1\n",
    path: "meter.id",
    error: new TypeError("Cannot set meter.id: meter is an array"),
  },
  // Empty segments.
  "an empty key segment": {
    before: "",
    path: "a1..baud",
    error: new TypeError('Cannot set key: invalid key path "a1..baud"'),
  },
};

for (const [name, { before, path, error }] of Object.entries(REFUSED_CASES)) {
  Deno.test(`toml line editor refuses ${name}`, () => {
    assert.throws(() => setTomlValue(before, path, 1), error);
  });
}

Deno.test("toml line editor gives config.toml back unchanged when every key is set to its default", () => {
  let text = CONFIG_TOML;
  for (const d of CONFIG_SCHEMA) {
    // Keys each build sets stay commented out in config.toml.
    if (d.default !== undefined && d.perBuild !== "default") {
      text = setTomlValue(text, d.path, d.default);
    }
  }
  assert.equal(text, CONFIG_TOML);
});

Deno.test("toml line editor keeps every comment and line of config.toml when changing any key", () => {
  const comments = (text: string) => text.split("\n").filter((l) => l.trimStart().startsWith("#"));
  const scalar = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
  );
  fc.assert(
    fc.property(fc.constantFrom(...CONFIG_SCHEMA.map((d) => d.path)), scalar, (path, value) => {
      const edited = setTomlValue(CONFIG_TOML, path, value);
      const [table, key] = [
        path.slice(0, path.lastIndexOf(".")),
        path.slice(path.lastIndexOf(".") + 1),
      ];
      let node: unknown = parse(edited);
      for (const segment of [...table.split("."), key]) {
        node = (node as Record<string, unknown>)[segment];
      }
      assert.ok(Object.is(node, value) || (value === 0 && node === 0), `${path} = ${String(node)}`);
      assert.deepEqual(comments(edited), comments(CONFIG_TOML));
      const descriptor = CONFIG_SCHEMA.find((d) => d.path === path);
      const missingBefore = descriptor?.default === undefined || descriptor.perBuild === "default";
      const lines = CONFIG_TOML.split("\n").length + (missingBefore ? 1 : 0);
      assert.equal(edited.split("\n").length, lines);
    }),
    { seed: 20240611, numRuns: 100 },
  );
});

Deno.test("toml line editor sets any scalar at any path of generated documents", () => {
  const name = fc.oneof(fc.constantFrom("a", "b", "c-d", "e_1"), fc.string({ maxLength: 4 }));
  const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean());
  // A document: a few tables (maybe dotted headers), each with a few keys.
  const doc = fc.array(
    fc.record({
      header: fc.array(name, { minLength: 0, maxLength: 2 }),
      keys: fc.uniqueArray(fc.tuple(name, scalar), { selector: ([k]) => k, maxLength: 3 }),
    }),
    { maxLength: 3 },
  ).map((tables) => {
    const seen = new Set<string>();
    const quote = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
    return tables
      .filter((t) => {
        const id = JSON.stringify(t.header);
        if (t.header.length === 0 || seen.has(id)) return false;
        seen.add(id);
        return true;
      })
      .map((t) =>
        `[${t.header.map(quote).join(".")}]\n` +
        t.keys.map(([k, v]) => `${quote(k)} = ${typeof v === "string" ? JSON.stringify(v) : v}`)
          .join("\n") +
        "\n"
      )
      .join("\n");
  });
  fc.assert(
    fc.property(
      doc,
      fc.array(name, { minLength: 1, maxLength: 3 }),
      scalar,
      (text, path, value) => {
        let before: unknown;
        try {
          before = parse(text);
        } catch {
          return; // a generated clash (a header redefining a key): not a document
        }
        // Refusing is right only for a path through a value or one naming a table.
        let node = before;
        let refuse = false;
        for (const segment of path) {
          if (!isTable(node)) {
            refuse = true;
            break;
          }
          if (!Object.hasOwn(node, segment)) {
            node = undefined;
            break;
          }
          node = node[segment];
        }
        if (refuse || isTable(node)) {
          assert.throws(() => setTomlValue(text, path, value), TypeError);
          return;
        }
        const edited = setTomlValue(text, path, value);
        let after: unknown = parse(edited);
        for (const segment of path) after = (after as Record<string, unknown>)[segment];
        assert.equal(after, value);
      },
    ),
    { seed: 7, numRuns: 500 },
  );
});
