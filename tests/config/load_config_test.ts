import assert from "node:assert/strict";
import { DEFAULT_CONFIG, loadConfigText } from "../../config/mod.ts";

/** Joins lines into a file body (each line ends with "\n"). */
const file = (...lines: string[]): string => lines.map((l) => `${l}\n`).join("");

function problemsOf(text: string): readonly string[] {
  const loaded = loadConfigText(text, "config.toml");
  assert.ok(!loaded.ok, "expected problems, the config loaded");
  return loaded.problems;
}

interface ProblemCase {
  readonly text: string;
  readonly problems: readonly string[];
}

/** One file per error class; each must give exactly these messages. */
const PROBLEM_CASES: Record<string, ProblemCase> = {
  // smol-toml's message (first line, without its "Invalid TOML document" prefix) at its line.
  "syntax error: a value is missing": {
    text: file("[a1]", "baud = ", 'parity = "none"'),
    problems: ["config.toml:2: syntax error: invalid value"],
  },
  // A key defined twice is a syntax error too; smol-toml points at the second one.
  "syntax error: a key defined twice": {
    text: file("[a1]", "baud = 9600", "baud = 115200"),
    problems: ["config.toml:3: syntax error: trying to redefine an already defined table or value"],
  },
  // A misspelt key gets the closest key of its table.
  "unknown key with a close sibling": {
    text: file("# meter", "[a1]", "bauds = 9600"),
    problems: ["config.toml:3: key a1.bauds: unknown key (did you mean a1.baud?)"],
  },
  // A key put in the wrong table is found by its name elsewhere.
  "unknown key that belongs to another table": {
    text: file("[a1]", "address = 5"),
    problems: ["config.toml:2: key a1.address: unknown key (did you mean modbus.rtu.address?)"],
  },
  // Nothing close: no hint.
  "unknown key without a hint": {
    text: file("[log]", "colour = true"),
    problems: ["config.toml:2: key log.colour: unknown key"],
  },
  // An unknown table is reported once, at its header, not once per key inside it.
  "unknown table": {
    text: file("[a2]", "foo = 1", "bar = 2"),
    problems: ["config.toml:1: key a2: unknown table (did you mean a1?)"],
  },
  // An unknown sub-table of a known table.
  "unknown sub-table": {
    text: file("[modbus.rtx]", "address = 3"),
    problems: ["config.toml:1: key modbus.rtx: unknown table (did you mean modbus.rtu?)"],
  },
  // A quoted key holding a dot is one key, not a path into [a1].
  "unknown quoted key with a dot": {
    text: file('"a1.baud" = 9600'),
    problems: ['config.toml:1: key "a1.baud": unknown key'],
  },
  // A table name used as a plain value.
  "wrong type of table": {
    text: file("a1 = 5"),
    problems: ["config.toml:1: key a1: expected a table, got 5"],
  },
  // An array of tables where a table belongs.
  "array of tables for a table": {
    text: file("[[log]]", 'level = "info"'),
    problems: ["config.toml:1: key log: expected a table, got an array"],
  },
  // Text where an integer belongs.
  "wrong type: string for integer": {
    text: file("", "", "", "[a1]", 'baud = "fast"'),
    problems: ['config.toml:5: key a1.baud: expected an integer, got "fast"'],
  },
  // A quoted boolean.
  "wrong type: string for boolean": {
    text: file("[modbus.tcp]", 'enabled = "yes"'),
    problems: ['config.toml:2: key modbus.tcp.enabled: expected true or false, got "yes"'],
  },
  // A number where a word belongs lists the words.
  "wrong type: integer for enum": {
    text: file("[a1]", "parity = 1"),
    problems: ['config.toml:2: key a1.parity: expected one of "none", "even", "odd", got 1'],
  },
  // A number where a path belongs.
  "wrong type: integer for string": {
    text: file("[modbus.rtu]", "device = 5"),
    problems: ["config.toml:2: key modbus.rtu.device: expected a string, got 5"],
  },
  // Arrays and dates are named, not printed.
  "wrong type: array and date": {
    text: file("[a1]", "baud = [9600]", "stale_after_s = 1979-05-27"),
    problems: [
      "config.toml:2: key a1.baud: expected an integer, got an array",
      "config.toml:3: key a1.stale_after_s: expected an integer, got a date-time",
    ],
  },
  // A table where a value belongs.
  "wrong type: table for value": {
    text: file("[a1.baud]", "value = 9600"),
    problems: ["config.toml:1: key a1.baud: expected an integer, got a table"],
  },
  // The example from the brief.
  "out of range": {
    text: file("[modbus.rtu]", "", "# slave id", "address = 300"),
    problems: ["config.toml:4: key modbus.rtu.address: 300 is out of range 1…247"],
  },
  // Negative numbers are out of range, not a type error.
  "negative number": {
    text: file("[a1]", "stale_after_s = -5"),
    problems: ["config.toml:2: key a1.stale_after_s: -5 is out of range 1…3600"],
  },
  // Integers too big for a double are still compared exactly.
  "huge integer": {
    text: file("[registers]", "serial = 99999999999999999999"),
    problems: [
      "config.toml:2: key registers.serial: 99999999999999999999 is out of range 1…4294967295",
    ],
  },
  // The example from the brief.
  "not in enum": {
    text: file("[a1]", "", 'parity = "mark"'),
    problems: ['config.toml:3: key a1.parity: "mark" is not one of "none", "even", "odd"'],
  },
  // Words are case-sensitive, with a hint.
  "not in enum, wrong case": {
    text: file("[a1]", 'source = "Serial"'),
    problems: [
      'config.toml:2: key a1.source: "Serial" is not one of "serial", "tcp", "file", ' +
      '"simulator" (did you mean "serial"?)',
    ],
  },
  // Baud rates come from a list.
  "not a standard baud rate": {
    text: file("[modbus.rtu]", "baud = 14400"),
    problems: [
      "config.toml:2: key modbus.rtu.baud: 14400 is not one of 1200, 2400, 4800, 9600, 19200, " +
      "38400, 57600, 115200",
    ],
  },
  // Floats where integers are needed, including ones with no fraction.
  "float for integer": {
    text: file("[a1]", "baud = 9600.5", "stale_after_s = 25.0", "interval_ms = 1e3"),
    problems: [
      "config.toml:2: key a1.baud: expected an integer, got 9600.5",
      "config.toml:3: key a1.stale_after_s: expected an integer, got 25.0",
      "config.toml:4: key a1.interval_ms: expected an integer, got 1000.0",
    ],
  },
  // A number with an extra allowed value (0 = off).
  "number out of range": {
    text: file("[registers]", "nominal_frequency_hz = 70"),
    problems: [
      "config.toml:2: key registers.nominal_frequency_hz: 70 is out of range 45…65 and not 0",
    ],
  },
  // An integer-or-keyword key.
  "neither integer nor keyword": {
    text: file("[modbus.rtu]", 'response_delay_ms = "fast"', "[registers]", "serial = 2.5"),
    problems: [
      'config.toml:2: key modbus.rtu.response_delay_ms: expected an integer or "auto", got "fast"',
      'config.toml:4: key registers.serial: expected an integer or "auto", got 2.5',
    ],
  },
  // HOST:PORT checks.
  "listen address not HOST:PORT": {
    text: file(
      "[modbus.tcp]",
      'listen = "1502"',
      "[control]",
      'http = "0.0.0.0:0"',
      "[passthrough]",
      'listen = "::1:2000"',
    ),
    problems: [
      'config.toml:2: key modbus.tcp.listen: "1502" is not HOST:PORT ' +
      '(e.g. "127.0.0.1:1502" or "[::1]:1502")',
      'config.toml:4: key control.http: "0.0.0.0:0" has port 0, out of range 1…65535',
      'config.toml:6: key passthrough.listen: "::1:2000" is not HOST:PORT: an IPv6 address needs ' +
      'brackets (e.g. "127.0.0.1:1502" or "[::1]:1502")',
    ],
  },
  // Bad host part.
  "listen address with a bad IPv4 host": {
    text: file("[modbus.tcp]", 'listen = "300.1.1.1:502"'),
    problems: [
      'config.toml:2: key modbus.tcp.listen: "300.1.1.1:502" has an invalid host "300.1.1.1"',
    ],
  },
  // A host that carries a port.
  "host with a port": {
    text: file("[a1]", 'host = "192.168.1.5:2000"', "port = 2000"),
    problems: ['config.toml:2: key a1.host: "192.168.1.5:2000" is not a host name or address'],
  },
  // Paths and names.
  "empty path, relative sysfs base, LED name with a slash": {
    text: file("[a1]", 'device = ""', "[leds]", 'sysfs_base = "sys/class/leds"', 'pwr = "../x"'),
    problems: [
      'config.toml:2: key a1.device: expected a path, got ""',
      'config.toml:4: key leds.sysfs_base: "sys/class/leds" is not an absolute path',
      'config.toml:5: key leds.pwr: "../x" is not a LED name (no "/" or "..")',
    ],
  },
  // Cross-field: reported at the line of a1.source.
  "tcp source without host and port": {
    text: file("[a1]", "# network reader", 'source = "tcp"'),
    problems: ['config.toml:3: key a1.source: "tcp" requires a1.host and a1.port'],
  },
  // Cross-field: only the missing one is named.
  "tcp source without port": {
    text: file("[a1]", 'source = "tcp"', 'host = "p1.local"'),
    problems: ['config.toml:2: key a1.source: "tcp" requires a1.port'],
  },
  // Cross-field: a file source needs a file.
  "file source without file": {
    text: file("[a1]", 'source = "file"'),
    problems: ['config.toml:2: key a1.source: "file" requires a1.file'],
  },
  // Cross-field: one serial port for both sides, reported at modbus.rtu.device.
  "meter and Modbus on one port": {
    text: file("[a1]", 'device = "/dev/ttyAMA0"', "[modbus.rtu]", 'device = "/dev/ttyAMA0"'),
    problems: [
      'config.toml:4: key modbus.rtu.device: "/dev/ttyAMA0" is also a1.device: the meter and the ' +
      "Modbus line need a port each",
    ],
  },
  // Cross-field with the reported key absent: the line of its table header.
  "meter on the default Modbus port, [modbus.rtu] without device": {
    text: file("[a1]", 'device = "/dev/ttyUSB1"', "", "[modbus.rtu]", "address = 3"),
    problems: [
      'config.toml:4: key modbus.rtu.device: "/dev/ttyUSB1" is also a1.device: the meter and the ' +
      "Modbus line need a port each",
    ],
  },
  // Cross-field with neither the key nor its table in the file: line 1.
  "meter on the default Modbus port, no [modbus.rtu]": {
    text: file("[a1]", 'device = "/dev/ttyUSB1"'),
    problems: [
      'config.toml:1: key modbus.rtu.device: "/dev/ttyUSB1" is also a1.device: the meter and the ' +
      "Modbus line need a port each",
    ],
  },
  // Cross-field: no transport at all.
  "both Modbus transports disabled": {
    text: file("[modbus.rtu]", "enabled = false", "[modbus.tcp]", "enabled = false"),
    problems: [
      "config.toml:2: key modbus.rtu.enabled: modbus.rtu and modbus.tcp are both disabled: nothing " +
      "would serve the registers",
    ],
  },
  // Cross-field: a wildcard address and a specific one on the same port.
  "two listeners on one port": {
    text: file(
      "[modbus.tcp]",
      "enabled = true",
      'listen = "0.0.0.0:8080"',
      "[control]",
      'http = "127.0.0.1:8080"',
    ),
    problems: [
      'config.toml:5: key control.http: "127.0.0.1:8080" uses the same port as modbus.tcp.listen ' +
      '("0.0.0.0:8080")',
    ],
  },
  // Cross-field: trace and log in one file.
  "trace and log in one file": {
    text: file("[trace]", 'file = "/var/log/a1mb.log"', "[log]", 'file = "/var/log/a1mb.log"'),
    problems: ['config.toml:2: key trace.file: "/var/log/a1mb.log" is also log.file'],
  },
  // Cross-field: the replay is slower than the stale limit.
  "replay interval not shorter than stale_after_s": {
    text: file("[a1]", 'source = "file"', 'file = "t.txt"', "interval_ms = 30000"),
    problems: [
      "config.toml:4: key a1.interval_ms: 30000 ms is not shorter than a1.stale_after_s (25 s): " +
      "every value would go stale between two telegrams",
    ],
  },
  // Cross-field: two sysfs LEDs with one name.
  "sysfs LEDs sharing a name": {
    text: file("[leds]", 'driver = "sysfs"', 'pwr = "led0"', 'a1 = "led0"'),
    problems: ['config.toml:4: key leds.a1: "led0" is also leds.pwr'],
  },
  // MQTT: the broker URL, topics, QoS and text keys.
  "bad MQTT settings": {
    text: file(
      "[mqtt]",
      'url = "tcp://broker:1883"',
      'topic_prefix = "a1mb/#"',
      'discovery_prefix = "/homeassistant"',
      "qos = 3",
      'username = "me\\tyou"',
      "keepalive_s = 0",
    ),
    problems: [
      'config.toml:2: key mqtt.url: "tcp://broker:1883" is not an mqtt:// or mqtts:// URL ' +
      '(e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
      'config.toml:3: key mqtt.topic_prefix: "a1mb/#" has a wildcard ("+" or "#")',
      'config.toml:4: key mqtt.discovery_prefix: "/homeassistant" starts or ends with "/"',
      "config.toml:5: key mqtt.qos: 3 is not one of 0, 1, 2",
      'config.toml:6: key mqtt.username: "me\\tyou" contains a control character',
      "config.toml:7: key mqtt.keepalive_s: 0 is out of range 1…3600",
    ],
  },
  // MQTT: credentials belong in their own keys, and the password is not quoted back.
  "MQTT URL with a password in it": {
    text: file("[mqtt]", 'url = "mqtt://me:secret@broker"'),
    problems: [
      'config.toml:2: key mqtt.url: "mqtt://me:***@broker" holds a password: give the user name ' +
      "as mqtt.username and the password as mqtt.password or mqtt.password_file, and the URL " +
      "without them",
    ],
  },
  // A URL where a table belongs is quoted with its password masked too.
  "a URL with a password where a table belongs": {
    text: file('mqtt = "mqtts://me:secret@broker"'),
    problems: ['config.toml:1: key mqtt: expected a table, got "mqtts://me:***@broker"'],
  },
  // A URL without its scheme still has its password masked.
  "MQTT URL without a scheme, with a password": {
    text: file("[mqtt]", 'url = "me:secret@broker:1883"'),
    problems: [
      'config.toml:2: key mqtt.url: "me:***@broker:1883" is not an mqtt:// or mqtts:// URL ' +
      '(e.g. "mqtt://192.168.1.10:1883" or "mqtts://broker.example.com")',
    ],
  },
  // Cross-field: one password, from one place, with a user name.
  "MQTT password twice and without a user name": {
    text: file("[mqtt]", 'url = "mqtt://broker"', 'password = "x"', 'password_file = "/etc/pw"'),
    problems: [
      "config.toml:3: key mqtt.password: a password needs mqtt.username (MQTT sends it only " +
      "with a user name)",
      'config.toml:4: key mqtt.password_file: "/etc/pw" is given as well as mqtt.password: keep ' +
      "one of them",
    ],
  },
  // Cross-field: a CA file without TLS.
  "MQTT CA file on a plain connection": {
    text: file("[mqtt]", 'url = "mqtt://broker:1883"', 'ca_file = "/etc/ca.pem"'),
    problems: [
      'config.toml:3: key mqtt.ca_file: "/etc/ca.pem" is only used with an mqtts:// url ' +
      '(mqtt.url is "mqtt://broker:1883")',
    ],
  },
  // A cross-field rule is skipped when one of its keys is wrong on its own: one mistake, one line.
  "cross-field rule skipped when its key is wrong": {
    text: file("[a1]", 'source = "tcp"', 'host = ""', "port = 2000"),
    problems: ['config.toml:3: key a1.host: expected a host name or address, got ""'],
  },
  // Likewise when the table holding its key is wrong.
  "cross-field rule skipped when its table is wrong": {
    text: file("[modbus]", "tcp = 5", "rtu.enabled = false"),
    problems: ["config.toml:2: key modbus.tcp: expected a table, got 5"],
  },
  // Dotted keys and inline tables: the line where the key is written.
  "dotted keys and inline tables": {
    text: file(
      "[modbus]",
      "rtu.address = 0",
      "tcp = { enabled = true,",
      "  max_connections = 0 }",
      "[leds]",
      "a1 = 7",
    ),
    problems: [
      "config.toml:2: key modbus.rtu.address: 0 is out of range 1…247",
      "config.toml:4: key modbus.tcp.max_connections: 0 is out of range 1…1024",
      "config.toml:6: key leds.a1: expected a string, got 7",
    ],
  },
  // Several problems in one file: all of them, sorted by line.
  "several problems at once": {
    text: file(
      "# my config",
      "[a1]",
      'source = "tcp"',
      "baud = 9601",
      "bauds = 9600",
      "",
      "[a2]",
      "x = 1",
      "",
      "[modbus.rtu]",
      "address = 300",
      'parity = "odd"',
      "enabled = false",
      "",
      "[log]",
      'level = "verbose"',
    ),
    problems: [
      'config.toml:3: key a1.source: "tcp" requires a1.host and a1.port',
      "config.toml:4: key a1.baud: 9601 is not one of 1200, 2400, 4800, 9600, 19200, 38400, " +
      "57600, 115200, 230400",
      "config.toml:5: key a1.bauds: unknown key (did you mean a1.baud?)",
      "config.toml:7: key a2: unknown table (did you mean a1?)",
      "config.toml:11: key modbus.rtu.address: 300 is out of range 1…247",
      'config.toml:12: key modbus.rtu.parity: "odd" is not one of "none", "even"',
      "config.toml:13: key modbus.rtu.enabled: modbus.rtu and modbus.tcp are both disabled: " +
      "nothing would serve the registers",
      'config.toml:16: key log.level: "verbose" is not one of "trace", "debug", "info", ' +
      '"warning", "error", "fatal"',
    ],
  },
};

