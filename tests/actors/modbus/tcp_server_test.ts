import assert from "node:assert/strict";
import type { ModbusTcpConfig } from "../../../config/mod.ts";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { concat, mbap, testImage, toHex } from "./_fixtures.ts";
import {
  type ConfigAnswer,
  freePort,
  readConn,
  type Running,
  startTcp,
  until,
  writeConn,
} from "./_harness.ts";

/** Runs `body` against a TCP server (unit 2) on a free port, then stops it. */
async function withTcp(
  overrides: Partial<ModbusTcpConfig>,
  body: (port: number, server: Running) => Promise<void>,
  options: Parameters<typeof startTcp>[2] = {},
): Promise<void> {
  const port = freePort();
  const server = await startTcp(port, overrides, options);
  try {
    await body(port, server);
  } finally {
    await server.stop();
  }
}

/** Connects once the server listens. */
async function connect(port: number): Promise<Deno.TcpConn> {
  for (let i = 0;; i++) {
    try {
      return await Deno.connect({ hostname: "127.0.0.1", port });
    } catch (error) {
      if (i > 200) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

async function ask(conn: Deno.Conn, request: Uint8Array, length: number): Promise<string> {
  await writeConn(conn, request);
  const reply = await readConn(conn, length);
  return reply === null ? "closed" : toHex(reply);
}

/** Requests and replies over TCP, byte for byte (the MBAP header echoes id and unit). */
const CASES: readonly { name: string; request: Uint8Array; reply: Uint8Array }[] = [
  {
    name: "FC04 of a measured float, unit 2",
    request: mbap(0x1234, 2, "04 00 00 00 02"),
    reply: mbap(0x1234, 2, "04 04 43 66 33 34"),
  },
  {
    name: "FC03 of the model code, unit 255",
    request: mbap(7, 255, "03 FC 02 00 01"),
    reply: mbap(7, 255, "03 02 00 70"),
  },
  {
    name: "registers not in the map read 0, unit 0",
    request: mbap(8, 0, "04 20 00 00 02"),
    reply: mbap(8, 0, "04 04 00 00 00 00"),
  },
  // Another unit id: exception 0B, as a gateway with no such device.
  { name: "unit 1 is not us", request: mbap(9, 1, "04 00 00 00 02"), reply: mbap(9, 1, "84 0B") },
  {
    name: "unsupported function",
    request: mbap(10, 2, "01 00 00 00 08"),
    reply: mbap(10, 2, "81 01"),
  },
  {
    name: "range beyond 65535",
    request: mbap(11, 2, "03 FF FF 00 02"),
    reply: mbap(11, 2, "83 02"),
  },
  { name: "quantity 0", request: mbap(12, 2, "04 00 00 00 00"), reply: mbap(12, 2, "84 03") },
  { name: "quantity 126", request: mbap(13, 2, "03 00 00 00 7E"), reply: mbap(13, 2, "83 03") },
  // writes = false (the TCP default): exception 01 for FC06 and FC16.
  {
    name: "FC06 with writes off",
    request: mbap(14, 2, "06 00 14 41 88"),
    reply: mbap(14, 2, "86 01"),
  },
  {
    name: "FC16 with writes off",
    request: mbap(15, 2, "10 00 14 00 02 04 41 88 00 00"),
    reply: mbap(15, 2, "90 01"),
  },
];

Deno.test("tcp server answers requests and exceptions with the request's transaction and unit id", async () => {
  await withTcp({}, async (port, server) => {
    const conn = await connect(port);
    try {
      for (const c of CASES) {
        assert.equal(await ask(conn, c.request, c.reply.length), toHex(c.reply), c.name);
      }
      // Every answer counted once, whichever way it was built (read fast path or general).
      const counters = server.state().live.counters;
      const normal = CASES.filter((c) => c.reply[7]! < 0x80).length;
      const otherUnit = CASES.filter((c) => c.request[6] === 1).length;
      const exceptions = Object.values(counters.exceptions).reduce((a, b) => a + b, 0);
      assert.equal(counters.requests, CASES.length - otherUnit);
      assert.equal(counters.otherAddress, otherUnit);
      assert.equal(counters.replies, normal);
      assert.equal(exceptions, CASES.length - normal);
      assert.equal(counters.turnaround.count, CASES.length);
    } finally {
      conn.close();
    }
  });
});

Deno.test("tcp server answers pipelined requests on one connection in order", async () => {
  await withTcp({}, async (port) => {
    const conn = await connect(port);
    try {
      const requests: Uint8Array[] = [];
      const replies: Uint8Array[] = [];
      for (let i = 0; i < 50; i++) {
        const odd = i % 2 === 1;
        requests.push(mbap(i, 2, odd ? "03 FC 02 00 01" : "04 00 00 00 02"));
        replies.push(mbap(i, 2, odd ? "03 02 00 70" : "04 04 43 66 33 34"));
      }
      // All 50 in one write, and a frame split across two writes after them.
      const last = mbap(50, 2, "04 00 34 00 02");
      await writeConn(conn, concat(...requests, last.subarray(0, 5)));
      await writeConn(conn, last.subarray(5));
      const expected = concat(...replies, mbap(50, 2, "04 04 41 20 00 00"));
      const got = await readConn(conn, expected.length);
      assert.equal(got === null ? "closed" : toHex(got), toHex(expected));
    } finally {
      conn.close();
    }
  });
});

Deno.test("tcp server closes only the connection that sent a malformed MBAP header", async () => {
  await withTcp({}, async (port, server) => {
    const good = await connect(port);
    const bad = await connect(port);
    try {
      const header = mbap(1, 2, "04 00 00 00 02");
      header[2] = 0x12; // protocol identifier 0x1200, not 0
      await writeConn(bad, header);
      assert.equal(await readConn(bad, 1), null, "bad connection closed");
      const lengthZero = await connect(port);
      await writeConn(lengthZero, Uint8Array.of(0, 1, 0, 0, 0, 0, 2));
      assert.equal(await readConn(lengthZero, 1), null, "length 0 closes too");
      lengthZero.close();
      assert.equal(
        await ask(good, mbap(2, 2, "03 FC 02 00 01"), 11),
        toHex(mbap(2, 2, "03 02 00 70")),
      );
      assert.equal(server.state().live.counters.malformed, 2);
    } finally {
      good.close();
      bad.close();
    }
  });
});

Deno.test("tcp server closes a connection that sends nothing for idle_timeout_s", async () => {
  const clock = new FakeClock();
  await withTcp({ idle_timeout_s: 5 }, async (port, server) => {
    const idle = await connect(port);
    const busy = await connect(port);
    try {
      await until(() => server.state().live.counters.connectionsOpen === 2, "both accepted");
      await clock.advance(3000);
      assert.equal(
        await ask(busy, mbap(1, 2, "03 FC 02 00 01"), 11),
        toHex(mbap(1, 2, "03 02 00 70")),
      );
      await clock.advance(2500);
      assert.equal(await readConn(idle, 1), null, "idle connection closed");
      assert.equal(server.state().live.counters.timeouts, 1);
      assert.equal(
        await ask(busy, mbap(2, 2, "03 FC 02 00 01"), 11),
        toHex(mbap(2, 2, "03 02 00 70")),
      );
    } finally {
      idle.close();
      busy.close();
    }
  }, { clock });
});

Deno.test("tcp server closes connections beyond max_connections at once", async () => {
  await withTcp({ max_connections: 2 }, async (port, server) => {
    const a = await connect(port);
    const b = await connect(port);
    await until(() => server.state().live.counters.connectionsOpen === 2, "two accepted");
    const c = await connect(port);
    try {
      assert.equal(await readConn(c, 1), null, "third closed");
      assert.equal(server.state().live.counters.connectionsRefused, 1);
      assert.equal(
        await ask(a, mbap(1, 2, "03 FC 02 00 01"), 11),
        toHex(mbap(1, 2, "03 02 00 70")),
      );
      b.close();
      await until(() => server.state().live.counters.connectionsOpen === 1, "slot freed");
      const d = await connect(port);
      assert.equal(
        await ask(d, mbap(2, 2, "03 FC 02 00 01"), 11),
        toHex(mbap(2, 2, "03 02 00 70")),
      );
      d.close();
    } finally {
      a.close();
      c.close();
    }
  });
});

Deno.test("tcp server serves 64 clients at once", async () => {
  await withTcp({}, async (port, server) => {
    const clients = await Promise.all(Array.from({ length: 64 }, () => connect(port)));
    try {
      await Promise.all(clients.map(async (conn, i) => {
        for (let k = 0; k < 20; k++) {
          const tid = i * 100 + k;
          assert.equal(
            await ask(conn, mbap(tid, 2, "04 00 00 00 02"), 13),
            toHex(mbap(tid, 2, "04 04 43 66 33 34")),
          );
        }
      }));
      assert.equal(server.state().live.counters.replies, 64 * 20);
      assert.equal(server.state().live.counters.connectionsRefused, 0);
    } finally {
      for (const conn of clients) conn.close();
    }
  });
});

Deno.test("tcp server with writes = true saves settings, keeps answers in order, reboots after answering", async () => {
  const answers: ConfigAnswer[] = [{ ok: true }, {
    ok: false,
    exception: 3,
    reason: "no",
    problems: [],
  }];
  await withTcp({ writes: true }, async (port, server) => {
    const conn = await connect(port);
    try {
      const expected = concat(
        mbap(1, 2, "10 00 14 00 02"),
        mbap(2, 2, "03 02 00 70"),
        mbap(3, 2, "86 03"),
        mbap(4, 2, "06 F1 00 00 01"),
      );
      await writeConn(
        conn,
        concat(
          mbap(1, 2, "10 00 14 00 02 04 41 88 00 00"),
          mbap(2, 2, "03 FC 02 00 01"),
          mbap(3, 2, "06 00 14 40 A0"),
          mbap(4, 2, "06 F1 00 00 01"),
        ),
      );
      const got = await readConn(conn, expected.length);
      assert.equal(got === null ? "closed" : toHex(got), toHex(expected));
      await until(() => server.config.some((m) => m.type === "rebootRequested"), "reboot asked");
      const writes = server.config.filter((m) => m.type === "settingWriteRequested");
      assert.deepEqual(
        writes.map((m) => m.type === "settingWriteRequested" && m.changes),
        [[{ key: "modbus.rtu.address", value: 17 }], [{ key: "modbus.rtu.address", value: 5 }]],
      );
      assert.equal(server.config.at(-1)?.type, "rebootRequested");
    } finally {
      conn.close();
    }
  }, { answer: () => answers.shift()! });
});

Deno.test("tcp server keeps retrying when its port is taken (1 s, then 2 s …), and listens once it is free", async () => {
  const clock = new FakeClock();
  const port = freePort();
  const blocker = Deno.listen({ hostname: "127.0.0.1", port });
  const server = await startTcp(port, {}, { clock });
  const failures = () => server.state().live.counters.openFailures;
  try {
    await until(() => failures() === 1, "listen failed");
    await clock.advance(1000);
    await until(() => failures() === 2, "retried after 1 s");
    await clock.advance(1999);
    assert.equal(failures(), 2, "the second delay is 2 s");
    blocker.close();
    await clock.advance(1);
    const conn = await connect(port);
    assert.equal(
      await ask(conn, mbap(1, 2, "03 FC 02 00 01"), 11),
      toHex(mbap(1, 2, "03 02 00 70")),
    );
    conn.close();
    assert.equal(server.sup.restartCounts.get("modbusTcp") ?? 0, 0, "never crashed");
  } finally {
    await server.stop();
  }
});

Deno.test("tcp server answers exception 04 for blocked measured values and none under the silent policy", async () => {
  await withTcp({}, async (port, server) => {
    const conn = await connect(port);
    try {
      assert.equal(await ask(conn, mbap(1, 2, "04 00 00 00 02"), 9), toHex(mbap(1, 2, "84 04")));
      server.publish(testImage("silent"));
      await until(() => server.state().live.replica.image?.blocked === "silent", "image swapped");
      await writeConn(conn, mbap(2, 2, "04 00 00 00 02"));
      // The next answer is for transaction 3: transaction 2 got none.
      assert.equal(
        await ask(conn, mbap(3, 2, "03 FC 02 00 01"), 11),
        toHex(mbap(3, 2, "03 02 00 70")),
      );
      assert.equal(server.state().live.counters.unanswered, 1);
    } finally {
      conn.close();
    }
  }, { image: testImage("exception") });
});
