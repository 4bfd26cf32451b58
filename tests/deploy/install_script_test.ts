import assert from "node:assert/strict";
import { exampleConfig } from "../../config/mod.ts";
import { dtsu666h } from "../../variants/dtsu666h/mod.ts";
import { RUN_PERMISSIONS } from "../build/_bundle.ts";

const REPO = new URL("../../", import.meta.url);
const SCRIPT = decodeURIComponent(new URL("deploy/install.sh", REPO).pathname);
const UNIT = new URL("deploy/a1mb.service", REPO);
const CONFIG = new URL("config.toml", REPO);
const BINARY_NAME = "a1mb-sdm630-aarch64-unknown-linux-gnu";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function runInstall(args: string[], env: Record<string, string>): Promise<Run> {
  const out = await new Deno.Command("sh", { args: [SCRIPT, ...args], env, stdin: "null" })
    .output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

async function withTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-install-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A stand-in for the compiled binary: a program that answers --version like a1mb. */
async function fakeBinary(dir: string, version: string): Promise<string> {
  await Deno.mkdir(`${dir}/v${version}`, { recursive: true });
  const path = `${dir}/v${version}/${BINARY_NAME}`;
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\necho "a1mb ${version} (variant sdm630: Eastron SDM630-Modbus V2; target aarch64-unknown-linux-gnu)"\n`,
  );
  await Deno.chmod(path, 0o644); // as downloaded: not executable yet
  return path;
}

/**
 * A stand-in for the bundle: answers --version, and "probe" reports its pid and permissions;
 * with the RTU worker's bundle beside it, as the bundle tasks build it, unless `worker` is false.
 */
async function fakeBundle(dir: string, version: string, worker = true): Promise<string> {
  await Deno.mkdir(`${dir}/b${version}`, { recursive: true });
  const path = `${dir}/b${version}/a1mb-sdm630.js`;
  if (worker) {
    await Deno.writeTextFile(`${dir}/b${version}/a1mb-rtu-worker.js`, `// worker ${version}\n`);
  }
  await Deno.writeTextFile(
    path,
    [
      `const [command] = Deno.args;`,
      `if (command === "--version") {`,
      `  console.log("a1mb ${version} (variant sdm630: Eastron SDM630-Modbus V2; target bundle)");`,
      `} else if (command === "probe") {`,
      `  const names = ["read", "write", "net", "env", "ffi", "run", "sys"];`,
      `  const states = Object.fromEntries(`,
      `    names.map((name) => [name, Deno.permissions.querySync({ name }).state]),`,
      `  );`,
      `  console.log(JSON.stringify({ pid: Deno.pid, states, args: Deno.args }));`,
      `}`,
    ].join("\n"),
  );
  return path;
}

/** Paths of an install into `root` with the default layout. */
function layout(root: string) {
  return {
    bin: `${root}/usr/local/bin/a1mb`,
    lib: `${root}/usr/local/lib/a1mb`,
    conf: `${root}/etc/a1mb/config.toml`,
    unit: `${root}/etc/systemd/system/a1mb.service`,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function mode(path: string): Promise<number> {
  return ((await Deno.stat(path)).mode ?? 0) & 0o777;
}

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) out.push(entry.name);
  return out.sort();
}

const OFFLINE = ["--no-user", "--no-systemctl"];

