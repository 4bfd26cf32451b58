import assert from "node:assert/strict";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { openPtyPair } from "../../../drivers/serial/mod.ts";
import { rtu, toHex } from "./_fixtures.ts";
import { type ConfigAnswer, readBytes, startRtu, until, untilServing } from "./_harness.ts";

type Thread = "worker" | "main";

/** Registers `name` twice: serving in the actor's thread (the default) and in a worker thread. */
function rtuTest(name: string, fn: (thread: Thread) => Promise<void>): void {
  for (const thread of ["main", "worker"] as const) {
    Deno.test(`${name} (${thread} thread)`, () => fn(thread));
  }
}

async function ask(
  master: { write(b: Uint8Array): Promise<void> } & Parameters<typeof readBytes>[0],
  request: Uint8Array,
  length: number,
) {
  await master.write(request);
  return toHex(await readBytes(master, length));
}

/** Settings writes that the ConfigManager saves: the request, the change, the normal reply. */
const SAVED: readonly {
  name: string;
  request: string;
  key: string;
  value: unknown;
  reply: string;
}[] = [
  {
    // FC16 of the address setting: 17.0; the reply echoes start and quantity.
    name: "FC16 of a whole setting",
    request: "02 10 00 14 00 02 04 41 88 00 00",
    key: "modbus.rtu.address",
    value: 17,
    reply: "02 10 00 14 00 02",
  },
  {
    // FC06 on the first word of the baud setting: 3.0 (19200); the reply echoes the request.
    name: "FC06 on the first word of a float setting",
    request: "02 06 00 1C 40 40",
    key: "modbus.rtu.baud",
    value: 19200,
    reply: "02 06 00 1C 40 40",
  },
];

for (const c of SAVED) {
  rtuTest(
    `rtu slave saves a settings write through the ConfigManager: ${c.name}`,
    async (thread) => {
      const pair = openPtyPair();
      const slave = await startRtu(pair.slavePath, {}, { thread });
      try {
        const reply = rtu(c.reply);
        assert.equal(await ask(pair.master, rtu(c.request), reply.length), toHex(reply));
        const asked = slave.config.find((m) => m.type === "settingWriteRequested");
        assert.ok(asked?.type === "settingWriteRequested");
        assert.deepEqual(asked.changes, [{ key: c.key, value: c.value }]);
        assert.equal(asked.replyTo.name, "modbusRtu");
        assert.equal(slave.state().live.counters.settingsWritten, 1);
      } finally {
        await slave.stop();
        await pair.close();
      }
    },
  );
}

rtuTest("rtu slave answers the ConfigManager's refusal with its exception code", async (thread) => {
  const answers: ConfigAnswer[] = [
    { ok: false, exception: 3, reason: "out of range", problems: [] },
    { ok: false, exception: 4, reason: "disk full", problems: [] },
  ];
  const pair = openPtyPair();
  const slave = await startRtu(pair.slavePath, {}, { thread, answer: () => answers.shift()! });
  try {
    const request = rtu("02 10 00 14 00 02 04 41 88 00 00");
    assert.equal(await ask(pair.master, request, 5), toHex(rtu("02 90 03")));
    assert.equal(await ask(pair.master, request, 5), toHex(rtu("02 90 04")));
  } finally {
    await slave.stop();
    await pair.close();
  }
});

rtuTest(
  "rtu slave answers exception 04 when the ConfigManager does not answer in time, then goes on",
  async (thread) => {
    const clock = new FakeClock();
    const pair = openPtyPair();
    const slave = await startRtu(pair.slavePath, {}, { thread, clock, answer: () => "silent" });
    try {
      // A write, then at once a read: the read is answered only after the write.
      await pair.master.write(rtu("02 10 00 14 00 02 04 41 88 00 00"));
      await until(() => slave.config.length === 1, "write forwarded");
      await pair.master.write(rtu("02 03 FC 02 00 01"));
      await clock.advance(1999);
      assert.equal(slave.state().live.counters.writeTimeouts, 0);
      await clock.advance(1);
      const replies = await readBytes(pair.master, 5 + 7);
      assert.equal(
        toHex(replies),
        toHex(new Uint8Array([...rtu("02 90 04"), ...rtu("02 03 02 00 70")])),
      );
      assert.equal(slave.state().live.counters.writeTimeouts, 1);
    } finally {
      await slave.stop();
      await pair.close();
    }
  },
);

rtuTest(
  "rtu slave answers a write to the reboot register, then asks for the reboot",
  async (thread) => {
    for (const request of ["02 06 F1 00 00 01", "02 10 F1 00 00 01 02 00 01"]) {
      const pair = openPtyPair();
      const slave = await startRtu(pair.slavePath, {}, { thread });
      try {
        const reply = request.startsWith("02 06") ? rtu(request) : rtu("02 10 F1 00 00 01");
        assert.equal(await ask(pair.master, rtu(request), reply.length), toHex(reply));
        await until(() => slave.config.some((m) => m.type === "rebootRequested"), "reboot asked");
        const reboot = slave.config.find((m) => m.type === "rebootRequested");
        assert.deepEqual(reboot, {
          type: "rebootRequested",
          reason: "reboot register written over Modbus RTU",
        });
        assert.equal(slave.config.filter((m) => m.type === "settingWriteRequested").length, 0);
      } finally {
        await slave.stop();
        await pair.close();
      }
    }
  },
);

