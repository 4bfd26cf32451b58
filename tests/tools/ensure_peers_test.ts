/**
 * The `peers` step of `deno task test`, run as the task runs it (same command and permissions,
 * from deno.json) with fake `dpkg-query`, `apt-get`, `sudo` and `id` as the only programs on
 * PATH. The fakes keep a package database in a temp dir and log every call, so each test sees
 * which commands the step ran, as whom, and what it printed.
 */
import assert from "node:assert/strict";
import { parsePeerList } from "../../tools/peers.ts";

const ROOT = new URL("../../", import.meta.url);
const LIST = parsePeerList(
  await Deno.readTextFile(new URL("tools/debian_peers.txt", ROOT)),
).map((p) => p.name);

/** The `peers` task's command line, with `deno` as this executable. */
async function peersCommand(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const task = config.tasks.peers;
  const line: string = typeof task === "string" ? task : task.command;
  const [deno, ...args] = line.trim().split(/\s+/);
  assert.equal(deno, "deno");
  return [Deno.execPath(), ...args];
}

interface FakeMachine {
  /** Effective uid `id -u` reports. */
  readonly uid: number;
  /** Packages dpkg knows as installed. */
  readonly installed: readonly string[];
  /** `"works"`: `sudo -n` runs the command; `"password"`: it refuses; `"absent"`: no sudo. */
  readonly sudo: "works" | "password" | "absent";
  /** An apt-get subcommand that fails with exit 100. */
  readonly aptFails?: "update" | "install";
  /** apt-get succeeds but installs nothing. */
  readonly aptInstallsNothing?: boolean;
  /** No dpkg-query on PATH (not a Debian system). */
  readonly noDpkg?: boolean;
}

interface StepRun {
  readonly code: number;
  readonly stderr: string;
  readonly stdout: string;
  /** Every call of a fake, one line each: program, arguments, and for apt-get how it ran. */
  readonly calls: string[];
  readonly installed: string[];
}

async function writeScript(path: string, body: string): Promise<void> {
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`);
  await Deno.chmod(path, 0o755);
}

/** Where this deno keeps its cache, when the environment says. */
function denoDir(): Record<string, string> {
  const dir = Deno.env.get("DENO_DIR");
  return dir === undefined ? {} : { DENO_DIR: dir };
}

/** Runs the step on a fake machine and returns what it did. */
async function runStep(machine: FakeMachine): Promise<StepRun> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb_peers_" });
  try {
    const bin = `${dir}/bin`;
    await Deno.mkdir(bin);
    const state = `${dir}/installed`;
    const calls = `${dir}/calls`;
    await Deno.writeTextFile(state, machine.installed.map((p) => p + "\n").join(""));
    await Deno.writeTextFile(calls, "");
    if (machine.noDpkg !== true) {
      await writeScript(
        `${bin}/dpkg-query`,
        `printf '%s\\n' "dpkg-query $*" >> '${calls}'
[ "$1" = "-W" ] && [ "$2" = '-f=\${binary:Package}\\t\${db:Status-Status}\\n' ] || { echo "fake dpkg-query: unexpected $1 $2" >&2; exit 2; }
shift 2
code=0
for p in "$@"; do
  found=
  while IFS= read -r q; do [ "$q" = "$p" ] && found=1; done < '${state}'
  if [ -n "$found" ]; then printf '%s\\tinstalled\\n' "$p"
  else echo "dpkg-query: no packages found matching $p" >&2; code=1; fi
done
exit $code`,
      );
    }
    await writeScript(
      `${bin}/apt-get`,
      `printf '%s\\n' "apt-get $* | frontend=\${DEBIAN_FRONTEND:-} via=\${FAKE_VIA:-direct}" >> '${calls}'
if [ "$1" = "${machine.aptFails ?? "none"}" ]; then
  echo "Reading package lists..."
  echo "E: Unable to locate package mbpoll" >&2
  exit 100
fi
if [ "$1" = install ] && [ "${machine.aptInstallsNothing === true}" = false ]; then
  shift
  for a in "$@"; do case "$a" in -*) ;; *) echo "$a" >> '${state}';; esac; done
fi
exit 0`,
    );
    if (machine.sudo !== "absent") {
      await writeScript(
        `${bin}/sudo`,
        `echo "sudo $*" >> '${calls}'
[ "$1" = "-n" ] || { echo "fake sudo: expected -n" >&2; exit 2; }
shift
${
          machine.sudo === "works" ? "" : `echo "sudo: a password is required" >&2
exit 1`
        }
[ "$1" = true ] && exit 0
export FAKE_VIA=sudo
exec /usr/bin/env "$@"`,
      );
    }
    await writeScript(
      `${bin}/id`,
      `echo "id $*" >> '${calls}'
