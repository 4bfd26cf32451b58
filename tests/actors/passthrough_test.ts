import assert from "node:assert/strict";
import { PASSTHROUGH } from "../../actors/messages.ts";
import {
  passthrough,
  type PassthroughArgs,
  type PassthroughState,
} from "../../actors/passthrough.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import {
  type PassthroughOptions,
  startPassthroughServer,
} from "../../drivers/passthrough/passthrough_server.ts";
import { captureLogs } from "./a1/_log_capture.ts";
import { freePort, readConn, until } from "./modbus/_harness.ts";

/** Starts the Passthrough on `port` with the real server, counting its listen attempts. */
async function start(port: number, args: Partial<PassthroughArgs> = {}) {
  const clock = new FakeClock();
  const attempts: number[] = [];
  const startServer = (options: PassthroughOptions) => {
    attempts.push(clock.now());
    return startPassthroughServer(options);
  };
  const bus = new Bus(clock);
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(PASSTHROUGH, passthrough, {
        listen: `127.0.0.1:${port}`,
        startServer,
        ...args,
      }),
    ]));
  await sup.start();
  await settle();
  const status = () => {
    const state = sup.cell(PASSTHROUGH.name)?.state as PassthroughState;
    return passthrough.status!(state, clock.now()) as Record<string, unknown>;
  };
  return { clock, attempts, bus, sup, status };
}

Deno.test("passthrough retries a taken port with the shared back-off (1 s, 2 s, 4 s …) and logs the failure once", async () => {
  const logs = await captureLogs();
  const port = freePort();
  const blocker = Deno.listen({ hostname: "127.0.0.1", port });
  const p = await start(port);
  try {
    assert.deepEqual(p.attempts, [0]);
    assert.equal(p.status().listening, false);
    assert.match(String(p.status().last_error), /in use/i);
    await p.clock.advance(999);
    assert.deepEqual(p.attempts, [0]);
    await p.clock.advance(1);
    await until(() => p.attempts.length === 2, "the second attempt");
    await p.clock.advance(2000);
    await until(() => p.attempts.length === 3, "the third attempt");
    assert.deepEqual(p.attempts, [0, 1000, 3000]);
    assert.equal(logs.matching(/Cannot listen on .*retrying \(every 1…30 s\)/).length, 1);
    // The port is free again: the next attempt, 4 s later, listens and serves telegrams.
    blocker.close();
    await p.clock.advance(4000);
    await until(() => p.status().listening === true, "listening");
    assert.deepEqual(p.attempts, [0, 1000, 3000, 7000]);
    assert.equal(p.status().last_error, null);
    const client = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await until(() => p.status().clients === 1, "the client is accepted");
      const telegram = new TextEncoder().encode("/FLU5\\253769484_A\r\n\r\n!1234");
      p.bus.send("telegramValidator", PASSTHROUGH, {
        type: "telegramPassed",
        bytes: telegram,
        accepted: true,
      }, null);
      const got = await readConn(client, telegram.length + 2);
      assert.deepEqual(got, new Uint8Array([...telegram, 0x0d, 0x0a]));
    } finally {
      client.close();
    }
    assert.equal(p.sup.restartCounts.get("passthrough") ?? 0, 0, "never crashed");
  } finally {
    await p.sup.stop("test done");
    await logs.stop();
  }
});

Deno.test("passthrough honours retryMinMs and retryMaxMs: doubling, then capped", async () => {
  const port = freePort();
  const blocker = Deno.listen({ hostname: "127.0.0.1", port });
  const p = await start(port, { retryMinMs: 100, retryMaxMs: 400 });
  try {
    for (const [advance, attempts] of [[100, 2], [200, 3], [400, 4], [400, 5]] as const) {
      await p.clock.advance(advance);
      await until(() => p.attempts.length === attempts, `attempt ${attempts}`);
    }
    assert.deepEqual(p.attempts, [0, 100, 300, 700, 1100]);
  } finally {
    blocker.close();
    await p.sup.stop("test done");
  }
});
