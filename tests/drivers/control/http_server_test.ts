import assert from "node:assert/strict";
import {
  CONTENT_SECURITY_POLICY,
  type ControlHttpServer,
  type ControlSettings,
  type ControlSource,
  type HttpAsset,
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

const TOKEN = "s3cret-token-0123456789";

/** Settings that record what reached them. */
function recording(calls: string[]): ControlSettings {
  return {
    view: () => Promise.resolve({ status: 200, body: { keys: ["modbus.rtu.address"] } }),
    write: (changes, origin) => {
      calls.push(`write ${origin} ${JSON.stringify(changes)}`);
      return Promise.resolve({ status: 200, body: { pending: changes } });
    },
    reboot: (origin) => {
      calls.push(`reboot ${origin}`);
      return Promise.resolve({ status: 202, body: { rebooting: true } });
    },
  };
}

const PAGE: HttpAsset = {
  type: "text/html; charset=utf-8",
  body: new TextEncoder().encode("<!doctype html><title>a1mb</title>"),
};

async function withConsole(
  token: string,
  fn: (base: string, calls: string[]) => Promise<void>,
  extra: Partial<Parameters<typeof startControlHttp<Snapshot>>[0]> = {},
): Promise<void> {
  const calls: string[] = [];
  const server = await startControlHttp({
    hostname: "127.0.0.1",
    port: 0,
    ...SOURCE,
    settings: recording(calls),
    token,
    assets: new Map([["/", PAGE]]),
    documents: new Map([[
      "/api/map",
      (url: URL) => Promise.resolve({ status: 200, body: { q: url.search } }),
    ]]),
    ...extra,
  });
  try {
    await fn(`http://127.0.0.1:${server.port}`, calls);
  } finally {
    await server.close();
  }
}

const post = (base: string, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });

Deno.test("console files, /api/status and documents are served with the strict CSP", async () => {
  await withConsole(TOKEN, async (base) => {
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(await page.text(), "<!doctype html><title>a1mb</title>");
    assert.equal(page.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe|\*|http/);
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    assert.equal(page.headers.get("x-frame-options"), "DENY");
    assert.equal(page.headers.get("set-cookie"), null, "no cookies");

    const status = await fetch(`${base}/api/status`);
    assert.deepEqual(await status.json(), { variant: "sdm630", telegrams: 41 });
    const map = await fetch(`${base}/api/map?space=input`);
    assert.deepEqual(await map.json(), { q: "?space=input" });
    const config = await fetch(`${base}/api/config`);
    assert.deepEqual(await config.json(), { keys: ["modbus.rtu.address"] });
  });
});

Deno.test("a write with the right bearer token reaches the settings", async () => {
  await withConsole(TOKEN, async (base, calls) => {
    const saved = await post(base, "/api/config", '{"modbus.rtu.address": 7}', {
      authorization: `Bearer ${TOKEN}`,
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), { pending: { "modbus.rtu.address": 7 } });
    const reboot = await post(base, "/api/reboot", "", { authorization: `bearer ${TOKEN}` });
    assert.equal(reboot.status, 202);
    await reboot.body?.cancel();
    assert.deepEqual(calls, ['write http {"modbus.rtu.address":7}', "reboot http"]);
  });
});