[ "$1" = "-u" ] || exit 1
echo ${machine.uid}`,
    );

    const [program, ...args] = await peersCommand();
    const out = await new Deno.Command(program!, {
      args,
      cwd: ROOT,
      // A bare environment, as on a fresh machine: only the fakes on PATH.
      clearEnv: true,
      env: { PATH: bin, HOME: Deno.env.get("HOME") ?? dir, ...denoDir() },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder();
    const lines = (s: string) => s.split("\n").filter((l) => l !== "");
    return {
      code: out.code,
      stdout: text.decode(out.stdout),
      stderr: text.decode(out.stderr),
      calls: lines(await Deno.readTextFile(calls)),
      installed: lines(await Deno.readTextFile(state)),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const ALL_BUT = (...missing: string[]) => LIST.filter((p) => !missing.includes(p));
const QUERY = `dpkg-query -W -f=\${binary:Package}\\t\${db:Status-Status}\\n ${LIST.join(" ")}`;
const INSTALL = "install -y -q --no-install-recommends";

Deno.test("peers: everything present costs one dpkg-query call, no apt-get and no output", async () => {
  const r = await runStep({ uid: 0, installed: LIST, sudo: "works" });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.calls, [QUERY]);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "");
});

Deno.test("peers: as root, a missing package is installed after one apt-get update", async () => {
  const r = await runStep({ uid: 0, installed: ALL_BUT("mbpoll", "socat"), sudo: "absent" });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.calls, [
    QUERY,
    "id -u",
    "apt-get update -q | frontend= via=direct",
    `apt-get ${INSTALL} mbpoll socat | frontend=noninteractive via=direct`,
    QUERY,
  ]);
  assert.equal(
    r.stderr,
    "Installing the Debian packages the tests need: mbpoll socat (apt-get as root)\n",
  );
  assert.deepEqual([...r.installed].sort(), [...LIST].sort());
});

Deno.test("peers: not root but sudo -n works, apt-get runs through sudo", async () => {
  const r = await runStep({ uid: 1000, installed: ALL_BUT("qemu-user"), sudo: "works" });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.calls, [
    QUERY,
    "id -u",
    "sudo -n true",
    "sudo -n apt-get update -q",
    "apt-get update -q | frontend= via=sudo",
    `sudo -n DEBIAN_FRONTEND=noninteractive apt-get ${INSTALL} qemu-user`,
    `apt-get ${INSTALL} qemu-user | frontend=noninteractive via=sudo`,
    QUERY,
  ]);
  assert.equal(
    r.stderr,
    "Installing the Debian packages the tests need: qemu-user (apt-get through sudo)\n",
  );
});

Deno.test("peers: not root and no sudo, the exact command is printed and the step fails", async () => {
  const r = await runStep({ uid: 1000, installed: ALL_BUT("mbpoll", "socat"), sudo: "absent" });
  assert.equal(r.code, 1);
  assert.deepEqual(r.calls, [QUERY, "id -u"]);
  assert.equal(
    r.stderr,
    [
      "Cannot install the Debian packages the tests need (mbpoll socat): not root and no sudo. Run:",
      `  apt-get update && apt-get ${INSTALL} mbpoll socat`,
      "then run the tests again.",
      "",
    ].join("\n"),
  );
});

Deno.test("peers: not root and sudo wants a password, the sudo command is printed and the step fails", async () => {
  const r = await runStep({ uid: 1000, installed: ALL_BUT("systemd"), sudo: "password" });
  assert.equal(r.code, 1);
  assert.deepEqual(r.calls, [QUERY, "id -u", "sudo -n true"]);
  assert.match(r.stderr, /\(systemd\): not root and sudo needs a password\. Run:\n/);
  assert.match(
    r.stderr,
    /\n {2}sudo apt-get update && sudo apt-get install -y -q --no-install-recommends systemd\n/,
  );
});

Deno.test("peers: apt-get install failing fails the step with apt-get's own message", async () => {
  const r = await runStep({
    uid: 0,
    installed: ALL_BUT("mbpoll"),
    sudo: "absent",
    aptFails: "install",
  });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    [
      "Installing the Debian packages the tests need: mbpoll (apt-get as root)",
      "Cannot install the Debian packages the tests need: 'apt-get install' exited with code 100:",
      "Reading package lists...",
      "E: Unable to locate package mbpoll",
      "",
    ].join("\n"),
  );
});

Deno.test("peers: apt-get update failing stops before the install", async () => {
  const r = await runStep({
    uid: 0,
    installed: ALL_BUT("mbpoll"),
    sudo: "absent",
    aptFails: "update",
  });
  assert.equal(r.code, 1);
  assert.deepEqual(r.calls, [QUERY, "id -u", "apt-get update -q | frontend= via=direct"]);
  assert.match(r.stderr, /'apt-get update' exited with code 100:\n/);
});

Deno.test("peers: a package still missing after apt-get fails the step, naming it", async () => {
  const r = await runStep({
    uid: 0,
    installed: ALL_BUT("gcc"),
    sudo: "absent",
    aptInstallsNothing: true,
  });
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /\nCannot install the Debian packages the tests need: still missing after apt-get: gcc\n$/,
  );
});

Deno.test("peers: without dpkg (not Debian) it says so, lists the packages and lets the tests run", async () => {
  const r = await runStep({ uid: 0, installed: [], sudo: "absent", noDpkg: true });
  assert.equal(r.code, 0);
  assert.deepEqual(r.calls, []);
  assert.equal(
    r.stderr,
    "Cannot check the Debian packages the tests need: 'dpkg-query' not found (not a Debian system?)\n" +
      `The tests need: ${LIST.join(" ")}\n`,
  );
});