Deno.test("install.sh is valid POSIX sh (sh -n)", async () => {
  const out = await new Deno.Command("sh", { args: ["-n", SCRIPT], stderr: "piped" }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const text = await Deno.readTextFile(SCRIPT);
  assert.match(text, /^#!\/bin\/sh\n/);
  assert.doesNotMatch(text, /\[\[|\blocal |function |\$\{[A-Za-z_]+\/\//, "no bashisms");
});

Deno.test("install.sh --help prints the usage; wrong arguments exit 2", async () => {
  const help = await runInstall(["--help"], {});
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: install\.sh \[options\] ARTEFACT$/m);
  /** Argument lists that are usage errors, and the complaint. */
  const wrong: [string[], RegExp][] = [
    // No artefact.
    [[], /missing ARTEFACT/],
    // An option that does not exist.
    [["--force", "x"], /unknown option "--force"/],
    // Rollback takes no artefact.
    [["--rollback", "x"], /--rollback takes no ARTEFACT/],
    // Two artefacts.
    [["a", "b"], /more than one ARTEFACT/],
    // --deno without its file.
    [["--deno"], /--deno needs a FILE/],
  ];
  for (const [args, message] of wrong) {
    const r = await runInstall(args, {});
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

Deno.test("a binary install into a temp root puts every file where the service expects it", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const artefact = await fakeBinary(dir, "1.0.0");
    const r = await runInstall([...OFFLINE, artefact], { A1MB_ROOT: root });
    assert.equal(r.code, 0, r.stderr);
    const p = layout(root);
    assert.deepEqual(await Deno.readFile(p.bin), await Deno.readFile(artefact));
    assert.equal(await mode(p.bin), 0o755);
    assert.equal(
      await Deno.readTextFile(`${p.lib}/version`),
      "a1mb 1.0.0 (variant sdm630: Eastron SDM630-Modbus V2; target aarch64-unknown-linux-gnu)\n",
    );
    // config.toml as shipped, with a new random console token in it.
    const written = await Deno.readTextFile(p.conf);
    const token = /^token = "([0-9a-f]{48})"$/m.exec(written)?.[1];
    assert.ok(token !== undefined, "a 48-hex-digit token");
    assert.equal(
      written,
      (await Deno.readTextFile(CONFIG)).replace('token = ""', `token = "${token}"`),
    );
    assert.equal(await mode(p.conf), 0o640);
    assert.match(
      r.stdout,
      /the web console's token is in \/etc\/a1mb\/config\.toml \(\[control\] token\): show it with `sudo a1mb config get control\.token`/,
    );
    assert.doesNotMatch(
      r.stdout + r.stderr,
      new RegExp(token),
      "the token itself is never printed",
    );
    assert.equal(await Deno.readTextFile(p.unit), await Deno.readTextFile(UNIT));
    // Nothing else in the library folder: no bundle, no Deno, no previous version, no leftovers.
    assert.deepEqual(await names(p.lib), [
      "99-a1mb-serial.rules.example",
      "config.toml.example",
      "version",
    ]);
    assert.match(r.stdout, /installed a1mb 1\.0\.0 .*\(binary\) as \/usr\/local\/bin\/a1mb/);
  });
});

Deno.test("an existing /etc/a1mb/config.toml is never overwritten", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const p = layout(root);
    await Deno.mkdir(`${root}/etc/a1mb`, { recursive: true });
    const mine = '[a1]\ndevice = "/dev/a1mb-p1"\n';
    await Deno.writeTextFile(p.conf, mine);
    const r = await runInstall([...OFFLINE, await fakeBinary(dir, "1.0.0")], { A1MB_ROOT: root });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await Deno.readTextFile(p.conf), mine);
    assert.match(r.stdout, /keeping \/etc\/a1mb\/config\.toml/);
    // The new defaults are still there to compare with.
    assert.equal(
      await Deno.readTextFile(`${p.lib}/config.toml.example`),
      await Deno.readTextFile(CONFIG),
    );
  });
});

Deno.test("an update keeps the previous binary; --rollback restores it and a second one rolls forward", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const p = layout(root);
    const env = { A1MB_ROOT: root };
    const v1 = await fakeBinary(dir, "1.0.0");
    const v2 = await fakeBinary(dir, "2.0.0");
    assert.equal((await runInstall([...OFFLINE, v1], env)).code, 0);
    const update = await runInstall([...OFFLINE, v2], env);
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stdout, /kept a1mb 1\.0\.0 .* for --rollback/);
    assert.deepEqual(await Deno.readFile(p.bin), await Deno.readFile(v2));
    assert.deepEqual(await Deno.readFile(`${p.lib}/previous/a1mb`), await Deno.readFile(v1));

    // The same artefact again changes nothing and keeps the previous version.
    const again = await runInstall([...OFFLINE, v2], env);
    assert.match(again.stdout, /a1mb 2\.0\.0 .* is already installed/);
    assert.deepEqual(await Deno.readFile(`${p.lib}/previous/a1mb`), await Deno.readFile(v1));

    const back = await runInstall([...OFFLINE, "--rollback"], env);
    assert.equal(back.code, 0, back.stderr);
    assert.match(back.stdout, /rolled back from a1mb 2\.0\.0 .* to a1mb 1\.0\.0/);
    assert.deepEqual(await Deno.readFile(p.bin), await Deno.readFile(v1));
    assert.equal(await mode(p.bin), 0o755);
    assert.match(await Deno.readTextFile(`${p.lib}/version`), /^a1mb 1\.0\.0 /);

    const forward = await runInstall([...OFFLINE, "--rollback"], env);
    assert.equal(forward.code, 0, forward.stderr);
    assert.deepEqual(await Deno.readFile(p.bin), await Deno.readFile(v2));
    assert.ok(!(await names(p.lib)).some((n) => /staging|rollback|\.new-|\.old-/.test(n)));
  });
});

