/**
 * The control endpoint on a unix stream socket (`[control] socket`, `/run/a1mb/control.sock`),
 * for the `a1mb status`, `config` and `reboot` commands.
 *
 * Protocol: the client sends one line and the server answers, then closes:
 * - `status` or `metrics`: the body (JSON or Prometheus text);
 * - `config`, `set {"key": value, …}` (a JSON object on the same line) or `reboot`: one JSON
 *   document `{"status": <HTTP status>, "body": …}` (200 done, 202 rebooting, 400 refused values
 *   with the problems per key, 409 refused reboot).
 *
 * A failure is answered with one line `error: <reason>`. Connecting needs write permission on
 * the socket file: the file's mode and group are the access control (no token here).
 * The socket file is made group-accessible (mode 0660 by default, so members of the service's
 * group can connect), a stale file left by a crashed instance is removed at start, a live one
 * (another instance answering) is refused, and the file is removed at stop.
 *
 * @module
 */
import { answer, DEFAULT_ANSWER_TIMEOUT_MS, errorText, settingsAnswer } from "./_answer.ts";
import { CONTROL_COMMANDS, type ControlCommand, type ControlSource } from "./control_source.ts";

/** Options of {@linkcode startControlSocket}. */
export interface ControlSocketOptions<S> extends ControlSource<S> {
  /** Path of the socket file. */
  readonly path: string;
  /**
   * Permission bits of the socket file (connecting needs write permission).
   * @default {0o660}
   */
  readonly mode?: number;
  /**
   * Most connections served at once; more are closed at once.
   * @default {16}
   */
  readonly maxConnections?: number;
  /**
   * Longest time for a client to send its line and for the snapshot to be taken, in ms each.
   * @default {5000}
   */
  readonly timeoutMs?: number;
  /** Told about connections that failed (for a debug log line); never about routine closes. */
  readonly onError?: (message: string) => void;
}

/** A running control socket. */
export interface ControlSocketServer {
  /** The socket file's path. */
  readonly path: string;
  /** Requests answered so far (including errors). */
  readonly requests: number;
  /** Stops listening, closes open connections and removes the socket file. */
  close(): Promise<void>;
}

/** Longest request line accepted, in bytes (a `set` line carries its JSON object). */
const MAX_LINE = 16 * 1024;

/**
 * Listens on a unix socket for `status` / `metrics` requests.
 *
 * @throws {Error} when the path holds something else than a stale socket, another instance
 *   answers there, or listening fails (e.g. the folder does not exist)
 *
 * @example
 * ```ts
 * import { startControlSocket } from "./control_socket.ts";
 * import { requestControl } from "./control_client.ts";
 * import { prometheusText } from "./prometheus_text.ts";
 *
 * const dir = await Deno.makeTempDir(); // the service uses /run/a1mb/control.sock
 * const server = await startControlSocket({
 *   path: `${dir}/control.sock`,
 *   snapshot: () => Promise.resolve({ uptime_s: 12 }),
 *   renderMetrics: (s) =>
 *     prometheusText([{
 *       type: "gauge", name: "a1mb_uptime_seconds", help: "Seconds since start.",
 *       samples: [{ value: s.uptime_s }],
 *     }]),
 * });
 * const reply = await requestControl(server.path, "metrics", 5000);
 * // # HELP a1mb_uptime_seconds Seconds since start.
 * // # TYPE a1mb_uptime_seconds gauge
 * // a1mb_uptime_seconds 12
 * if (!reply.ok || !reply.body.includes("a1mb_uptime_seconds 12\n")) throw new Error("unexpected");
 * await server.close();
 * await Deno.remove(dir);
 * ```
 */
export async function startControlSocket<S>(
  options: ControlSocketOptions<S>,
): Promise<ControlSocketServer> {
  const { path } = options;
  await removeStaleSocket(path);
  let listener: Deno.UnixListener;
  try {
    listener = Deno.listen({ transport: "unix", path });
  } catch (error) {
    throw new Error(`Cannot listen on "${path}": ${errorText(error)}`, { cause: error });
  }
  let inode: number | null = null;
  try {
    await Deno.chmod(path, options.mode ?? 0o660);
    inode = (await Deno.lstat(path)).ino;
  } catch (error) {
    listener.close();
    throw new Error(`Cannot set the permissions of "${path}": ${errorText(error)}`, {
      cause: error,
    });
  }
  return new SocketServer(listener, options, inode);
}

class SocketServer<S> implements ControlSocketServer {
  readonly path: string;
  requests = 0;
  readonly #listener: Deno.UnixListener;
  readonly #options: ControlSocketOptions<S>;
  readonly #inode: number | null;
  readonly #open = new Set<Deno.UnixConn>();
  readonly #tasks = new Set<Promise<void>>();
  readonly #acceptLoop: Promise<void>;
  #closed = false;

