import assert from "node:assert/strict";
import {
  type ControlSettings,
  type ControlSource,
  prometheusText,
  requestControl,
  startControlSocket,
} from "../../../drivers/control/mod.ts";

const PYTHON = "/usr/bin/python3";
/** Generous bound for answers that must come (never a timing assertion). */
const TIMEOUT = 5000;

interface Snapshot {
  readonly uptime_s: number;
  readonly telegrams: number;
}

const SOURCE: ControlSource<Snapshot> = {
  snapshot: () => Promise.resolve({ uptime_s: 12, telegrams: 7 }),
  renderMetrics: (s) =>
    prometheusText([{
      type: "counter",
      name: "a1mb_telegrams_total",
      help: "Telegrams accepted.",
      samples: [{ value: s.telegrams }],
    }]),
};

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Sends raw bytes on the socket and reads until the server closes. */
async function rawExchange(path: string, request: string): Promise<string> {
  const conn = await Deno.connect({ transport: "unix", path });
  try {
    await conn.write(new TextEncoder().encode(request));
    return await new Response(conn.readable).text();
  } catch (error) {
    conn.close();
    throw error;
  }
}

/** Leaves a socket file nobody listens on, as a killed process does (python3 binds and exits). */
async function staleSocket(path: string): Promise<void> {
  const out = await new Deno.Command(PYTHON, {
    args: ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path],
  }).output().catch((error) => {
    throw new Error(`${PYTHON} is needed to leave a stale socket: ${error}`);
  });
  assert.equal(out.code, 0);
  assert.ok((await Deno.lstat(path)).isSocket);
}

Deno.test("control socket answers status with JSON and metrics with Prometheus text, then closes", async () => {
  await withDir(async (dir) => {
    const server = await startControlSocket({ path: `${dir}/control.sock`, ...SOURCE });
    try {
      assert.equal(
        await rawExchange(server.path, "status\n"),
        '{\n  "uptime_s": 12,\n  "telegrams": 7\n}\n',
      );
      assert.equal(
        await rawExchange(server.path, "metrics\r\n"),
        "# HELP a1mb_telegrams_total Telegrams accepted.\n# TYPE a1mb_telegrams_total counter\n" +
          "a1mb_telegrams_total 7\n",
      );
      assert.deepEqual(await requestControl(server.path, "status", TIMEOUT), {
        ok: true,
        body: '{\n  "uptime_s": 12,\n  "telegrams": 7\n}\n',
      });
      assert.equal(server.requests, 3);
    } finally {
      await server.close();
    }
  });
});

Deno.test("control socket file is group read-write (0660) and removed at stop", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/control.sock`;
    const server = await startControlSocket({ path, ...SOURCE });
    const info = await Deno.lstat(path);
    assert.ok(info.isSocket);
    assert.equal((info.mode ?? 0) & 0o777, 0o660);
    await server.close();
    await assert.rejects(Deno.lstat(path), Deno.errors.NotFound);
    await server.close(); // idempotent
  });
});

Deno.test("control socket honours a custom mode", async () => {
  await withDir(async (dir) => {
    const server = await startControlSocket({ path: `${dir}/c.sock`, mode: 0o600, ...SOURCE });
    try {
      assert.equal(((await Deno.lstat(server.path)).mode ?? 0) & 0o777, 0o600);
    } finally {
      await server.close();
    }
  });
});

Deno.test("control socket removes a stale socket file left by a crashed instance", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/control.sock`;
    await staleSocket(path);
    const server = await startControlSocket({ path, ...SOURCE });
    try {
      assert.equal((await requestControl(path, "status", TIMEOUT)).ok, true);
    } finally {
      await server.close();
    }
  });
});

Deno.test("control socket refuses to start where another instance answers, and leaves it running", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/control.sock`;
    const first = await startControlSocket({ path, ...SOURCE });
    try {
      await assert.rejects(
        startControlSocket({ path, ...SOURCE }),
        new RegExp(`Cannot listen on "${path}": another a1mb instance is answering there`),
      );
      assert.equal((await requestControl(path, "status", TIMEOUT)).ok, true);
    } finally {
      await first.close();
    }
  });
});

Deno.test("control socket refuses to replace a file that is not a socket", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/control.sock`;
    await Deno.writeTextFile(path, "not a socket");
    await assert.rejects(startControlSocket({ path, ...SOURCE }), /exists and is not a socket/);
    assert.equal(await Deno.readTextFile(path), "not a socket");
  });
});

Deno.test("control socket answers an unknown request with an error line", async () => {
  await withDir(async (dir) => {
    const server = await startControlSocket({ path: `${dir}/control.sock`, ...SOURCE });
    try {
      assert.equal(
        await rawExchange(server.path, "restart\n"),
        'error: unknown request "restart" (expected status, metrics, config, set, reboot)\n',
      );
      // Settings requests to an instance that offers none.
      assert.equal(
        await rawExchange(server.path, "reboot\n"),
        'error: this instance does not offer "reboot"\n',
      );
      assert.equal(
        await rawExchange(server.path, "status now\n"),
        'error: "status" takes no argument\n',
      );
    } finally {
      await server.close();
    }
  });
});