Deno.test("--rollback without a previous version says so and changes nothing", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const v1 = await fakeBinary(dir, "1.0.0");
    await runInstall([...OFFLINE, v1], { A1MB_ROOT: root });
    const r = await runInstall([...OFFLINE, "--rollback"], { A1MB_ROOT: root });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /nothing to roll back to: no previous version in \/usr\/local\/lib\/a1mb\/previous/,
    );
    assert.deepEqual(await Deno.readFile(layout(root).bin), await Deno.readFile(v1));
  });
});

Deno.test("an artefact that does not run on this machine is refused and the installed one stays", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const v1 = await fakeBinary(dir, "1.0.0");
    await runInstall([...OFFLINE, v1], { A1MB_ROOT: root });
    const broken = `${dir}/${BINARY_NAME}`;
    await Deno.writeTextFile(
      broken,
      "#!/bin/sh\necho 'cannot execute binary file: Exec format error' >&2\nexit 126\n",
    );
    const r = await runInstall([...OFFLINE, broken], { A1MB_ROOT: root });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /does not run on this machine \(.+\): .*Exec format error.*needs the aarch64 build/s,
    );
    assert.deepEqual(await Deno.readFile(layout(root).bin), await Deno.readFile(v1));
    assert.equal(await exists(`${layout(root).lib}/previous`), false);
  });
});

Deno.test("a bundle install runs the bundle through a wrapper: same pid, only the permissions a1mb needs", async () => {
  await withTemp(async (dir) => {
    // No A1MB_ROOT: the folders themselves are in the temp dir, so the wrapper really runs.
    const env = {
      A1MB_BIN_DIR: `${dir}/bin`,
      A1MB_LIB_DIR: `${dir}/lib/a1mb`,
      A1MB_CONF_DIR: `${dir}/etc/a1mb`,
      A1MB_UNIT_DIR: `${dir}/units`,
    };
    const bundle = await fakeBundle(dir, "3.0.0");
    const r = await runInstall([...OFFLINE, "--deno", Deno.execPath(), bundle], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await Deno.readFile(`${dir}/lib/a1mb/a1mb.js`), await Deno.readFile(bundle));
    assert.equal(
      await Deno.readTextFile(`${dir}/lib/a1mb/a1mb-rtu-worker.js`),
      "// worker 3.0.0\n",
      "the RTU worker's bundle goes beside a1mb.js",
    );
    assert.equal(await mode(`${dir}/lib/a1mb/deno`), 0o755);
    const wrapper = await Deno.readTextFile(`${dir}/bin/a1mb`);
    assert.match(
      wrapper,
      new RegExp(`^exec "${dir}/lib/a1mb/deno" run .* "${dir}/lib/a1mb/a1mb\\.js" "\\$@"$`, "m"),
    );
    assert.match(wrapper, / --v8-flags=--max-semi-space-size=2 /, "the binaries' V8 flags");

    const version = await new Deno.Command(`${dir}/bin/a1mb`, { args: ["--version"] }).output();
    assert.equal(
      new TextDecoder().decode(version.stdout),
      "a1mb 3.0.0 (variant sdm630: Eastron SDM630-Modbus V2; target bundle)\n",
    );

    const child = new Deno.Command(`${dir}/bin/a1mb`, {
      args: ["probe", "two words"],
      stdout: "piped",
      env: { DENO_DIR: `${dir}/deno-dir` },
    }).spawn();
    const probe = JSON.parse(new TextDecoder().decode((await child.output()).stdout));
    assert.equal(probe.pid, child.pid, "the wrapper execs: systemd's main pid is a1mb itself");
    assert.deepEqual(probe.args, ["probe", "two words"]);
    assert.deepEqual(probe.states, {
      read: "granted",
      write: "granted",
      net: "granted",
      env: "granted",
      ffi: "granted",
      run: "prompt", // not granted, and --no-prompt turns a request into a denial
      sys: "prompt",
    });

    // The unit points at the moved folders.
    const unit = await Deno.readTextFile(`${dir}/units/a1mb.service`);
    assert.match(
      unit,
      new RegExp(`^ExecStart=${dir}/bin/a1mb run --config ${dir}/etc/a1mb/config\\.toml$`, "m"),
    );
    assert.match(unit, new RegExp(`^ReadWritePaths=${dir}/etc/a1mb$`, "m"));
  });
});

