import assert from "node:assert/strict";
import {
  type PassthroughEvent,
  type PassthroughServer,
  startPassthroughServer,
} from "../../../drivers/passthrough/mod.ts";

const FIXTURES = new URL("../../fixtures/telegrams/", import.meta.url);
/** Generous bound for data that must arrive (never a timing assertion). */
const ARRIVAL_MS = 10_000;

/** Real telegrams of different sizes, as the meter side would publish them. */
const TELEGRAMS: readonly Uint8Array[] = await Promise.all(
  [
    "arduino-dsmr-fork_test_full_be_3x230V_13months.txt",
    "dsmr_parser_FLUVIUS_V171.txt",
    "dsmr502-spec_example_3ph_gas.txt",
    "dsmr_parser_V2_2.txt",
  ].map((name) => Deno.readFile(new URL(name, FIXTURES))),
);

function telegram(i: number): Uint8Array {
  return TELEGRAMS[i % TELEGRAMS.length] ?? new Uint8Array();
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Polls `condition` every millisecond until it holds; fails after a generous bound. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + ARRIVAL_MS;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A TCP client that reads everything it is sent. */
class ReadingClient {
  readonly conn: Deno.TcpConn;
  readonly chunks: Uint8Array[] = [];
  total = 0;
  ended = false;
  readonly done: Promise<void>;

  private constructor(conn: Deno.TcpConn) {
    this.conn = conn;
    this.done = this.#loop();
  }

  static async connect(server: PassthroughServer): Promise<ReadingClient> {
    return new ReadingClient(await Deno.connect({ hostname: "127.0.0.1", port: server.port }));
  }

  async #loop(): Promise<void> {
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await this.conn.read(buffer);
        if (n === null) break;
        this.chunks.push(buffer.slice(0, n));
        this.total += n;
      }
    } catch { /* closed by the test */ }
    this.ended = true;
  }

  bytes(): Uint8Array {
    return concat(this.chunks);
  }

  async waitFor(bytes: number): Promise<void> {
    await until(() => this.total >= bytes, `${bytes} bytes (got ${this.total})`);
  }

  async close(): Promise<void> {
    try {
      this.conn.close();
    } catch { /* already closed */ }
    await this.done;
  }
}

async function withServer(
  options: { maxQueueBytes?: number; maxClients?: number },
  fn: (server: PassthroughServer, events: PassthroughEvent[]) => Promise<void>,
): Promise<void> {
  const events: PassthroughEvent[] = [];
  const server = await startPassthroughServer({
    hostname: "127.0.0.1",
    port: 0,
    ...options,
    onEvent: (e) => events.push(e),
  });
  try {
    await fn(server, events);
  } finally {
    await server.close();
  }
}

