import assert from "node:assert/strict";
import {
  aptCommands,
  chooseRoute,
  dpkgQueryArgs,
  manualCommand,
  missingPackages,
  parsePeerList,
} from "../../tools/peers.ts";

Deno.test("peer list: one package per line with its comment; comment lines and blanks skipped", () => {
  const text = [
    "# heading comment",
    "",
    "mbpoll        # real Modbus master (tests/interop)",
    "  libc6-arm64-cross # tests/arm",
    "libfoo:arm64 # an architecture-qualified name",
  ].join("\n");
  assert.deepEqual(parsePeerList(text), [
    { name: "mbpoll", comment: "real Modbus master (tests/interop)", line: 3 },
    { name: "libc6-arm64-cross", comment: "tests/arm", line: 4 },
    { name: "libfoo:arm64", comment: "an architecture-qualified name", line: 5 },
  ]);
});

/** Lines the list refuses, with the message naming the line and the problem. */
const BAD_LISTS: readonly [string, string, RegExp][] = [
  [
    "a package without a comment",
    "socat # pty pairs\nmbpoll\n",
    /^Line 2: "mbpoll" needs a comment/,
  ],
  ["an empty comment", "mbpoll #\n", /^Line 1: "mbpoll" needs a comment/],
  [
    "two packages on a line",
    "socat mbpoll # both\n",
    /^Line 1: one package per line, got "socat mbpoll"/,
  ],
  ["an upper-case name", "Socat # pty pairs\n", /^Line 1: "Socat" is not a Debian package name/],
  [
    "a shell metacharacter",
    "socat;rm # pty pairs\n",
    /^Line 1: "socat;rm" is not a Debian package name/,
  ],
  [
    "a package listed twice",
    "socat # a\n\nsocat # b\n",
    /^Line 3: "socat" is already listed on line 1/,
  ],
];

for (const [what, text, message] of BAD_LISTS) {
  Deno.test(`peer list refuses ${what}, naming the line`, () => {
    assert.throws(
      () => parsePeerList(text),
      (e) => e instanceof SyntaxError && message.test(e.message),
    );
  });
}

Deno.test("the repository's peer list parses: every package says what needs it", async () => {
  const text = await Deno.readTextFile(new URL("../../tools/debian_peers.txt", import.meta.url));
  const names = parsePeerList(text).map((p) => p.name);
  for (const name of ["python3-pymodbus", "mbpoll", "socat", "qemu-user", "systemd", "chromium"]) {
    assert.ok(names.includes(name), `${name} is in tools/debian_peers.txt`);
  }
});

Deno.test("dpkg-query is asked once for every package, in a tab-separated format", () => {
  assert.deepEqual(dpkgQueryArgs(["socat", "mbpoll"]), [
    "-W",
    "-f=${binary:Package}\\t${db:Status-Status}\\n",
    "socat",
    "mbpoll",
  ]);
});

Deno.test("missing packages: unknown, removed and half-installed ones, in the list's order", () => {
  // As dpkg-query prints it: sorted, multi-arch packages with their architecture, unknown ones
  // absent (they are reported on stderr).
  const out = [
    "gcc\tinstalled",
    "libgcc-s1:amd64\tinstalled",
    "mbpoll\tconfig-files",
    "socat\thalf-configured",
    "systemd\tnot-installed",
    "",
  ].join("\n");
  assert.deepEqual(
    missingPackages(["systemd", "gcc", "qemu-user", "libgcc-s1", "socat", "mbpoll"], out),
    ["systemd", "qemu-user", "socat", "mbpoll"],
  );
});

Deno.test("missing packages: an architecture-qualified name needs that architecture", () => {
  const out = "libgcc-s1:amd64\tinstalled\n";
  assert.deepEqual(missingPackages(["libgcc-s1:arm64", "libgcc-s1:amd64"], out), [
    "libgcc-s1:arm64",
  ]);
});

Deno.test("missing packages: none when dpkg-query shows all installed", () => {
  assert.deepEqual(missingPackages(["a1", "b2"], "b2\tinstalled\na1\tinstalled\n"), []);
});

Deno.test("route: root installs itself, others through password-less sudo, else by hand", () => {
  assert.equal(chooseRoute(0, false), "root");
  assert.equal(chooseRoute(0, true), "root");
  assert.equal(chooseRoute(1000, true), "sudo");
  assert.equal(chooseRoute(1000, false), "manual");
  assert.equal(chooseRoute(undefined, true), "sudo");
  assert.equal(chooseRoute(undefined, false), "manual");
});

Deno.test("as root: apt-get update, then a non-interactive install of exactly the missing ones", () => {
  assert.deepEqual(aptCommands(["mbpoll", "socat"], "root"), [
    { argv: ["apt-get", "update", "-q"], env: {} },
    {
      argv: ["apt-get", "install", "-y", "-q", "--no-install-recommends", "mbpoll", "socat"],
      env: { DEBIAN_FRONTEND: "noninteractive" },
    },
  ]);
});

Deno.test("through sudo: sudo -n in front, DEBIAN_FRONTEND on sudo's command line", () => {
  assert.deepEqual(aptCommands(["mbpoll"], "sudo"), [
    { argv: ["sudo", "-n", "apt-get", "update", "-q"], env: {} },
    {
      argv: [
        "sudo",
        "-n",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
        "mbpoll",
      ],
      env: {},
    },
  ]);
});

Deno.test("by hand: the command to paste, with sudo when sudo exists", () => {
  assert.equal(
    manualCommand(["mbpoll"], true),
    "sudo apt-get update && sudo apt-get install -y -q --no-install-recommends mbpoll",
  );
  assert.equal(
    manualCommand(["mbpoll", "socat"], false),
    "apt-get update && apt-get install -y -q --no-install-recommends mbpoll socat",
  );
});
