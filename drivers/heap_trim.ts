/**
 * Gives memory the C allocator holds but no longer uses back to the system (glibc's
 * `malloc_trim(0)` through libc FFI).
 *
 * glibc keeps freed memory for reuse: the top of its heaps is returned once large enough, but
 * free pages between chunks still in use stay resident for as long as the process runs. Deno's
 * own work leaves much of it: the first start of a new bundle (or with an empty `DENO_DIR`)
 * analyses the 1.6 MB file and keeps ~20 MB of freed memory resident. `malloc_trim(0)` walks
 * every heap (every arena) and releases each whole free page; it takes 0.2–2 ms.
 *
 * @module
 */
import { openLibc } from "./ffi/libc.ts";

/** `malloc_trim(pad)`: 1 if memory was released, 0 if not. */
export type MallocTrim = (pad: number) => number;

let trim: MallocTrim | undefined;

/**
 * The real `malloc_trim`, through libc (opened on first use).
 *
 * @throws {Error} when libc cannot be loaded (no `--allow-ffi`, or not a glibc system).
 */
export function libcMallocTrim(): MallocTrim {
  if (trim !== undefined) return trim;
  const lib = openLibc({ malloc_trim: { parameters: ["usize"], result: "i32" } });
  trim = (pad) => lib.malloc_trim(BigInt(pad));
  return trim;
}

/**
 * Releases the C heap's free pages to the system; true if any were released.
 *
 * @example
 * ```ts
 * import { releaseFreeHeap } from "./heap_trim.ts";
 *
 * const released = releaseFreeHeap(); // true or false: glibc's malloc_trim(0) ran
 * // A double of glibc, as tests pass one:
 * releaseFreeHeap(() => 0); // false: nothing was released
 * ```
 *
 * @throws {Error} when libc cannot be loaded (no `--allow-ffi`, or not a glibc system).
 */
export function releaseFreeHeap(mallocTrim: MallocTrim = libcMallocTrim()): boolean {
  return mallocTrim(0) === 1;
}