for (const [name, { text, problems }] of Object.entries(PROBLEM_CASES)) {
  Deno.test(`config loader reports ${name}`, () => {
    assert.deepEqual(problemsOf(text), problems);
  });
}

Deno.test("config loader prefixes messages with the file name it is given", () => {
  const loaded = loadConfigText(file("[a1]", "baud = 1"), "/etc/a1mb/config.toml");
  assert.deepEqual(loaded, {
    ok: false,
    problems: [
      "/etc/a1mb/config.toml:2: key a1.baud: 1 is not one of 1200, 2400, 4800, 9600, 19200, " +
      "38400, 57600, 115200, 230400",
    ],
  });
});

Deno.test("config loader gives the defaults for an empty file", () => {
  assert.deepEqual(loadConfigText("", "config.toml"), {
    ok: true,
    config: DEFAULT_CONFIG,
    fromBuild: [],
  });
});

Deno.test("config loader ignores a leading byte order mark", () => {
  const loaded = loadConfigText("\uFEFF[modbus.rtu]\naddress = 7\n", "config.toml");
  assert.ok(loaded.ok);
  assert.equal(loaded.config.modbus.rtu.address, 7);
});

Deno.test("config loader accepts a DSMR 3 meter on a TCP bridge with every value typed", () => {
  const loaded = loadConfigText(
    file(
      "[a1]",
      'source = "tcp"',
      'host = "fe80::1%eth0"',
      "port = 2001",
      "baud = 9600",
      "data_bits = 7",
      'parity = "even"',
      'crc = "optional"',
      'stale = "exception"',
      "[modbus.rtu]",
      "response_delay_ms = 5",
      "[modbus.tcp]",
      "enabled = true",
      'listen = "[::]:502"',
      "[registers]",
      "serial = 12345678",
      "nominal_frequency_hz = 49.95",
    ),
    "config.toml",
  );
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.problems.join("\n"));
  const { a1, modbus, registers } = loaded.config;
  assert.deepEqual(
    [a1.source, a1.host, a1.port, a1.baud, a1.data_bits, a1.parity, a1.crc, a1.stale],
    ["tcp", "fe80::1%eth0", 2001, 9600, 7, "even", "optional", "exception"],
  );
  assert.equal(modbus.rtu.response_delay_ms, 5);
  assert.equal(modbus.tcp.listen, "[::]:502");
  assert.equal(registers.serial, 12345678);
  assert.equal(registers.nominal_frequency_hz, 49.95);
  // Untouched keys keep their defaults.
  assert.equal(a1.device, DEFAULT_CONFIG.a1.device);
  assert.equal(modbus.rtu.address, 2);
});

Deno.test("config loader returns a deeply frozen config", () => {
  const loaded = loadConfigText("", "config.toml");
  assert.ok(loaded.ok);
  assert.ok(Object.isFrozen(loaded.config));
  assert.ok(Object.isFrozen(loaded.config.modbus.rtu));
});

Deno.test("config loader does not let __proto__ keys touch prototypes", () => {
  assert.deepEqual(problemsOf(file("__proto__ = 1", "[a1]", "constructor = 2")), [
    "config.toml:1: key __proto__: unknown key",
    "config.toml:3: key a1.constructor: unknown key",
  ]);
  assert.equal(({} as Record<string, unknown>).a1, undefined);
});
