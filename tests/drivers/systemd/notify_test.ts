import assert from "node:assert/strict";
import { FakeNotifySocket, notifierFromEnv } from "../../../drivers/systemd/mod.ts";

const PYTHON = "/usr/bin/python3";
/** Generous wait for a datagram that must arrive (it is sent before we wait). */
const ARRIVAL_MS = 5000;

function envOf(vars: Record<string, string>): (name: string) => string | undefined {
  return (name) => vars[name];
}

function uniqueAbstractName(): string {
  return `@a1mb-test-${Deno.pid}-${crypto.randomUUID()}`;
}

async function receiveAll(socket: FakeNotifySocket, count: number): Promise<string[]> {
  const got: string[] = [];
  for (let i = 0; i < count; i++) {
    const datagram = await socket.receive(ARRIVAL_MS);
    assert.notEqual(datagram, null, `datagram ${i + 1} of ${count} did not arrive`);
    got.push(datagram ?? "");
  }
  return got;
}

/** Sends the four notifications a1mb uses and returns what it expects systemd to read. */
function sendLifecycle(socketAddress: string): string[] {
  const notifier = notifierFromEnv({ env: envOf({ NOTIFY_SOCKET: socketAddress }) });
  try {
    assert.equal(notifier.enabled, true);
    for (
      const r of [
        notifier.ready("serving Modbus RTU on /dev/a1mb-rs485"),
        notifier.watchdog(),
        notifier.status("2 telegrams\nper second"),
        notifier.stopping(),
      ]
    ) assert.deepEqual(r, { ok: true, sent: true });
  } finally {
    notifier.close();
  }
  return [
    "READY=1\nSTATUS=serving Modbus RTU on /dev/a1mb-rs485",
    "WATCHDOG=1",
    "STATUS=2 telegrams per second",
    "STOPPING=1",
  ];
}

