import assert from "node:assert/strict";
import { HEAP_TRIM_EVERY_MS, HeapTrimmer } from "../../host/heap_trimmer.ts";
import { FakeClock } from "../../drivers/fake_clock.ts";

Deno.test("heap trimmer: trims every interval once started, and on demand", async () => {
  const clock = new FakeClock();
  let trims = 0;
  const trimmer = new HeapTrimmer({ trim: () => (trims++, true), clock });
  trimmer.start();
  await clock.advance(HEAP_TRIM_EVERY_MS - 1);
  assert.equal(trims, 0, "the first periodic trim is one interval away");
  trimmer.trimNow();
  assert.equal(trims, 1);
  await clock.advance(1);
  assert.equal(trims, 2);
  await clock.advance(HEAP_TRIM_EVERY_MS * 3);
  assert.equal(trims, 5);
  trimmer.stop();
  await clock.advance(HEAP_TRIM_EVERY_MS * 3);
  trimmer.trimNow();
  assert.equal(trims, 5, "nothing after stop");
});

Deno.test("heap trimmer: a trim that cannot run is told once and not tried again", async () => {
  const clock = new FakeClock();
  const told: string[] = [];
  let calls = 0;
  const trimmer = new HeapTrimmer({
    trim: () => {
      calls++;
      throw new Error('Cannot load "libc.so.6" through FFI: no such file');
    },
    clock,
    everyMs: 1000,
    onError: (message) => told.push(message),
  });
  trimmer.start();
  await clock.advance(5000);
  trimmer.trimNow();
  assert.equal(calls, 1);
  assert.deepEqual(told, [
    'Cannot release free memory: Cannot load "libc.so.6" through FFI: no such file',
  ]);
  trimmer.stop();
});
