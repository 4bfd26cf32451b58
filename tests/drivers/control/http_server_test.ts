import assert from "node:assert/strict";
import {
  type ControlHttpServer,
  type ControlSource,
  prometheusText,
  startControlHttp,
} from "../../../drivers/control/mod.ts";

interface Snapshot {
  readonly variant: string;
  readonly telegrams: number;
}

const SOURCE: ControlSource<Snapshot> = {
  snapshot: () => Promise.resolve({ variant: "sdm630", telegrams: 41 }),
  renderMetrics: (s) =>
    prometheusText([{
      type: "counter",
      name: "a1mb_telegrams_total",
      help: "Telegrams accepted.",
      samples: [{ value: s.telegrams }],
    }]),
};

async function withServer(
  source: ControlSource<Snapshot>,
  fn: (base: string, server: ControlHttpServer) => Promise<void>,
): Promise<void> {
  const server = await startControlHttp({ hostname: "127.0.0.1", port: 0, ...source });
  try {
    await fn(`http://127.0.0.1:${server.port}`, server);
  } finally {
    await server.close();
  }
}

Deno.test("GET /status answers the snapshot as JSON", async () => {
  await withServer(SOURCE, async (base) => {
    const response = await fetch(`${base}/status`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.deepEqual(await response.json(), { variant: "sdm630", telegrams: 41 });
  });
});

Deno.test("GET /metrics answers Prometheus text with the 0.0.4 content type", async () => {
  await withServer(SOURCE, async (base) => {
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get("content-type"),
      "text/plain; version=0.0.4; charset=utf-8",
    );
    assert.equal(
      await response.text(),
      "# HELP a1mb_telegrams_total Telegrams accepted.\n# TYPE a1mb_telegrams_total counter\n" +
        "a1mb_telegrams_total 41\n",
    );
  });
});

Deno.test("HEAD /metrics answers the headers without a body", async () => {
  await withServer(SOURCE, async (base) => {
    const response = await fetch(`${base}/metrics`, { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "");
  });
});

/** Requests that are not status or metrics reads, and the status they get. */
const OTHER_REQUESTS: readonly { method: string; path: string; status: number }[] = [
  // An unknown path.
  { method: "GET", path: "/", status: 404 },
  // A near miss.
  { method: "GET", path: "/status/", status: 404 },
  // A path outside the API.
  { method: "GET", path: "/../etc/passwd", status: 404 },
  // A write to a read-only resource.
  { method: "POST", path: "/status", status: 405 },
  // Deleting metrics is not a thing.
  { method: "DELETE", path: "/metrics", status: 405 },
];

for (const r of OTHER_REQUESTS) {
  Deno.test(`${r.method} ${r.path} answers ${r.status}`, async () => {
    await withServer(SOURCE, async (base) => {
      const response = await fetch(`${base}${r.path}`, { method: r.method });
      await response.body?.cancel();
      assert.equal(response.status, r.status);
      if (r.status === 405) assert.equal(response.headers.get("allow"), "GET, HEAD");
    });
  });
}

Deno.test("a snapshot that fails answers 500 with the reason", async () => {
  const failing = { ...SOURCE, snapshot: () => Promise.reject(new Error("not started yet")) };
  await withServer(failing, async (base) => {
    const response = await fetch(`${base}/status`);
    assert.equal(response.status, 500);
    assert.equal(await response.text(), "error: cannot take a snapshot: not started yet\n");
  });
});

Deno.test("a port already in use is a clear start error", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = taken.addr.port;
    await assert.rejects(
      startControlHttp({ hostname: "127.0.0.1", port, ...SOURCE }),
      new RegExp(`^Error: Cannot listen on 127\\.0\\.0\\.1:${port} for HTTP: .*in use`, "i"),
    );
  } finally {
    taken.close();
  }
});

Deno.test("after close the HTTP port no longer accepts connections", async () => {
  const server = await startControlHttp({ hostname: "127.0.0.1", port: 0, ...SOURCE });
  const response = await fetch(`http://127.0.0.1:${server.port}/status`);
  await response.body?.cancel();
  await server.close();
  await assert.rejects(
    Deno.connect({ hostname: "127.0.0.1", port: server.port }),
    Deno.errors.ConnectionRefused,
  );
});