  constructor(listener: Deno.UnixListener, options: ControlSocketOptions<S>, inode: number | null) {
    this.path = options.path;
    this.#listener = listener;
    this.#options = options;
    this.#inode = inode;
    this.#acceptLoop = this.#accept();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#listener.close();
    } catch { /* already closed */ }
    for (const conn of this.#open) closeQuietly(conn);
    await this.#acceptLoop;
    await Promise.all(this.#tasks);
    await this.#removeOurFile();
  }

  async #accept(): Promise<void> {
    const max = this.#options.maxConnections ?? 16;
    try {
      for await (const conn of this.#listener) {
        if (this.#closed || this.#open.size >= max) {
          closeQuietly(conn);
          continue;
        }
        this.#open.add(conn);
        const task = this.#serve(conn).finally(() => {
          this.#open.delete(conn);
          this.#tasks.delete(task);
          closeQuietly(conn);
        });
        this.#tasks.add(task);
      }
    } catch (error) {
      if (!this.#closed) this.#options.onError?.(`Control socket stopped: ${errorText(error)}`);
    }
  }

  async #serve(conn: Deno.UnixConn): Promise<void> {
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
    let reply: string;
    try {
      const line = await readLine(conn, timeoutMs);
      if (line === null) return; // closed, silent or overlong: nothing to answer
      this.requests++;
      const space = line.indexOf(" ");
      const word = space < 0 ? line : line.slice(0, space);
      const argument = space < 0 ? "" : line.slice(space + 1).trim();
      const command = CONTROL_COMMANDS.find((c) => c === word);
      if (command === undefined) {
        const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
        reply = `error: unknown request "${shown}" (expected ${CONTROL_COMMANDS.join(", ")})\n`;
      } else {
        reply = await this.#answer(command, argument, timeoutMs);
      }
      await writeAll(conn, new TextEncoder().encode(reply));
    } catch (error) {
      if (!this.#closed) this.#options.onError?.(`Control request failed: ${errorText(error)}`);
    }
  }

  async #answer(command: ControlCommand, argument: string, timeoutMs: number): Promise<string> {
    if (command === "status" || command === "metrics") {
      if (argument !== "") return `error: "${command}" takes no argument\n`;
      const result = await answer(this.#options, command, timeoutMs);
      return result.ok ? result.body : `error: ${result.error}\n`;
    }
    const settings = this.#options.settings;
    if (settings === undefined) return `error: this instance does not offer "${command}"\n`;
    if (command !== "set" && argument !== "") return `error: "${command}" takes no argument\n`;
    let run;
    switch (command) {
      case "config":
        run = () => settings.view();
        break;
      case "reboot":
        run = () => settings.reboot("socket");
        break;
      case "set": {
        const changes = parseObject(argument);
        if (typeof changes === "string") return `error: ${changes}\n`;
        run = () => settings.write(changes, "socket");
        break;
      }
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
    const result = await settingsAnswer(run, timeoutMs);
    return `${JSON.stringify(result)}\n`;
  }

  async #removeOurFile(): Promise<void> {
    try {
      const info = await Deno.lstat(this.path);
      if (info.isSocket && info.ino === this.#inode) await Deno.remove(this.path);
    } catch { /* gone already (Deno removes it when the listener closes) */ }
  }
}

/** The JSON object of a `set` line, or why it is not one. */
function parseObject(text: string): Record<string, unknown> | string {
  if (text === "") return '"set" needs a JSON object of keys and values';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `"set" needs a JSON object: ${errorText(error)}`;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : '"set" needs a JSON object of keys and values';
}

/** Removes a socket file nobody listens on; refuses anything else. */
async function removeStaleSocket(path: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw new Error(`Cannot listen on "${path}": ${errorText(error)}`, { cause: error });
  }
  if (!info.isSocket) {
    throw new Error(`Cannot listen on "${path}": the path exists and is not a socket`);
  }
  try {
    const conn = await Deno.connect({ transport: "unix", path });
    closeQuietly(conn);
  } catch (error) {
    if (error instanceof Deno.errors.ConnectionRefused) {
      await Deno.remove(path);
      return;
    }
    throw new Error(`Cannot listen on "${path}": ${errorText(error)}`, { cause: error });
  }
  throw new Error(`Cannot listen on "${path}": another a1mb instance is answering there`);
}

/** Reads one line (without `\n` or `\r\n`), or null on close, timeout or an overlong line. */
async function readLine(conn: Deno.Conn, timeoutMs: number): Promise<string | null> {
  const buffer = new Uint8Array(MAX_LINE + 1);
  let length = 0;
  const timer = setTimeout(() => closeQuietly(conn), timeoutMs);
  try {
    while (length < buffer.length) {
      let n: number | null;
      try {
        n = await conn.read(buffer.subarray(length));
      } catch {
        return null; // closed by the timer, or reset by the client
      }
      if (n === null) break;
      const newline = buffer.subarray(length, length + n).indexOf(10);
      length += n;
      if (newline >= 0) {
        const end = length - n + newline;
        return new TextDecoder().decode(buffer.subarray(0, end)).replace(/\r$/, "").trim();
      }
    }
    // A client that half-closes after its request without a newline is served too.
    if (length > 0 && length <= MAX_LINE) {
      return new TextDecoder().decode(buffer.subarray(0, length)).trim();
    }
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) offset += await conn.write(data.subarray(offset));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}