Deno.test("passthrough sends every telegram to every client, in order and byte for byte", async () => {
  await withServer({}, async (server) => {
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => ReadingClient.connect(server)));
    try {
      await until(() => server.counters().clients === 5, "5 clients");
      const sent: Uint8Array[] = [];
      for (let i = 0; i < 40; i++) {
        const t = telegram(i);
        sent.push(t);
        server.publish(t);
      }
      const expected = concat(sent);
      for (const c of clients) {
        await c.waitFor(expected.length);
        assert.deepEqual(c.bytes(), expected);
      }
      const counters = server.counters();
      assert.equal(counters.chunksPublished, 40);
      assert.equal(counters.bytesSent, 5 * expected.length);
      assert.equal(counters.clientsTotal, 5);
      assert.equal(counters.droppedSlowClients, 0);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});

Deno.test("publish copies the bytes: a reused buffer does not change what clients get", async () => {
  await withServer({}, async (server) => {
    const client = await ReadingClient.connect(server);
    try {
      await until(() => server.counters().clients === 1, "the client");
      const buffer = new Uint8Array([1, 2, 3]);
      server.publish(buffer);
      buffer.set([9, 9, 9]);
      server.publish(buffer);
      await client.waitFor(6);
      assert.deepEqual([...client.bytes()], [1, 2, 3, 9, 9, 9]);
    } finally {
      await client.close();
    }
  });
});

Deno.test("a client that never reads is dropped while the others keep getting every telegram", async () => {
  await withServer({ maxQueueBytes: 64 * 1024 }, async (server, events) => {
    const slow = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
    const fast = await Promise.all([1, 2].map(() => ReadingClient.connect(server)));
    try {
      await until(() => server.counters().clients === 3, "3 clients");
      // 16 KiB chunks; the fast clients are waited for, the slow one never reads. The kernel's
      // socket buffers absorb a few MB first: stop after 64 MB, long after any of them.
      const chunk = new Uint8Array(16 * 1024);
      let published = 0;
      while (server.counters().droppedSlowClients === 0 && published < 64 * 1024 * 1024) {
        chunk.fill(published / chunk.length);
        server.publish(chunk);
        published += chunk.length;
        for (const c of fast) await c.waitFor(published);
      }
      assert.equal(server.counters().droppedSlowClients, 1, "the slow client was dropped");
      assert.equal(server.counters().clients, 2);
      const dropped = events.find((e) => e.type === "clientDropped");
      assert.ok(dropped?.type === "clientDropped");
      const local = slow.localAddr as Deno.NetAddr;
      assert.equal(dropped.remote, `127.0.0.1:${local.port}`);
      assert.ok(dropped.queuedBytes > 48 * 1024 && dropped.queuedBytes <= 64 * 1024);
      // The others go on.
      for (let i = 0; i < 10; i++) server.publish(telegram(i));
      for (const c of fast) {
        await c.waitFor(published + concat([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(telegram)).length);
        assert.equal(c.ended, false);
      }
    } finally {
      slow.close();
      await Promise.all(fast.map((c) => c.close()));
    }
  });
});

Deno.test("clients come and go: each gets the telegrams published while it is connected", async () => {
  await withServer({}, async (server, events) => {
    const a = await ReadingClient.connect(server);
    await until(() => server.counters().clients === 1, "client a");
    server.publish(telegram(0));
    await a.waitFor(telegram(0).length);

    const b = await ReadingClient.connect(server);
    await until(() => server.counters().clients === 2, "client b");
    server.publish(telegram(1));
    await a.waitFor(telegram(0).length + telegram(1).length);
    await b.waitFor(telegram(1).length);

    await a.close();
    // The server notices when a write to the vanished client fails.
    let expectedB = telegram(1).length;
    for (let i = 2; server.counters().clients === 2; i++) {
      if (i > 10_000) throw new Error("client a was never noticed as gone");
      server.publish(telegram(i));
      expectedB += telegram(i).length;
      await b.waitFor(expectedB);
    }
    assert.ok(events.some((e) => e.type === "clientClosed" && e.reason.includes("write failed")));

    const c = await ReadingClient.connect(server);
    await until(() => server.counters().clients === 2, "client c");
    server.publish(telegram(3));
    await b.waitFor(expectedB + telegram(3).length);
    await c.waitFor(telegram(3).length);
    assert.deepEqual(c.bytes(), telegram(3), "c gets nothing from before it came");
    assert.equal(server.counters().clientsTotal, 3);
    assert.equal(server.counters().droppedSlowClients, 0);
    await b.close();
    await c.close();
  });
});

Deno.test("a client that half-closes its sending side keeps receiving", async () => {
  await withServer({}, async (server) => {
    const client = await ReadingClient.connect(server);
    try {
      await until(() => server.counters().clients === 1, "the client");
      await client.conn.closeWrite();
      server.publish(telegram(0));
      await client.waitFor(telegram(0).length);
      assert.deepEqual(client.bytes(), telegram(0));
    } finally {
      await client.close();
    }
  });
});

Deno.test("clients beyond maxClients are refused at once", async () => {
  await withServer({ maxClients: 2 }, async (server, events) => {
    const admitted = await Promise.all([1, 2].map(() => ReadingClient.connect(server)));
    await until(() => server.counters().clients === 2, "2 clients");
    const extra = await ReadingClient.connect(server);
    try {
      await extra.done;
      assert.equal(extra.total, 0);
      assert.equal(server.counters().refusedClients, 1);
      assert.ok(events.some((e) => e.type === "clientRefused"));
    } finally {
      await Promise.all([...admitted, extra].map((c) => c.close()));
    }
  });
});

Deno.test("close ends every client connection and frees the port; publish then does nothing", async () => {
  const server = await startPassthroughServer({ hostname: "127.0.0.1", port: 0 });
  const clients = await Promise.all([1, 2, 3].map(() => ReadingClient.connect(server)));
  await until(() => server.counters().clients === 3, "3 clients");
  await server.close();
  await Promise.all(clients.map((c) => c.done));
  assert.ok(clients.every((c) => c.ended));
  assert.equal(server.counters().clients, 0);
  server.publish(telegram(0));
  assert.equal(server.counters().chunksPublished, 0);
  await assert.rejects(
    Deno.connect({ hostname: "127.0.0.1", port: server.port }),
    Deno.errors.ConnectionRefused,
  );
  await server.close(); // idempotent
});

Deno.test("a port already in use is a clear start error", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    await assert.rejects(
      startPassthroughServer({ hostname: "127.0.0.1", port: taken.addr.port }),
      new RegExp(
        `Cannot listen on 127\\.0\\.0\\.1:${taken.addr.port} for the passthrough: .*in use`,
        "i",
      ),
    );
  } finally {
    taken.close();
  }
});
