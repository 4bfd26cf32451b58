import assert from "node:assert/strict";

const UNIT = new URL("../../deploy/a1mb.service", import.meta.url);

async function systemdAnalyze(): Promise<string> {
  for (const path of ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]) {
    try {
      await Deno.stat(path);
      return path;
    } catch { /* try the next */ }
  }
  throw new Error(
    "systemd-analyze is missing: install the Debian package systemd (deno task test does) to verify deploy/a1mb.service",
  );
}

Deno.test("deploy/a1mb.service passes systemd-analyze verify (ExecStart pointed at an existing program)", async () => {
  const analyze = await systemdAnalyze();
  const dir = await Deno.makeTempDir();
  try {
    const text = await Deno.readTextFile(UNIT);
    assert.match(
      text,
      /^ExecStart=\/usr\/local\/bin\/a1mb run --config \/etc\/a1mb\/config.toml$/m,
    );
    // verify refuses a missing binary, and deno compile cannot build one here: point it at a real one.
    const copy = text.replace(/^ExecStart=\S+/m, `ExecStart=${Deno.execPath()}`);
    await Deno.writeTextFile(`${dir}/a1mb.service`, copy);
    const out = await new Deno.Command(analyze, {
      args: ["verify", `${dir}/a1mb.service`],
      env: { SYSTEMD_LOG_LEVEL: "notice" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const messages = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    const ours = messages.split("\n").filter((line) => line.includes("a1mb.service"));
    assert.deepEqual(ours, [], `systemd-analyze complained:\n${messages}`);
    assert.equal(out.code, 0, messages);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deploy/a1mb.service keeps what a meter-cabinet service needs", async () => {
  const text = await Deno.readTextFile(UNIT);
  for (
    const line of [
      "Type=notify",
      "Restart=on-failure",
      "User=a1mb",
      "SupplementaryGroups=dialout",
      "RuntimeDirectory=a1mb",
      "ProtectSystem=strict",
      "ReadWritePaths=/etc/a1mb",
      "NoNewPrivileges=true",
    ]
  ) {
    assert.match(text, new RegExp(`^${line.replace(".", "\\.")}$`, "m"), `missing ${line}`);
  }
  assert.match(text, /^WatchdogSec=\d+$/m);
  // The RTU worker's SCHED_FIFO 10 (host/rtu_worker.ts): allowed by the limit, not forbidden.
  assert.match(text, /^LimitRTPRIO=10$/m);
  assert.doesNotMatch(text, /^RestrictRealtime=true$/m, "it forbids the RTU thread's SCHED_FIFO");
  assert.doesNotMatch(text, /^MemoryDenyWriteExecute=true$/m, "V8's JIT needs writable code pages");
});
