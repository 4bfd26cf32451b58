import assert from "node:assert/strict";
import { RTU_WORKER_BUNDLE, rtuWorkerUrl } from "../../../actors/modbus/rtu_engines.ts";

Deno.test("rtu worker module: rtu_worker.ts beside the engine when run from source or a compiled binary", () => {
  assert.equal(
    rtuWorkerUrl("file:///opt/a1mb/actors/modbus/rtu_engines.ts").href,
    "file:///opt/a1mb/actors/modbus/rtu_worker.ts",
  );
  // deno compile keeps the source layout inside the binary (the worker is its --include).
  assert.equal(
    rtuWorkerUrl("file:///tmp/deno-compile-a1mb/actors/modbus/rtu_engines.ts").href,
    "file:///tmp/deno-compile-a1mb/actors/modbus/rtu_worker.ts",
  );
});

Deno.test("rtu worker module: the worker bundle beside a bundle", () => {
  assert.equal(RTU_WORKER_BUNDLE, "a1mb-rtu-worker.js");
  assert.equal(
    rtuWorkerUrl("file:///usr/local/lib/a1mb/a1mb.js").href,
    "file:///usr/local/lib/a1mb/a1mb-rtu-worker.js",
  );
});