Deno.test("notifier sends READY, WATCHDOG, STATUS and STOPPING datagrams to a socket path", async () => {
  const dir = await Deno.makeTempDir();
  const socket = FakeNotifySocket.bind(`${dir}/notify`);
  try {
    const expected = sendLifecycle(`${dir}/notify`);
    assert.deepEqual(await receiveAll(socket, expected.length), expected);
    assert.equal(await socket.receive(20), null, "no extra datagram");
  } finally {
    socket.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("notifier sends its datagrams to an abstract-namespace socket (@name)", async () => {
  const socket = FakeNotifySocket.bind(uniqueAbstractName());
  try {
    const expected = sendLifecycle(socket.address);
    assert.deepEqual(await receiveAll(socket, expected.length), expected);
  } finally {
    socket.close();
  }
});

/** Starts python3 bound to `address` (a path or @name); it prints each datagram as JSON. */
async function pythonReceiver(address: string, count: number) {
  try {
    await Deno.stat(PYTHON);
  } catch {
    throw new Error(`${PYTHON} is missing: install the Debian package python3 to run this test`);
  }
  const script = [
    "import json, socket, sys",
    "a = sys.argv[1]",
    "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
    "s.bind(chr(0) + a[1:] if a.startswith('@') else a)",
    "s.settimeout(10)",
    "print('bound', flush=True)",
    "for _ in range(int(sys.argv[2])): print(json.dumps(s.recv(4096).decode()), flush=True)",
  ].join("\n");
  const child = new Deno.Command(PYTHON, {
    args: ["-c", script, address, String(count)],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).values();
  let pending = "";
  const nextLine = async (): Promise<string | null> => {
    for (;;) {
      const nl = pending.indexOf("\n");
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      const chunk = await lines.next();
      if (chunk.done) return null;
      pending += chunk.value;
    }
  };
  /** Reads stdout to its end, so the pipe is released. */
  const drain = async () => {
    while (!(await lines.next()).done) { /* discard */ }
  };
  return { child, nextLine, drain };
}

for (const kind of ["path", "abstract name"] as const) {
  Deno.test(`python3's own unix socket receives the notifier's datagrams exactly (${kind})`, async () => {
    const dir = await Deno.makeTempDir();
    const address = kind === "path" ? `${dir}/notify` : uniqueAbstractName();
    const receiver = await pythonReceiver(address, 4);
    try {
      assert.equal(await receiver.nextLine(), "bound");
      const expected = sendLifecycle(address);
      const got: unknown[] = [];
      for (let i = 0; i < expected.length; i++) {
        const line = await receiver.nextLine();
        assert.notEqual(line, null, "python3 stopped early");
        got.push(JSON.parse(line ?? ""));
      }
      assert.deepEqual(got, expected);
      assert.equal((await receiver.child.status).code, 0);
    } finally {
      try {
        receiver.child.kill();
      } catch { /* already exited */ }
      await receiver.child.status;
      await receiver.drain();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("without NOTIFY_SOCKET every notification is a no-op and there is no watchdog", () => {
  const notifier = notifierFromEnv({ env: envOf({ WATCHDOG_USEC: "30000000" }) });
  assert.equal(notifier.enabled, false);
  assert.equal(notifier.watchdogIntervalMs, null);
  assert.deepEqual(notifier.ready(), { ok: true, sent: false });
  assert.deepEqual(notifier.watchdog(), { ok: true, sent: false });
  notifier.close();
});

Deno.test("the watchdog interval comes from WATCHDOG_USEC when WATCHDOG_PID is ours", () => {
  const socket = "/run/systemd/notify";
  const ours = notifierFromEnv({
    env: envOf({ NOTIFY_SOCKET: socket, WATCHDOG_USEC: "30000000", WATCHDOG_PID: "77" }),
    pid: 77,
  });
  assert.equal(ours.watchdogIntervalMs, 30000);
  const theirs = notifierFromEnv({
    env: envOf({ NOTIFY_SOCKET: socket, WATCHDOG_USEC: "30000000", WATCHDOG_PID: "78" }),
    pid: 77,
  });
  assert.equal(theirs.watchdogIntervalMs, null);
});

Deno.test("a missing notify socket is returned as an error and reported once per run of failures", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/notify`;
  const reported: string[] = [];
  const notifier = notifierFromEnv({
    env: envOf({ NOTIFY_SOCKET: path }),
    onError: (m) => reported.push(m),
  });
  try {
    const first = notifier.ready();
    assert.deepEqual(first, {
      ok: false,
      error: `Cannot notify systemd at "${path}": no such file or directory (ENOENT)`,
    });
    assert.equal(notifier.watchdog().ok, false);
    assert.equal(reported.length, 1, "two failures in a row are reported once");
    // systemd comes back: the next ping goes through.
    const socket = FakeNotifySocket.bind(path);
    try {
      assert.deepEqual(notifier.watchdog(), { ok: true, sent: true });
      assert.equal(await socket.receive(ARRIVAL_MS), "WATCHDOG=1");
    } finally {
      socket.close();
    }
    // Gone again: a new run of failures is reported again.
    assert.equal(notifier.watchdog().ok, false);
    assert.equal(reported.length, 2);
  } finally {
    notifier.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a malformed NOTIFY_SOCKET or WATCHDOG_USEC is reported, never thrown", () => {
  const reported: string[] = [];
  const notifier = notifierFromEnv({
    env: envOf({ NOTIFY_SOCKET: "notify.sock", WATCHDOG_USEC: "soon" }),
    onError: (m) => reported.push(m),
  });
  assert.equal(notifier.enabled, false);
  assert.deepEqual(reported, [
    'Cannot notify systemd: NOTIFY_SOCKET "notify.sock" is neither an absolute path nor an @abstract name',
    'Ignoring the watchdog: WATCHDOG_USEC "soon" is not a positive number of microseconds',
  ]);
  assert.deepEqual(notifier.problems, reported);
  assert.deepEqual(notifier.ready(), { ok: true, sent: false });
});

Deno.test("an environment that cannot be read (no --allow-env) gives a no-op notifier", () => {
  const notifier = notifierFromEnv({
    env: () => {
      throw new Deno.errors.NotCapable("Requires env access");
    },
  });
  assert.equal(notifier.enabled, false);
  assert.match(notifier.problems[0] ?? "", /^Cannot read NOTIFY_SOCKET: Requires env access$/);
});
