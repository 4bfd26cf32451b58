import assert from "node:assert/strict";
import { HeapTrimmer } from "../../host/heap_trimmer.ts";

Deno.test("heap trimmer: trims on demand, and nothing after stop", () => {
  let trims = 0;
  const trimmer = new HeapTrimmer({ trim: () => (trims++, true) });
  trimmer.trimNow();
  assert.equal(trims, 1);
  trimmer.stop();
  trimmer.trimNow();
  assert.equal(trims, 1, "nothing after stop");
});

Deno.test("heap trimmer: a trim that cannot run is told once and not tried again", () => {
  const told: string[] = [];
  let calls = 0;
  const trimmer = new HeapTrimmer({
    trim: () => {
      calls++;
      throw new Error('Cannot load "libc.so.6" through FFI: no such file');
    },
    onError: (message) => told.push(message),
  });
  trimmer.trimNow();
  trimmer.trimNow();
  assert.equal(calls, 1);
  assert.deepEqual(told, [
    'Cannot release free memory: Cannot load "libc.so.6" through FFI: no such file',
  ]);
});
