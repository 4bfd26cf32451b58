/**
 * Where `a1mb simulate` writes: the common shape of its targets, and the TCP broadcaster that
 * sends every telegram to each connected client (as a network P1 dongle does).
 *
 * @module
 */

/** An open target of the simulator. */
export interface SimulateTarget {
  /** Writes one telegram's bytes. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes the target. */
  close(): Promise<void>;
}

/** A TCP listener that broadcasts. */
export interface TcpBroadcast extends SimulateTarget {
  /** The listening address, `HOST:PORT` (`[::1]:PORT` for IPv6). */
  readonly address: string;
  /** Clients connected now. */
  readonly clients: number;
}

/**
 * Listens on `hostname:port` (0: a free port) and sends each write to every client. A client
 * still busy with the previous telegram skips this one, so a slow client never holds up the
 * others; a client whose write fails is dropped.
 */
export function tcpBroadcast(hostname: string, port: number): Promise<TcpBroadcast> {
  const listener = Deno.listen({ hostname, port });
  const addr = listener.addr as Deno.NetAddr;
  const address = addr.hostname.includes(":")
    ? `[${addr.hostname}]:${addr.port}`
    : `${addr.hostname}:${addr.port}`;
  const clients = new Map<Deno.Conn, Promise<void> | null>();
  let closed = false;
  const accepting = (async () => {
    try {
      for await (const conn of listener) clients.set(conn, null);
    } catch { /* listener closed */ }
  })();
  const drop = (conn: Deno.Conn) => {
    clients.delete(conn);
    try {
      conn.close();
    } catch { /* already closed */ }
  };
  const writeAll = async (conn: Deno.Conn, bytes: Uint8Array) => {
    let off = 0;
    while (off < bytes.length) off += await conn.write(bytes.subarray(off));
  };
  return Promise.resolve({
    address,
    get clients() {
      return clients.size;
    },
    write(bytes) {
      for (const [conn, busy] of clients) {
        if (busy !== null) continue;
        const sending = writeAll(conn, bytes).then(
          () => void (clients.has(conn) && clients.set(conn, null)),
          () => drop(conn),
        );
        clients.set(conn, sending);
      }
      return Promise.resolve();
    },
    async close() {
      if (closed) return await accepting;
      closed = true;
      listener.close();
      for (const conn of [...clients.keys()]) drop(conn);
      await accepting;
    },
  });
}