Deno.test("control socket reports a failing snapshot and one that never comes", async () => {
  await withDir(async (dir) => {
    const failing = await startControlSocket({
      ...SOURCE,
      path: `${dir}/failing.sock`,
      snapshot: () => Promise.reject(new Error("registerStore is restarting")),
    });
    const hanging = await startControlSocket({
      ...SOURCE,
      path: `${dir}/hanging.sock`,
      timeoutMs: 100,
      snapshot: () => new Promise<Snapshot>(() => {}),
    });
    try {
      assert.deepEqual(await requestControl(failing.path, "metrics", TIMEOUT), {
        ok: false,
        error: 'a1mb cannot answer "metrics": cannot take a snapshot: registerStore is restarting',
      });
      assert.deepEqual(await requestControl(hanging.path, "status", TIMEOUT), {
        ok: false,
        error: 'a1mb cannot answer "status": no snapshot within 100 ms',
      });
    } finally {
      await failing.close();
      await hanging.close();
    }
  });
});

Deno.test("a silent client neither blocks other requests nor the stop", async () => {
  await withDir(async (dir) => {
    const server = await startControlSocket({ path: `${dir}/control.sock`, ...SOURCE });
    const silent = await Deno.connect({ transport: "unix", path: server.path });
    try {
      assert.equal((await requestControl(server.path, "status", TIMEOUT)).ok, true);
      await server.close();
      // The server closed the silent connection: its read ends.
      assert.equal(await silent.read(new Uint8Array(16)), null);
    } finally {
      silent.close();
      await server.close();
    }
  });
});

Deno.test("requestControl without a running instance says so: missing socket file", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/control.sock`;
    assert.deepEqual(await requestControl(path, "status", TIMEOUT), {
      ok: false,
      error: `No a1mb instance is running (cannot connect to ${path}: no such file)`,
      noInstance: true,
    });
  });
});

Deno.test("requestControl without a running instance says so: stale socket file", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/control.sock`;
    await staleSocket(path);
    assert.deepEqual(await requestControl(path, "status", TIMEOUT), {
      ok: false,
      error: `No a1mb instance is running (cannot connect to ${path}: connection refused)`,
      noInstance: true,
    });
  });
});

Deno.test("requestControl gives up on a server that accepts but never answers", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/mute.sock`;
    const listener = Deno.listen({ transport: "unix", path });
    const held: Deno.Conn[] = [];
    const accepting = (async () => {
      for await (const conn of listener) held.push(conn);
    })();
    try {
      assert.deepEqual(await requestControl(path, "status", 200), {
        ok: false,
        error: `No answer from a1mb on ${path} within 200 ms`,
      });
    } finally {
      listener.close();
      await accepting;
      for (const conn of held) conn.close();
    }
  });
});

/** Settings that record what they were asked and answer like the host does. */
function recordingSettings(calls: string[]): ControlSettings {
  return {
    view: () => {
      calls.push("view");
      return Promise.resolve({ status: 200, body: { keys: [] } });
    },
    write: (changes, origin) => {
      calls.push(`write ${origin} ${JSON.stringify(changes)}`);
      return Promise.resolve(
        "bad" in changes
          ? { status: 400, body: { error: "refused", problems: [{ key: "bad" }] } }
          : { status: 200, body: { pending: changes } },
      );
    },
    reboot: (origin) => {
      calls.push(`reboot ${origin}`);
      return Promise.resolve({ status: 202, body: { rebooting: true } });
    },
  };
}

Deno.test("control socket passes config, set and reboot to the settings and answers their JSON", async () => {
  await withDir(async (dir) => {
    const calls: string[] = [];
    const server = await startControlSocket({
      path: `${dir}/control.sock`,
      ...SOURCE,
      settings: recordingSettings(calls),
    });
    try {
      const ask = async (command: "config" | "set" | "reboot", argument = "") => {
        const reply = await requestControl(server.path, command, TIMEOUT, argument);
        assert.ok(reply.ok, reply.ok ? "" : reply.error);
        return JSON.parse(reply.body);
      };
      assert.deepEqual(await ask("config"), { status: 200, body: { keys: [] } });
      assert.deepEqual(await ask("set", JSON.stringify({ "modbus.rtu.address": 7 })), {
        status: 200,
        body: { pending: { "modbus.rtu.address": 7 } },
      });
      assert.deepEqual(await ask("set", '{"bad": 1}'), {
        status: 400,
        body: { error: "refused", problems: [{ key: "bad" }] },
      });
      assert.deepEqual(await ask("reboot"), { status: 202, body: { rebooting: true } });
      assert.deepEqual(calls, [
        "view",
        'write socket {"modbus.rtu.address":7}',
        'write socket {"bad":1}',
        "reboot socket",
      ]);
      // A set line that is not a JSON object reaches nothing.
      for (const line of ["set\n", "set [1]\n", "set {oops\n", "config x\n"]) {
        assert.match(await rawExchange(server.path, line), /^error: /, line);
      }
      assert.equal(calls.length, 4);
    } finally {
      await server.close();
    }
  });
});
