import assert from "node:assert/strict";
import { releaseFreeHeap } from "../../drivers/heap_trim.ts";

/** Resident memory of this process, MB. */
function residentMb(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

Deno.test("heap trim: free pages between used chunks go back to the system", () => {
  const c = Deno.dlopen("libc.so.6", {
    malloc: { parameters: ["usize"], result: "pointer" },
    free: { parameters: ["pointer"], result: "void" },
    memset: { parameters: ["pointer", "i32", "usize"], result: "pointer" },
  });
  try {
    // 32 MB in 4 KB chunks, each written, so they are resident; the last one stays in use, so
    // the freed ones lie below a used chunk, where free() alone gives nothing back.
    const chunks: Deno.PointerValue[] = [];
    for (let i = 0; i < 8192; i++) {
      const p = c.symbols.malloc(4096n);
      c.symbols.memset(p, 1, 4096n);
      chunks.push(p);
    }
    const last = chunks.pop() ?? null;
    for (const p of chunks) c.symbols.free(p);
    const before = residentMb();
    assert.equal(releaseFreeHeap(), true);
    const after = residentMb();
    c.symbols.free(last);
    assert.ok(before - after > 16, `resident ${before.toFixed(1)} → ${after.toFixed(1)} MB`);
  } finally {
    c.close();
  }
});

Deno.test("heap trim: says when nothing was released", () => {
  assert.equal(releaseFreeHeap(() => 0), false);
  assert.equal(releaseFreeHeap(() => 1), true);
});
