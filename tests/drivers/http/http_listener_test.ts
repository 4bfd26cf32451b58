import assert from "node:assert/strict";
import { type HttpHandler, startHttpListener } from "../../../drivers/http/http_listener.ts";

/** Starts a listener on a free loopback port, runs `fn`, closes it; the reports it made. */
async function withListener(
  handler: HttpHandler,
  fn: (base: string, port: number) => Promise<void>,
  internalError?: () => Response,
): Promise<string[]> {
  const reports: string[] = [];
  const listener = await startHttpListener({
    hostname: "127.0.0.1",
    port: 0,
    handler,
    onError: (message) => reports.push(message),
    ...(internalError === undefined ? {} : { internalError }),
  });
  try {
    await fn(`http://127.0.0.1:${listener.port}`, listener.port);
  } finally {
    await listener.close();
  }
  return reports;
}

/** Writes raw bytes to the port and reads until the server closes. */
async function rawExchange(port: number, request: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(request));
    const chunks: string[] = [];
    const buffer = new Uint8Array(4096);
    const decoder = new TextDecoder();
    for (;;) {
      const n = await conn.read(buffer);
      if (n === null) break;
      chunks.push(decoder.decode(buffer.subarray(0, n), { stream: true }));
    }
    return chunks.join("");
  } finally {
    try {
      conn.close();
    } catch { /* closed by the server */ }
  }
}

Deno.test("http listener hands the handler the request, its method and path", async () => {
  await withListener(async (request, info) => {
    const body = await request.text();
    return new Response(`${info.method} ${info.path} ${body}`, { status: 201 });
  }, async (base) => {
    const response = await fetch(`${base}/api/v1/data?x=1`, { method: "POST", body: "hi" });
    assert.equal(response.status, 201);
    assert.equal(await response.text(), "POST /api/v1/data hi");
  });
});

Deno.test("http listener answers 500 to a handler that throws, reports it and keeps serving", async () => {
  const handler: HttpHandler = (_request, info) => {
    if (info.path === "/sync") throw new TypeError("no such thing");
    if (info.path === "/async") return Promise.reject(new Error("gone wrong later"));
    return new Response("fine");
  };
  const reports = await withListener(handler, async (base) => {
    const sync = await fetch(`${base}/sync`);
    assert.equal(sync.status, 500);
    assert.equal(sync.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await sync.text(), "Internal error\n");
    const later = await fetch(`${base}/async`, { method: "DELETE" });
    assert.equal(later.status, 500);
    await later.body?.cancel();
    const fine = await fetch(`${base}/other`);
    assert.equal(fine.status, 200);
    assert.equal(await fine.text(), "fine");
  });
  assert.deepEqual(reports, [
    "GET /sync failed: no such thing",
    "DELETE /async failed: gone wrong later",
  ]);
});

Deno.test("http listener answers a failed request with the caller's 500 when given", async () => {
  await withListener(() => {
    throw new Error("bug");
  }, async (base) => {
    const response = await fetch(`${base}/`);
    assert.equal(response.status, 500);
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.deepEqual(await response.json(), { error: "see the log" });
  }, () => Response.json({ error: "see the log" }, { status: 500 }));
});

Deno.test("http listener answers HEAD with the handler's status, headers and length, no body", async () => {
  let asked = "";
  await withListener((_request, info) => {
    asked = info.method;
    return new Response("a body", { status: 203, headers: { "x-answer": "yes" } });
  }, async (_base, port) => {
    const raw = await rawExchange(
      port,
      "HEAD / HTTP/1.1\r\nHost: a1mb\r\nConnection: close\r\n\r\n",
    );
    const [head = "", body] = raw.split("\r\n\r\n");
    assert.match(head, /^HTTP\/1\.1 203 /);
    assert.match(head, /\r\nx-answer: yes\r\n/i);
    assert.match(head, /\r\ncontent-length: 6\r\n/i);
    assert.equal(body, "", "no body after the headers");
  });
  assert.equal(asked, "HEAD");
});

Deno.test("http listener answers malformed HTTP 400 without calling the handler, and keeps serving", async () => {
  let calls = 0;
  await withListener(() => {
    calls++;
    return new Response("ok");
  }, async (base, port) => {
    const garbage = await rawExchange(port, "NOT HTTP AT ALL\r\n\r\n");
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    const badHeader = await rawExchange(port, "GET / HTTP/1.1\r\nHost x\r\n\r\n");
    assert.match(badHeader, /^HTTP\/1\.1 400 /);
    assert.equal(calls, 0);
    const response = await fetch(`${base}/`);
    assert.equal(await response.text(), "ok");
    assert.equal(calls, 1);
  });
});

Deno.test("http listener on port 0 reports the free port it listens on", async () => {
  const listener = await startHttpListener({
    hostname: "127.0.0.1",
    port: 0,
    handler: () => new Response("here"),
  });
  try {
    assert.equal(listener.hostname, "127.0.0.1");
    assert.ok(listener.port > 0 && listener.port < 65536, `port ${listener.port}`);
    assert.equal(await (await fetch(`http://127.0.0.1:${listener.port}/`)).text(), "here");
  } finally {
    await listener.close();
  }
});

Deno.test("http listener's close releases the port: it can be listened on again", async () => {
  const listener = await startHttpListener({
    hostname: "127.0.0.1",
    port: 0,
    handler: () => new Response("first"),
  });
  const port = listener.port;
  await (await fetch(`http://127.0.0.1:${port}/`)).body?.cancel();
  await listener.close();
  await listener.close(); // twice is harmless
  await assert.rejects(
    Deno.connect({ hostname: "127.0.0.1", port }),
    Deno.errors.ConnectionRefused,
  );
  const again = await startHttpListener({
    hostname: "127.0.0.1",
    port,
    handler: () => new Response("second"),
  });
  try {
    assert.equal(again.port, port);
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), "second");
  } finally {
    await again.close();
  }
});

Deno.test("http listener on a busy port fails with an error naming host and port", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = taken.addr.port;
    await assert.rejects(
      startHttpListener({ hostname: "127.0.0.1", port, handler: () => new Response() }),
      (error: Error) => {
        assert.match(
          error.message,
          new RegExp(`^Cannot listen on 127\\.0\\.0\\.1:${port} for HTTP: .*in use`, "i"),
        );
        assert.ok(error.cause instanceof Deno.errors.AddrInUse);
        return true;
      },
    );
  } finally {
    taken.close();
  }
});

Deno.test("http listener names an IPv6 address in brackets when it cannot listen", async () => {
  // 2001:db8::/32 is for documentation: never an address of this machine.
  await assert.rejects(
    startHttpListener({ hostname: "2001:db8::1", port: 8080, handler: () => new Response() }),
    /^Error: Cannot listen on \[2001:db8::1\]:8080 for HTTP: /,
  );
});