/** Writes that must be refused before they touch anything, and the answer each gets. */
const REFUSED_WRITES: readonly {
  name: string;
  token: string;
  path: string;
  body: string;
  headers: Record<string, string>;
  status: number;
  error: RegExp;
}[] = [
  // No Authorization header at all.
  {
    name: "no token",
    token: TOKEN,
    path: "/api/config",
    body: '{"modbus.rtu.address": 7}',
    headers: {},
    status: 401,
    error: /Authorization: Bearer/,
  },
  // A token that is one character off.
  {
    name: "wrong token",
    token: TOKEN,
    path: "/api/reboot",
    body: "",
    headers: { authorization: `Bearer ${TOKEN}x` },
    status: 401,
    error: /Wrong token: nothing was changed/,
  },
  // Basic auth is not a bearer token.
  {
    name: "basic auth",
    token: TOKEN,
    path: "/api/config",
    body: '{"modbus.rtu.address": 7}',
    headers: { authorization: `Basic ${btoa(`a1mb:${TOKEN}`)}` },
    status: 401,
    error: /Authorization: Bearer/,
  },
  // No token configured: the console is read-only, whatever the request carries.
  {
    name: "read-only console",
    token: "",
    path: "/api/config",
    body: '{"modbus.rtu.address": 7}',
    headers: { authorization: "Bearer " },
    status: 403,
    error: /read-only: no \[control\] token/,
  },
  // A body that is not JSON.
  {
    name: "not JSON",
    token: TOKEN,
    path: "/api/config",
    body: "address=7",
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 400,
    error: /not JSON/,
  },
  // JSON, but not an object.
  {
    name: "an array",
    token: TOKEN,
    path: "/api/config",
    body: "[7]",
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 400,
    error: /JSON object of keys and values/,
  },
  // An empty object changes nothing.
  {
    name: "no keys",
    token: TOKEN,
    path: "/api/config",
    body: "{}",
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 400,
    error: /names no key/,
  },
  // A form post (what a cross-site page could send) is not JSON.
  {
    name: "form body",
    token: TOKEN,
    path: "/api/config",
    body: "a=1",
    headers: {
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    status: 415,
    error: /must be JSON/,
  },
  // A body over the limit.
  {
    name: "too large",
    token: TOKEN,
    path: "/api/config",
    body: JSON.stringify({ "a1.device": "x".repeat(20_000) }),
    headers: { authorization: `Bearer ${TOKEN}` },
    status: 413,
    error: /exceeds 16384 bytes/,
  },
];

for (const w of REFUSED_WRITES) {
  Deno.test(`a write is refused (${w.name}): ${w.status} with a JSON error, nothing touched`, async () => {
    await withConsole(w.token, async (base, calls) => {
      const response = await post(base, w.path, w.body, w.headers);
      assert.equal(response.status, w.status);
      assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
      assert.match((await response.json()).error, w.error);
      if (w.status === 401) assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
      assert.deepEqual(calls, []);
      // And the server keeps serving.
      const status = await fetch(`${base}/api/status`);
      assert.equal(status.status, 200);
      await status.body?.cancel();
    });
  });
}

Deno.test("a body streamed past the limit without a length is cut off with 413", async () => {
  await withConsole(TOKEN, async (base, calls) => {
    const chunk = new TextEncoder().encode("x".repeat(4096));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${base}/api/config`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(response.status, 413);
    await response.body?.cancel();
    assert.deepEqual(calls, []);
  });
});

Deno.test("wrong methods and unknown paths get JSON errors naming what is allowed", async () => {
  await withConsole(TOKEN, async (base) => {
    const get = await fetch(`${base}/api/reboot`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST");
    assert.match((await get.json()).error, /use POST/);
    const put = await fetch(`${base}/api/config`, { method: "PUT", body: "{}" });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get("allow"), "GET, HEAD, POST");
    await put.body?.cancel();
    const postPage = await fetch(`${base}/`, { method: "POST" });
    assert.equal(postPage.status, 405);
    await postPage.body?.cancel();
    const missing = await fetch(`${base}/api/nothing`);
    assert.equal(missing.status, 404);
    assert.match((await missing.json()).error, /Not found: "\/api\/nothing"/);
  });
});

Deno.test("more requests than allowed at once are answered 503 at once", async () => {
  let entered = 0;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await withConsole(TOKEN, async (base) => {
    const slow = [1, 2].map(() => fetch(`${base}/api/map`));
    // Wait until both are inside the handler.
    for (let i = 0; i < 100 && entered < 2; i++) await new Promise((r) => setTimeout(r, 10));
    const third = await fetch(`${base}/api/status`);
    assert.equal(third.status, 503);
    assert.equal(third.headers.get("retry-after"), "1");
    await third.body?.cancel();
    release();
    for (const response of await Promise.all(slow)) {
      assert.equal(response.status, 200);
      await response.body?.cancel();
    }
  }, {
    maxInFlight: 2,
    documents: new Map([["/api/map", async () => {
      entered++;
      await held;
      return { status: 200, body: {} };
    }]]),
  });
});

Deno.test("more requests a second than allowed are answered 429 at once; the budget refills", async () => {
  await withConsole(TOKEN, async (base) => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${base}/favicon.svg`);
      await response.body?.cancel();
      statuses.push(response.status);
    }
    // The page is not in this server's assets: 404s count like any answer.
    assert.deepEqual(statuses.slice(0, 5), [404, 404, 404, 404, 404]);
    assert.deepEqual(statuses.slice(5), [429, 429, 429]);
    const refused = await fetch(`${base}/api/status`);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "1");
    assert.match((await refused.json()).error, /Too many requests: at most 5 a second/);
    await new Promise((r) => setTimeout(r, 450)); // two more requests' worth
    const again = await fetch(`${base}/api/status`);
    assert.equal(again.status, 200);
    await again.body?.cancel();
  }, { maxPerSecond: 5 });
});

Deno.test("requests close together share one snapshot: the actors are asked once", async () => {
  let taken = 0;
  const counting: ControlSource<Snapshot> = {
    ...SOURCE,
    snapshot: () => {
      taken++;
      return Promise.resolve({ variant: "sdm630", telegrams: taken });
    },
  };
  const server = await startControlHttp({
    hostname: "127.0.0.1",
    port: 0,
    ...counting,
    snapshotMaxAgeMs: 10_000,
  });
  try {
    const bodies = await Promise.all(
      [1, 2, 3, 4].map(async () =>
        (await fetch(`http://127.0.0.1:${server.port}/api/status`)).json()
      ),
    );
    assert.deepEqual(bodies.map((b) => b.telegrams), [1, 1, 1, 1]);
    assert.equal(taken, 1);
  } finally {
    await server.close();
  }
});

Deno.test("a request that fails inside the server answers a JSON 500 with the CSP and is reported", async () => {
  const reports: string[] = [];
  await withConsole(TOKEN, async (base) => {
    const failed = await fetch(`${base}/api/map`);
    assert.equal(failed.status, 500);
    assert.equal(failed.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
    assert.deepEqual(await failed.json(), { error: "Internal error: see the a1mb log" });
    const status = await fetch(`${base}/api/status`);
    assert.equal(status.status, 200);
    await status.body?.cancel();
  }, {
    // A document that throws instead of returning a rejected promise: a bug, not a bad request.
    documents: new Map([["/api/map", () => {
      throw new Error("map not built");
    }]]),
    onError: (message) => reports.push(message),
  });
  assert.deepEqual(reports, ["GET /api/map failed: map not built"]);
});

Deno.test("HEAD on the API answers the headers without a body", async () => {
  await withConsole(TOKEN, async (base) => {
    const response = await fetch(`${base}/api/config`, { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY);
    assert.equal(await response.text(), "");
  });
});
