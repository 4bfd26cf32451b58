import assert from "node:assert/strict";
import {
  type HttpAnswer,
  type HttpRequestInfo,
  startAnswerListener,
} from "../../../drivers/http/answer_listener.ts";

Deno.test("answer listener serves the synchronous answer for the method and path", async () => {
  const asked: HttpRequestInfo[] = [];
  const reports: string[] = [];
  const listener = await startAnswerListener({
    hostname: "127.0.0.1",
    port: 0,
    answer: (request): HttpAnswer => {
      asked.push(request);
      if (request.path === "/broken") throw new RangeError("no answer for this");
      return {
        status: request.method === "GET" ? 200 : 405,
        headers: { "content-type": "application/json", "cache-control": "no-store" },
        body: JSON.stringify({ path: request.path }),
      };
    },
    onError: (message) => reports.push(message),
  });
  const base = `http://127.0.0.1:${listener.port}`;
  try {
    const ok = await fetch(`${base}/api/v1/data`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("content-type"), "application/json");
    assert.deepEqual(await ok.json(), { path: "/api/v1/data" });
    const post = await fetch(`${base}/api`, { method: "POST", body: "ignored" });
    assert.equal(post.status, 405);
    await post.body?.cancel();
    const broken = await fetch(`${base}/broken`);
    assert.equal(broken.status, 500);
    await broken.body?.cancel();
    const head = await fetch(`${base}/api`, { method: "HEAD" });
    assert.equal(head.status, 405);
    assert.equal(await head.text(), "");
  } finally {
    await listener.close();
  }
  assert.deepEqual(asked.map((r) => `${r.method} ${r.path}`), [
    "GET /api/v1/data",
    "POST /api",
    "GET /broken",
    "HEAD /api",
  ]);
  assert.deepEqual(reports, ["GET /broken failed: no answer for this"]);
});

Deno.test("answer listener serves an answer without a body", async () => {
  const listener = await startAnswerListener({
    hostname: "127.0.0.1",
    port: 0,
    answer: () => ({ status: 204, headers: {}, body: null }),
  });
  try {
    const response = await fetch(`http://127.0.0.1:${listener.port}/`);
    assert.equal(response.status, 204);
    assert.equal(await response.text(), "");
  } finally {
    await listener.close();
  }
});
