/**
 * The raw telegram passthrough (`[passthrough] listen = "HOST:PORT"`): a TCP server that
 * re-serves each published byte chunk (a whole telegram as the meter sent it) to every
 * connected client, for another P1 reader (Home Assistant's DSMR integration, dsmr-reader, …).
 *
 * The publisher never waits for a client: {@linkcode PassthroughServer.publish} only appends to
 * each client's bounded queue, and a writer task per client drains it. A client whose queue
 * would exceed `maxQueueBytes` (it stopped reading, or its link is too slow) is dropped: closed
 * and counted. What clients send is read and discarded; a client that half-closes its sending
 * side keeps receiving, and a vanished one is noticed when a write fails.
 *
 * @module
 */

/** Options of {@linkcode startPassthroughServer}. */
export interface PassthroughOptions {
  /** Address to listen on, without brackets (`"0.0.0.0"`, `"::"`, `"127.0.0.1"`). */
  readonly hostname: string;
  /** Port to listen on; 0 picks a free one (see {@linkcode PassthroughServer.port}). */
  readonly port: number;
  /**
   * Most bytes waiting for one client before it is dropped (a single chunk larger than this is
   * still sent to a client that has nothing waiting).
   * @default {65536}
   */
  readonly maxQueueBytes?: number;
  /**
   * Most clients at once; a client beyond that is closed at once.
   * @default {16}
   */
  readonly maxClients?: number;
  /** Told about clients coming, going, dropped and refused (for log lines). */
  readonly onEvent?: (event: PassthroughEvent) => void;
}

/** Something that happened to a client; `remote` is `host:port` (IPv6 in brackets). */
export type PassthroughEvent =
  | { readonly type: "clientConnected"; readonly remote: string }
  /** The client went away, or a write to it failed. */
  | { readonly type: "clientClosed"; readonly remote: string; readonly reason: string }
  /** The client's queue was full: it was closed so it cannot slow the others. */
  | { readonly type: "clientDropped"; readonly remote: string; readonly queuedBytes: number }
  /** `maxClients` were already connected. */
  | { readonly type: "clientRefused"; readonly remote: string };

/** What the passthrough has done so far. */
export interface PassthroughCounters {
  /** Clients connected now. */
  readonly clients: number;
  /** Clients accepted since the start. */
  readonly clientsTotal: number;
  /** Clients dropped because their queue was full. */
  readonly droppedSlowClients: number;
  /** Clients refused because `maxClients` were connected. */
  readonly refusedClients: number;
  /** Chunks published. */
  readonly chunksPublished: number;
  /** Bytes written to clients (all clients together). */
  readonly bytesSent: number;
}

/** A running passthrough server. */
export interface PassthroughServer {
  /** The address it listens on. */
  readonly hostname: string;
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** Queues `bytes` for every client; never waits, never throws. The bytes are copied. */
  publish(bytes: Uint8Array): void;
  /** The counters now. */
  counters(): PassthroughCounters;
  /** Stops listening and closes every client. */
  close(): Promise<void>;
}

/**
 * Starts the passthrough TCP server.
 *
 * @throws {Error} when the address cannot be listened on (in use, not local, no permission)
 *
 * @example
 * ```ts
 * import { startPassthroughServer } from "./passthrough_server.ts";
 *
 * // The service listens on e.g. 0.0.0.0:2001; here a free local port and one P1 reader.
 * const { promise: connected, resolve } = Promise.withResolvers<void>();
 * const passthrough = await startPassthroughServer({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   onEvent: (event) => event.type === "clientConnected" && resolve(),
 * });
 * using reader = await Deno.connect({ hostname: "127.0.0.1", port: passthrough.port });
 * await connected;
 * const telegramBytes = new TextEncoder().encode("/ISK5\\2M550T-1012\r\n\r\n!\r\n");
 * passthrough.publish(telegramBytes);
 * const buffer = new Uint8Array(64);
 * const n = await reader.read(buffer);
 * if (n === null || buffer[0] !== 0x2f) throw new Error("unexpected");
 * await passthrough.close();
 * ```
 */
export function startPassthroughServer(options: PassthroughOptions): Promise<PassthroughServer> {
  let listener: Deno.TcpListener;
  try {
    listener = Deno.listen({ hostname: options.hostname, port: options.port });
  } catch (error) {
    const where = options.hostname.includes(":")
      ? `[${options.hostname}]:${options.port}`
      : `${options.hostname}:${options.port}`;
    const detail = error instanceof Error ? error.message : String(error);
    return Promise.reject(
      new Error(`Cannot listen on ${where} for the passthrough: ${detail}`, { cause: error }),
    );
  }
  return Promise.resolve(new Server(listener, options));
}

/** Counters the server and its clients update. */
interface MutableCounters {
  clientsTotal: number;
  droppedSlowClients: number;
  refusedClients: number;
  chunksPublished: number;
  bytesSent: number;
}

