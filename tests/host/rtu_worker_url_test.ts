import assert from "node:assert/strict";
import { RTU_WORKER_BUNDLE, rtuWorkerUrl } from "../../host/rtu_worker_url.ts";

Deno.test("rtu worker module: host/rtu_worker.ts beside the locator when run from source or a compiled binary", () => {
  assert.equal(
    rtuWorkerUrl("file:///opt/a1mb/host/rtu_worker_url.ts").href,
    "file:///opt/a1mb/host/rtu_worker.ts",
  );
  // deno compile keeps the source layout inside the binary (the worker is its --include).
  assert.equal(
    rtuWorkerUrl("file:///tmp/deno-compile-a1mb/host/rtu_worker_url.ts").href,
    "file:///tmp/deno-compile-a1mb/host/rtu_worker.ts",
  );
});

Deno.test("rtu worker module: the worker bundle beside a bundle", () => {
  assert.equal(RTU_WORKER_BUNDLE, "a1mb-rtu-worker.js");
  assert.equal(
    rtuWorkerUrl("file:///usr/local/lib/a1mb/a1mb.js").href,
    "file:///usr/local/lib/a1mb/a1mb-rtu-worker.js",
  );
});

Deno.test("rtu worker module: from this checkout, the entry module that exists in host/", async () => {
  const url = rtuWorkerUrl();
  assert.ok(url.pathname.endsWith("/host/rtu_worker.ts"), url.href);
  assert.ok((await Deno.stat(url)).isFile, url.href);
});