Deno.test("the bundle wrapper grants exactly the permissions the compiled artefacts get", async () => {
  // RUN_PERMISSIONS is what the bundle test proved and what deno.json's compile tasks grant.
  const script = await Deno.readTextFile(SCRIPT);
  const flags = script.match(/^DENO_FLAGS="([^"]*)"$/m)?.[1];
  assert.ok(flags !== undefined, "install.sh sets DENO_FLAGS");
  const granted = flags.split(" ").filter((f) => f.startsWith("--allow-")).sort();
  assert.deepEqual(granted, [...RUN_PERMISSIONS].sort());
});

Deno.test("from bundle to binary and back: rollback restores the wrapper, the bundle and Deno", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const p = layout(root);
    const env = { A1MB_ROOT: root };
    const bundle = await fakeBundle(dir, "3.0.0");
    assert.equal((await runInstall([...OFFLINE, "--deno", Deno.execPath(), bundle], env)).code, 0);
    const wrapper = await Deno.readTextFile(p.bin);
    assert.match(wrapper, /^exec "\/usr\/local\/lib\/a1mb\/deno" run /m);

    const binary = await fakeBinary(dir, "4.0.0");
    const r = await runInstall([...OFFLINE, binary], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await Deno.readFile(p.bin), await Deno.readFile(binary));
    assert.equal(await exists(`${p.lib}/a1mb.js`), false, "the bundle is gone with the binary");
    assert.equal(await exists(`${p.lib}/a1mb-rtu-worker.js`), false);
    assert.equal(await exists(`${p.lib}/deno`), false);

    const back = await runInstall([...OFFLINE, "--rollback"], env);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(await Deno.readTextFile(p.bin), wrapper);
    assert.deepEqual(await Deno.readFile(`${p.lib}/a1mb.js`), await Deno.readFile(bundle));
    assert.equal(await Deno.readTextFile(`${p.lib}/a1mb-rtu-worker.js`), "// worker 3.0.0\n");
    assert.deepEqual(await Deno.readFile(`${p.lib}/deno`), await Deno.readFile(Deno.execPath()));
    assert.equal(await mode(`${p.lib}/deno`), 0o755);
  });
});

Deno.test("a bundle without the RTU worker's bundle beside it installs, and says what that means", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const p = layout(root);
    const bundle = await fakeBundle(dir, "3.0.0", false);
    const r = await runInstall([...OFFLINE, "--deno", Deno.execPath(), bundle], {
      A1MB_ROOT: root,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /no a1mb-rtu-worker\.js beside .*a1mb-sdm630\.js: with thread = "worker" RTU is served from the main thread/,
    );
    assert.equal(await exists(`${p.lib}/a1mb-rtu-worker.js`), false);
    assert.deepEqual(await Deno.readFile(`${p.lib}/a1mb.js`), await Deno.readFile(bundle));
  });
});