rtuTest(
  "rtu slave keeps trying to open a missing port and serves once it appears",
  async (thread) => {
    const clock = new FakeClock();
    const dir = await Deno.makeTempDir();
    const device = `${dir}/ttyRS485`;
    const pair = openPtyPair();
    const slave = await startRtu(device, {}, { thread, clock });
    try {
      await until(() => slave.state().live.counters.openFailures === 1, "first open failed");
      await clock.advance(1000);
      await until(() => slave.state().live.counters.openFailures === 2, "retried after 1 s");
      await Deno.symlink(pair.slavePath, device);
      await clock.advance(2000); // back-off doubled
      await untilServing(slave);
      assert.equal(
        await ask(pair.master, rtu("02 03 FC 02 00 01"), 7),
        toHex(rtu("02 03 02 00 70")),
      );
      assert.equal(slave.sup.restartCounts.get("modbusRtu") ?? 0, 0, "never crashed");
    } finally {
      await slave.stop();
      await pair.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
);

rtuTest("rtu slave opens the port again after it was lost (adapter unplugged)", async (thread) => {
  const clock = new FakeClock();
  const dir = await Deno.makeTempDir();
  const device = `${dir}/ttyRS485`;
  const first = openPtyPair();
  await Deno.symlink(first.slavePath, device);
  const slave = await startRtu(device, {}, { thread, clock });
  const second = openPtyPair();
  try {
    assert.equal(
      await ask(first.master, rtu("02 03 FC 02 00 01"), 7),
      toHex(rtu("02 03 02 00 70")),
    );
    await first.close(); // hangs up the slave side, as unplugging does
    await until(() => slave.state().live.counters.portLost === 1, "loss noticed");
    await Deno.remove(device);
    await Deno.symlink(second.slavePath, device);
    await clock.advance(1000);
    await untilServing(slave);
    assert.equal(
      await ask(second.master, rtu("02 03 FC 02 00 01"), 7),
      toHex(rtu("02 03 02 00 70")),
    );
    assert.equal(slave.sup.restartCounts.get("modbusRtu") ?? 0, 0, "never crashed");
  } finally {
    await slave.stop();
    await second.close();
    await Deno.remove(dir, { recursive: true });
  }
});

rtuTest(
  "rtu slave backs off after a loss with the shared back-off: 1 s, then 2 s while the adapter stays away",
  async (thread) => {
    const clock = new FakeClock();
    const dir = await Deno.makeTempDir();
    const device = `${dir}/ttyRS485`;
    const first = openPtyPair();
    await Deno.symlink(first.slavePath, device);
    const slave = await startRtu(device, {}, { thread, clock });
    const second = openPtyPair();
    const counters = () => slave.state().live.counters;
    try {
      await first.close();
      await until(() => counters().portLost === 1, "loss noticed");
      await Deno.remove(device);
      await clock.advance(1000);
      await until(() => counters().openFailures === 1, "reopened after 1 s, and failed");
      await clock.advance(1999);
      assert.equal(counters().openFailures, 1, "the next delay is 2 s");
      await Deno.symlink(second.slavePath, device);
      await clock.advance(1);
      await untilServing(slave);
      assert.equal(
        await ask(second.master, rtu("02 03 FC 02 00 01"), 7),
        toHex(rtu("02 03 02 00 70")),
      );
    } finally {
      await slave.stop();
      await second.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
);

rtuTest(
  "rtu slave logs a stats line every minute and shows the counters in the trace",
  async (thread) => {
    const clock = new FakeClock();
    const pair = openPtyPair();
    const slave = await startRtu(pair.slavePath, {}, { thread, clock });
    try {
      await ask(pair.master, rtu("02 03 FC 02 00 01"), 7);
      await ask(pair.master, rtu("02 01 00 00 00 01"), 5);
      await until(() => slave.state().live.counters.requests === 2, "counted");
      await clock.advance(60_000);
      await until(
        () => slave.trace.records.some((r) => r.type === "statsReported"),
        "stats traced",
      );
      const record = slave.trace.records.find((r) => r.type === "statsReported")!;
      assert.match(record.summary, /transport="rtu" requests=2 replies=1 exceptions=1 /);
      await clock.advance(60_000);
      await until(
        () => slave.trace.records.filter((r) => r.type === "statsReported").length === 2,
        "a second minute",
      );
    } finally {
      await slave.stop();
      await pair.close();
    }
  },
);

rtuTest("rtu slave aggregates 485 activity: at most one report per 250 ms", async (thread) => {
  const clock = new FakeClock();
  const pair = openPtyPair();
  const slave = await startRtu(pair.slavePath, {}, { thread, clock });
  try {
    for (let i = 0; i < 3; i++) await ask(pair.master, rtu("02 03 FC 02 00 01"), 7);
    const bad = rtu("02 03 FC 02 00 01");
    bad[6] = bad[6]! ^ 1;
    await pair.master.write(bad);
    await until(() => slave.state().live.counters.crcErrors === 1, "CRC error seen");
    // The worker batches its reports too (every 100 ms): one report at once, the rest held.
    assert.equal(slave.led.length, 1, JSON.stringify(slave.led));
    await clock.advance(250);
    const sum = (key: "valid" | "invalid") =>
      slave.led.reduce((n, m) => n + (m.type === "rs485Activity" ? m[key] : 0), 0);
    await until(() => sum("valid") === 3 && sum("invalid") === 1, "the rest flushed");
    assert.ok(slave.led.length <= 2, JSON.stringify(slave.led));
  } finally {
    await slave.stop();
    await pair.close();
  }
});
