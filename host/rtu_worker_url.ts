/**
 * Where the RTU slave's worker thread module is, for each way a1mb runs: from source, as a
 * compiled binary, or as a bundle.
 *
 * @module
 */

/** The file a bundle's worker thread runs: built beside the bundle by the `bundle:*` tasks. */
export const RTU_WORKER_BUNDLE = "a1mb-rtu-worker.js";

/**
 * The worker module for the code running `moduleUrl` (this module's own URL unless given):
 * `rtu_worker.ts` beside this file when run from source or a compiled binary (whose `--include`
 * keeps the source layout), else (inside a bundle, where this file is the bundle)
 * {@linkcode RTU_WORKER_BUNDLE} beside the bundle.
 *
 * @example
 * ```ts
 * import { rtuWorkerUrl } from "./rtu_worker_url.ts";
 *
 * rtuWorkerUrl("file:///opt/a1mb/host/rtu_worker_url.ts").href; // "file:///opt/a1mb/host/rtu_worker.ts"
 * rtuWorkerUrl("file:///usr/local/lib/a1mb/a1mb.js").href; // "file:///usr/local/lib/a1mb/a1mb-rtu-worker.js"
 * ```
 */
export function rtuWorkerUrl(moduleUrl: string = import.meta.url): URL {
  const fromSource = new URL(moduleUrl).pathname.endsWith("/host/rtu_worker_url.ts");
  return new URL(fromSource ? "./rtu_worker.ts" : `./${RTU_WORKER_BUNDLE}`, moduleUrl);
}
