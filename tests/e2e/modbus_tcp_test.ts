/**
 * End to end over TCP: the real process serves Modbus TCP on a free local port; the test is the
 * client (many clients at once for some cases).
 *
 * @module
 */
import assert from "node:assert/strict";
import { concat, mbap, toHex } from "../actors/modbus/_fixtures.ts";
import { readConn, writeConn } from "../actors/modbus/_harness.ts";
import {
  type A1mbProcess,
  freePort,
  QUIET,
  startA1mb,
  TEST_VARIANT_ENTRY,
} from "./_a1mb_process.ts";

function tcpConfig(port: number, extra = ""): string {
  return `${QUIET}
[modbus.rtu]
enabled = false
address = 2
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${port}"
${extra}
`;
}

async function withProcess(
  extra: string,
  entry: string | undefined,
  body: (port: number, a1mb: A1mbProcess) => Promise<void>,
): Promise<void> {
  const port = freePort();
  const a1mb = await startA1mb(tcpConfig(port, extra), entry);
  try {
    await a1mb.waitForLog(/Modbus TCP: listening on/);
    await body(port, a1mb);
  } finally {
    await a1mb.stop();
  }
}

function connect(port: number): Promise<Deno.TcpConn> {
  return Deno.connect({ hostname: "127.0.0.1", port });
}

async function ask(conn: Deno.Conn, request: Uint8Array, length: number): Promise<string> {
  await writeConn(conn, request);
  const reply = await readConn(conn, length, 5000);
  return reply === null ? "closed" : toHex(reply);
}

/** Cases that hold for any variant: request and reply. */
const CASES: readonly { name: string; request: Uint8Array; reply: Uint8Array }[] = [
  {
    name: "registers not in the map read 0 (unit 2)",
    request: mbap(1, 2, "04 20 00 00 02"),
    reply: mbap(1, 2, "04 04 00 00 00 00"),
  },
  {
    name: "unit 0 and unit 255 are this server too",
    request: concat(mbap(2, 0, "03 20 00 00 01"), mbap(3, 255, "03 20 00 00 01")),
    reply: concat(mbap(2, 0, "03 02 00 00"), mbap(3, 255, "03 02 00 00")),
  },
  {
    name: "another unit id: 0B",
    request: mbap(4, 9, "04 00 00 00 02"),
    reply: mbap(4, 9, "84 0B"),
  },
  {
    name: "01 unsupported function",
    request: mbap(5, 2, "02 00 00 00 08"),
    reply: mbap(5, 2, "82 01"),
  },
  { name: "02 beyond 65535", request: mbap(6, 2, "04 FF F0 00 20"), reply: mbap(6, 2, "84 02") },
  { name: "03 quantity 0", request: mbap(7, 2, "04 00 00 00 00"), reply: mbap(7, 2, "84 03") },
  { name: "03 quantity 126", request: mbap(8, 2, "03 00 00 00 7E"), reply: mbap(8, 2, "83 03") },
  {
    name: "01 for writes (writes = false is the TCP default)",
    request: mbap(9, 2, "06 F1 00 00 01"),
    reply: mbap(9, 2, "86 01"),
  },
];

Deno.test("e2e tcp: the real process answers reads, unit ids and every exception case", async () => {
  await withProcess("", undefined, async (port) => {
    const conn = await connect(port);
    try {
      // FC04 of a float: a well-formed 4-byte answer (values come from the variant and reading).
      await writeConn(conn, mbap(100, 2, "04 00 00 00 02"));
      const float = await readConn(conn, 13, 5000);
      assert.ok(float !== null);
      assert.equal(toHex(float.subarray(0, 9)), "00 64 00 00 00 07 02 04 04");
      for (const c of CASES) {
        assert.equal(await ask(conn, c.request, c.reply.length), toHex(c.reply), c.name);
      }
    } finally {
      conn.close();
    }
  });
});

Deno.test("e2e tcp: malformed header closes only that connection; an idle client is closed", async () => {
  await withProcess("idle_timeout_s = 1", undefined, async (port) => {
    const good = await connect(port);
    const bad = await connect(port);
    const idle = await connect(port);
    try {
      await writeConn(bad, Uint8Array.of(0, 1, 0, 7, 0, 6, 2, 4, 0, 0, 0, 2)); // protocol id 7
      assert.equal(await readConn(bad, 1, 5000), null, "malformed: closed");
      // The idle client sent nothing: closed after about a second (generous bound). The good
      // one asks every 200 ms meanwhile, and is still served after.
      let idleClosed = false;
      const closed = readConn(idle, 1, 10_000).then((r) => {
        idleClosed = true;
        return r;
      });
      for (let tid = 1; !idleClosed; tid++) {
        const reply = toHex(mbap(tid, 2, "04 02 00 00"));
        assert.equal(await ask(good, mbap(tid, 2, "04 20 00 00 01"), 11), reply);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(await closed, null, "idle: closed");
      assert.equal(
        await ask(good, mbap(0, 2, "04 20 00 00 01"), 11),
        toHex(mbap(0, 2, "04 02 00 00")),
      );
    } finally {
      good.close();
      bad.close();
      idle.close();
    }
  });
});

Deno.test("e2e tcp: 64 clients at once, pipelined requests answered in order", async () => {
  await withProcess("", undefined, async (port) => {
    const clients = await Promise.all(Array.from({ length: 64 }, () => connect(port)));
    try {
      await Promise.all(clients.map(async (conn, i) => {
        const requests = Array.from(
          { length: 10 },
          (_, k) => mbap(i * 10 + k, 2, "04 20 00 00 01"),
        );
        const replies = Array.from({ length: 10 }, (_, k) => mbap(i * 10 + k, 2, "04 02 00 00"));
        assert.equal(await ask(conn, concat(...requests), 11 * 10), toHex(concat(...replies)));
      }));
    } finally {
      for (const conn of clients) conn.close();
    }
  });
});

Deno.test("e2e tcp: with writes = true a settings change + reboot moves the server to the new unit id", async () => {
  await withProcess("writes = true", TEST_VARIANT_ENTRY, async (port, a1mb) => {
    let conn = await connect(port);
    try {
      // Address 17.0 by FC06 on the first word of the float setting.
      assert.equal(
        await ask(conn, mbap(1, 2, "06 00 14 41 88"), 12),
        toHex(mbap(1, 2, "06 00 14 41 88")),
      );
      assert.match(await Deno.readTextFile(a1mb.configPath), /^address = 17$/m);
      assert.equal(
        await ask(conn, mbap(2, 2, "06 F1 00 00 01"), 12),
        toHex(mbap(2, 2, "06 F1 00 00 01")),
      );
      await a1mb.waitForLog(/Modbus TCP: listening on .*, unit 17 /);
      assert.equal(await readConn(conn, 1, 5000), null, "the reboot closed the connection");
      conn.close();
      conn = await connect(port);
      assert.equal(
        await ask(conn, mbap(3, 17, "03 FC 02 00 01"), 11),
        toHex(mbap(3, 17, "03 02 00 70")),
      );
      assert.equal(await ask(conn, mbap(4, 2, "03 FC 02 00 01"), 9), toHex(mbap(4, 2, "83 0B")));
    } finally {
      conn.close();
    }
  });
});