class Server implements PassthroughServer {
  readonly hostname: string;
  readonly port: number;
  readonly #listener: Deno.TcpListener;
  readonly #maxQueueBytes: number;
  readonly #maxClients: number;
  readonly #onEvent: (event: PassthroughEvent) => void;
  readonly #clients = new Set<Client>();
  readonly #finished = new Set<Promise<void>>();
  readonly #counters: MutableCounters = {
    clientsTotal: 0,
    droppedSlowClients: 0,
    refusedClients: 0,
    chunksPublished: 0,
    bytesSent: 0,
  };
  readonly #acceptLoop: Promise<void>;
  #closed = false;

  constructor(listener: Deno.TcpListener, options: PassthroughOptions) {
    this.#listener = listener;
    this.hostname = listener.addr.hostname;
    this.port = listener.addr.port;
    this.#maxQueueBytes = options.maxQueueBytes ?? 65536;
    this.#maxClients = options.maxClients ?? 16;
    this.#onEvent = options.onEvent ?? (() => {});
    this.#acceptLoop = this.#accept();
  }

  publish(bytes: Uint8Array): void {
    if (this.#closed || bytes.length === 0) return;
    this.#counters.chunksPublished++;
    if (this.#clients.size === 0) return;
    const chunk = bytes.slice();
    for (const client of [...this.#clients]) {
      if (!client.offer(chunk, this.#maxQueueBytes)) {
        this.#counters.droppedSlowClients++;
        this.#remove(client);
        this.#onEvent({
          type: "clientDropped",
          remote: client.remote,
          queuedBytes: client.queuedBytes,
        });
        client.close();
      }
    }
  }

  counters(): PassthroughCounters {
    return { clients: this.#clients.size, ...this.#counters };
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      try {
        this.#listener.close();
      } catch { /* already closed */ }
      for (const client of [...this.#clients]) {
        this.#remove(client);
        client.close();
      }
    }
    await this.#acceptLoop;
    await Promise.all([...this.#finished]);
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) this.#admit(conn);
    } catch { /* the listener was closed */ }
  }

  #admit(conn: Deno.TcpConn): void {
    const remote = describe(conn.remoteAddr);
    if (this.#closed || this.#clients.size >= this.#maxClients) {
      this.#counters.refusedClients++;
      this.#onEvent({ type: "clientRefused", remote });
      closeQuietly(conn);
      return;
    }
    try {
      conn.setNoDelay(true);
      conn.setKeepAlive(true);
    } catch { /* options are a nicety */ }
    const client = new Client(conn, remote, this.#counters, (reason) => {
      if (this.#remove(client)) this.#onEvent({ type: "clientClosed", remote, reason });
    });
    this.#clients.add(client);
    this.#counters.clientsTotal++;
    this.#onEvent({ type: "clientConnected", remote });
    const done = client.run().finally(() => this.#finished.delete(done));
    this.#finished.add(done);
  }

  /** Forgets a client; true when it was still listed. */
  #remove(client: Client): boolean {
    return this.#clients.delete(client);
  }
}

/** One connected client: its queue, its writer and its (discarding) reader. */
class Client {
  readonly remote: string;
  readonly #conn: Deno.TcpConn;
  readonly #counters: MutableCounters;
  readonly #onGone: (reason: string) => void;
  readonly #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #wake: (() => void) | null = null;
  #closed = false;

  constructor(
    conn: Deno.TcpConn,
    remote: string,
    counters: MutableCounters,
    onGone: (reason: string) => void,
  ) {
    this.#conn = conn;
    this.remote = remote;
    this.#counters = counters;
    this.#onGone = onGone;
  }

  /** Bytes waiting, including the chunk being written. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Queues a chunk; false when the queue would exceed `max` (the caller drops the client). */
  offer(chunk: Uint8Array, max: number): boolean {
    if (this.#closed) return true;
    if (this.#queuedBytes > 0 && this.#queuedBytes + chunk.length > max) return false;
    this.#queue.push(chunk);
    this.#queuedBytes += chunk.length;
    this.#wake?.();
    return true;
  }

  /** Runs the writer and the reader until the client is closed. */
  async run(): Promise<void> {
    await Promise.all([this.#write(), this.#read()]);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#wake?.();
    closeQuietly(this.#conn);
  }

  async #write(): Promise<void> {
    while (!this.#closed) {
      const chunk = this.#queue[0];
      if (chunk === undefined) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = null;
        continue;
      }
      try {
        let offset = 0;
        while (offset < chunk.length) {
          const n = await this.#conn.write(chunk.subarray(offset));
          offset += n;
          this.#counters.bytesSent += n;
        }
      } catch (error) {
        this.#gone(`write failed: ${error instanceof Error ? error.message : error}`);
        return;
      }
      this.#queue.shift();
      this.#queuedBytes -= chunk.length;
    }
  }

  async #read(): Promise<void> {
    const sink = new Uint8Array(1024);
    try {
      while (!this.#closed) {
        if ((await this.#conn.read(sink)) === null) return; // half-closed: keep sending
      }
    } catch (error) {
      this.#gone(`read failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  #gone(reason: string): void {
    if (this.#closed) return;
    this.close();
    this.#onGone(reason);
  }
}

function describe(addr: Deno.Addr): string {
  if (addr.transport !== "tcp" && addr.transport !== "udp") return addr.transport;
  return addr.hostname.includes(":")
    ? `[${addr.hostname}]:${addr.port}`
    : `${addr.hostname}:${addr.port}`;
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}