/** Fake system commands on PATH that log their arguments instead of changing the machine. */
async function fakeSystem(dir: string, opts: { uid?: number; failStart?: boolean } = {}) {
  const bin = `${dir}/fakebin`;
  const log = `${dir}/calls.log`;
  await Deno.mkdir(bin);
  const logLine = `echo "$(basename "$0") $*" >> "${log}"`;
  const scripts: Record<string, string> = {
    // id -u: the uid asked for; id -nG USER: the user is in no group but its own.
    id: `case "$1" in -u) echo ${opts.uid ?? 0} ;; -nG) echo "$2" ;; *) exit 1 ;; esac`,
    // The user does not exist yet.
    getent: `${logLine}\nexit 2`,
    useradd: logLine,
    usermod: logLine,
    chown: logLine,
    systemctl: `${logLine}\n${opts.failStart ? '[ "$1" = start ] && exit 1' : ""}\nexit 0`,
  };
  for (const [name, body] of Object.entries(scripts)) {
    await Deno.writeTextFile(`${bin}/${name}`, `#!/bin/sh\n${body}\n`);
    await Deno.chmod(`${bin}/${name}`, 0o755);
  }
  const calls = async () => (await Deno.readTextFile(log)).trimEnd().split("\n");
  return { path: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`, calls };
}

Deno.test("as root, install creates the user in dialout, owns the config folder and starts the service", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    const sys = await fakeSystem(dir);
    const env = { A1MB_ROOT: root, PATH: sys.path };
    const r = await runInstall([await fakeBinary(dir, "1.0.0")], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await sys.calls(), [
      "getent passwd a1mb",
      "useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --comment a1mb P1 to Modbus converter a1mb",
      "usermod -a -G dialout a1mb",
      `chown root:a1mb ${root}/etc/a1mb/config.toml`,
      `chown a1mb:a1mb ${root}/etc/a1mb`,
      "systemctl daemon-reload",
      "systemctl enable a1mb.service",
      "systemctl start a1mb.service",
    ]);
    assert.equal(await mode(`${root}/etc/a1mb`), 0o750);

    await Deno.remove(`${dir}/calls.log`);
    const update = await runInstall([await fakeBinary(dir, "2.0.0")], env);
    assert.equal(update.code, 0, update.stderr);
    assert.deepEqual((await sys.calls()).filter((c) => c.startsWith("systemctl")), [
      "systemctl daemon-reload",
      "systemctl enable a1mb.service",
      "systemctl restart a1mb.service",
    ]);

    await Deno.remove(`${dir}/calls.log`);
    const back = await runInstall(["--rollback"], env);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(await sys.calls(), [
      "systemctl daemon-reload",
      "systemctl enable a1mb.service",
      "systemctl restart a1mb.service",
    ]);
  });
});

Deno.test("a service that fails to start is reported with the journal and rollback hints", async () => {
  await withTemp(async (dir) => {
    const sys = await fakeSystem(dir, { failStart: true });
    const r = await runInstall([await fakeBinary(dir, "1.0.0")], {
      A1MB_ROOT: `${dir}/root`,
      PATH: sys.path,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /did not start: see `journalctl -u a1mb -n 50`/);
    assert.match(r.stderr, /--rollback/);
  });
});

Deno.test("without root, install refuses unless told not to create users", async () => {
  await withTemp(async (dir) => {
    const sys = await fakeSystem(dir, { uid: 1000 });
    const r = await runInstall([await fakeBinary(dir, "1.0.0")], {
      A1MB_ROOT: `${dir}/root`,
      PATH: sys.path,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /run it as root/);
    assert.equal(await exists(`${dir}/root`), false, "nothing was written");
  });
});

Deno.test("the installed unit with moved folders passes systemd-analyze verify", async () => {
  await withTemp(async (dir) => {
    const env = {
      A1MB_BIN_DIR: `${dir}/bin`,
      A1MB_LIB_DIR: `${dir}/lib/a1mb`,
      A1MB_CONF_DIR: `${dir}/etc/a1mb`,
      A1MB_UNIT_DIR: `${dir}/units`,
    };
    const r = await runInstall([...OFFLINE, await fakeBinary(dir, "1.0.0")], env);
    assert.equal(r.code, 0, r.stderr);
    const out = await new Deno.Command("systemd-analyze", {
      args: ["verify", `${dir}/units/a1mb.service`],
      env: { SYSTEMD_LOG_LEVEL: "notice" },
    }).output().catch((error) => {
      throw new Error(`systemd-analyze is missing (install the Debian package systemd): ${error}`);
    });
    const messages = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    assert.deepEqual(messages.split("\n").filter((l) => l.includes("a1mb.service")), [], messages);
    assert.equal(out.code, 0, messages);
  });
});

Deno.test("the udev rule example names both adapters and every active line is a complete rule", async () => {
  const text = await Deno.readTextFile(new URL("deploy/99-a1mb-serial.rules", REPO));
  const rules = text.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const pair = /^\s*([A-Z_]+(?:\{[A-Za-z_]+\})?)\s*(==|!=|\+=|:=|=)\s*"([^"]*)"\s*$/;
  for (
    const rule of [
      ...rules,
      ...text.split("\n").filter((l) => /^#[A-Z]+/.test(l)).map((l) => l.slice(1)),
    ]
  ) {
    const pairs = rule.split(",").map((p) => pair.exec(p));
    assert.ok(pairs.every((m) => m !== null), `not KEY op "value", …: ${rule}`);
    assert.ok(pairs.some((m) => m?.[2] === "=="), `no match key: ${rule}`);
    assert.ok(pairs.some((m) => m?.[1] === "SYMLINK" && m[2] === "+="), `no SYMLINK+=: ${rule}`);
  }
  assert.match(text, /SYMLINK\+="a1mb-p1"/);
  assert.match(text, /SYMLINK\+="a1mb-rs485"/);
  assert.match(text, /ENV\{ID_SERIAL_SHORT\}==/);
  assert.match(text, /ENV\{ID_PATH\}==/);
});

Deno.test("--deno also takes the Deno release zip, and --no-verify installs without running it", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    // A stand-in Deno in a zip, as the release ships it (deno at the top of the archive).
    const fakeDeno = `${dir}/deno`;
    await Deno.writeTextFile(
      fakeDeno,
      "#!/bin/sh\necho 'a1mb 5.0.0 (variant sdm630; fake deno)'\n",
    );
    const zip = `${dir}/deno-aarch64-unknown-linux-gnu.zip`;
    const zipped = await new Deno.Command("/usr/bin/python3", {
      args: [
        "-c",
        "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').write(sys.argv[2], 'deno')",
        zip,
        fakeDeno,
      ],
    }).output();
    assert.equal(zipped.code, 0, "python3 made the zip");
    const bundle = await fakeBundle(dir, "5.0.0");
    const r = await runInstall([...OFFLINE, "--deno", zip, bundle], { A1MB_ROOT: root });
    assert.equal(r.code, 0, r.stderr);
    const lib = layout(root).lib;
    assert.deepEqual(await Deno.readFile(`${lib}/deno`), await Deno.readFile(fakeDeno));
    assert.equal(await mode(`${lib}/deno`), 0o755);
    assert.equal(
      await Deno.readTextFile(`${lib}/version`),
      "a1mb 5.0.0 (variant sdm630; fake deno)\n",
    );

    // An artefact for another machine can still be staged for it, unverified.
    const other = `${dir}/${BINARY_NAME}`;
    await Deno.writeTextFile(other, "#!/bin/sh\nexit 126\n");
    const staged = await runInstall([...OFFLINE, "--no-verify", other], {
      A1MB_ROOT: `${dir}/stage`,
    });
    assert.equal(staged.code, 0, staged.stderr);
    assert.equal(
      await Deno.readTextFile(`${layout(`${dir}/stage`).lib}/version`),
      "a1mb (not verified)\n",
    );
  });
});

Deno.test("every new configuration gets its own token; an existing one is never given one", async () => {
  await withTemp(async (dir) => {
    const tokens: string[] = [];
    for (const name of ["one", "two"]) {
      const root = `${dir}/${name}`;
      const r = await runInstall([...OFFLINE, await fakeBinary(dir, "1.0.0")], { A1MB_ROOT: root });
      assert.equal(r.code, 0, r.stderr);
      tokens.push(/^token = "(.*)"$/m.exec(await Deno.readTextFile(layout(root).conf))?.[1] ?? "");
    }
    assert.notEqual(tokens[0], tokens[1]);
    // The example beside it keeps the empty token: it documents the default.
    assert.match(
      await Deno.readTextFile(`${dir}/one/usr/local/lib/a1mb/config.toml.example`),
      /^token = ""$/m,
    );
  });
});

Deno.test("a new configuration is the build's own example (a1mb config example) when the artefact gives one", async () => {
  await withTemp(async (dir) => {
    const root = `${dir}/root`;
    // A build whose defaults differ: its example says address 11.
    const example = exampleConfig(await Deno.readTextFile(CONFIG), dtsu666h);
    await Deno.writeTextFile(`${dir}/example.toml`, example);
    const path = `${dir}/${BINARY_NAME}`;
    await Deno.writeTextFile(
      path,
      [
        "#!/bin/sh",
        'case "$1" in',
        '  --version) echo "a1mb 6.0.0 (variant huawei: Huawei DTSU666-H; target aarch64-unknown-linux-gnu)" ;;',
        `  config) [ "$2" = example ] && cat "${dir}/example.toml" ;;`,
        "esac",
      ].join("\n") + "\n",
    );
    const r = await runInstall([...OFFLINE, path], { A1MB_ROOT: root });
    assert.equal(r.code, 0, r.stderr);
    const written = await Deno.readTextFile(layout(root).conf);
    assert.match(
      written,
      /^# Default: 11 \(the dtsu666h build's factory default\)\n# address = 11$/m,
    );
    assert.match(written, /^token = "[0-9a-f]{48}"$/m);
    assert.equal(
      await Deno.readTextFile(`${root}/usr/local/lib/a1mb/config.toml.example`),
      example,
    );
  });
});
