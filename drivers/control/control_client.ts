/**
 * The client side of the control socket, for `a1mb status`: connect, send one request line,
 * read the answer until the server closes.
 *
 * @module
 */
import type { ControlCommand } from "./control_source.ts";

/** The answer of the running instance, or why there is none (one line for the user). */
export type ControlReply =
  | { readonly ok: true; readonly body: string }
  | {
    readonly ok: false;
    readonly error: string;
    /** True when nothing listens on the socket (no file, or connection refused). */
    readonly noInstance?: boolean;
  };

/** Largest answer accepted, in bytes. */
const MAX_REPLY = 16 * 1024 * 1024;

/**
 * Asks the running a1mb on `path` for its `status` (JSON) or `metrics` (Prometheus text), or
 * sends a settings request (`config`, `set` with its JSON `argument`, `reboot`).
 * Never throws: a missing socket, a refused connection, a denied permission, a timeout or an
 * error answer come back as `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * import { requestControl } from "./control_client.ts";
 *
 * // No a1mb runs on this path: the reply says so instead of throwing.
 * const path = `${await Deno.makeTempDir()}/control.sock`;
 * const reply = await requestControl(path, "status", 5000);
 * // reply.error:
 * // "No a1mb instance is running (cannot connect to …/control.sock: no such file)"
 * if (reply.ok || !reply.error.startsWith("No a1mb instance is running")) {
 *   throw new Error("unexpected");
 * }
 * await Deno.remove(path.slice(0, path.lastIndexOf("/")));
 * ```
 */
export async function requestControl(
  path: string,
  command: ControlCommand,
  timeoutMs: number,
  argument = "",
): Promise<ControlReply> {
  let conn: Deno.UnixConn | null = null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (conn !== null) closeQuietly(conn);
  }, timeoutMs);
  const late = `No answer from a1mb on ${path} within ${timeoutMs} ms`;
  try {
    try {
      conn = await Deno.connect({ transport: "unix", path });
    } catch (error) {
      const noInstance = error instanceof Deno.errors.NotFound ||
        error instanceof Deno.errors.ConnectionRefused;
      return { ok: false, error: connectError(path, error), noInstance };
    }
    if (timedOut) return { ok: false, error: late };
    const c: Deno.UnixConn = conn;
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      const line = argument === "" ? command : `${command} ${argument}`;
      const request = new TextEncoder().encode(`${line.replaceAll("\n", " ")}\n`);
      let offset = 0;
      while (offset < request.length) offset += await c.write(request.subarray(offset));
      const buffer = new Uint8Array(64 * 1024);
      for (;;) {
        const n = await c.read(buffer);
        if (n === null) break;
        total += n;
        if (total > MAX_REPLY) {
          return { ok: false, error: `The answer from a1mb on ${path} exceeds ${MAX_REPLY} bytes` };
        }
        chunks.push(buffer.slice(0, n));
      }
    } catch (error) {
      if (timedOut) return { ok: false, error: late };
      return { ok: false, error: `Lost the connection to a1mb on ${path}: ${message(error)}` };
    }
    if (timedOut) return { ok: false, error: late };
    const body = new TextDecoder().decode(concat(chunks, total));
    if (body === "") return { ok: false, error: `a1mb on ${path} closed without an answer` };
    if (body.startsWith("error: ")) {
      return { ok: false, error: `a1mb cannot answer "${command}": ${body.slice(7).trim()}` };
    }
    return { ok: true, body };
  } finally {
    clearTimeout(timer);
    if (conn !== null) closeQuietly(conn);
  }
}

function connectError(path: string, error: unknown): string {
  if (error instanceof Deno.errors.NotFound) {
    return `No a1mb instance is running (cannot connect to ${path}: no such file)`;
  }
  if (error instanceof Deno.errors.ConnectionRefused) {
    return `No a1mb instance is running (cannot connect to ${path}: connection refused)`;
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return `Cannot connect to ${path}: permission denied (run as root or as a member of group a1mb)`;
  }
  return `Cannot connect to ${path}: ${message(error)}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}
