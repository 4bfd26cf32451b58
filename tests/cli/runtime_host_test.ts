import assert from "node:assert/strict";
import { type Config, DEFAULT_CONFIG } from "../../config/mod.ts";
import type { ActorBehavior } from "../../actors/runtime/actor.ts";
import type { ActorRef } from "../../actors/runtime/message.ts";
import { childSpec } from "../../actors/runtime/supervisor.ts";
import { BufferPrinter } from "./_buffer_printer.ts";
import { startHost } from "../../cli/runtime_host.ts";
import { FakeNotifySocket } from "../../drivers/systemd/fake_notify_socket.ts";
import { sdm630 } from "../../variants/sdm630/mod.ts";
import { freePort } from "../e2e/_a1mb_process.ts";

type HangMsg = { readonly type: "hangRequested" };
const HANGER: ActorRef<HangMsg> = { name: "hanger" };

/** Datagrams received until `until` matches one (or the time is up). */
async function receiveUntil(
  socket: FakeNotifySocket,
  until: RegExp,
  ms: number,
): Promise<string[]> {
  const got: string[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const d = await socket.receive(end - performance.now());
    if (d === null) break;
    got.push(d);
    if (until.test(d)) break;
  }
  return got;
}

Deno.test("host notifies systemd: READY once ready, WATCHDOG while healthy, none while an actor hangs", async () => {
  const dir = await Deno.makeTempDir();
  const socket = FakeNotifySocket.bind(`${dir}/notify.sock`);
  const env = {
    NOTIFY_SOCKET: `${dir}/notify.sock`,
    WATCHDOG_USEC: "1000000",
    WATCHDOG_PID: String(Deno.pid),
  };
  for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
  let release!: () => void;
  const hanger: ActorBehavior<HangMsg, null, null> = {
    preStart: () => null,
    async handle(state) {
      await new Promise<void>((r) => (release = r));
      return state;
    },
  };
  const d = DEFAULT_CONFIG;
  const config: Config = {
    ...d,
    a1: { ...d.a1, source: "simulator", simulator_interval_ms: 200 },
    modbus: {
      rtu: { ...d.modbus.rtu, enabled: false },
      tcp: { ...d.modbus.tcp, enabled: true, listen: `127.0.0.1:${freePort()}` },
    },
    leds: { ...d.leds, driver: "none" },
    log: { ...d.log, level: "error" },
    control: { ...d.control, socket: "" },
  };
  const host = await startHost({
    configPath: null,
    config,
    build: { variant: sdm630, target: "test" },
    printer: new BufferPrinter(),
    handleSignals: false,
    adjustChildren: (children) => [...children, childSpec(HANGER, hanger, null)],
  }, config);
  try {
    const first = await receiveUntil(socket, /READY=1/, 5000);
    assert.ok(first.some((x) => x.includes("READY=1")), `READY came: ${JSON.stringify(first)}`);
    const pinged = await receiveUntil(socket, /WATCHDOG=1/, 2000);
    assert.ok(pinged.some((x) => x === "WATCHDOG=1"), "pings every half interval while healthy");

    host.supervisor.bus.send("test", HANGER, { type: "hangRequested" }, null);
    // The handler has hung for more than half the interval once 600 ms have passed: drain what
    // was sent before that, then no ping may come while it still hangs.
    await new Promise((r) => setTimeout(r, 600));
    while ((await socket.receive(0)) !== null) { /* sent before the verdict */ }
    const whileHung = await receiveUntil(socket, /WATCHDOG=1/, 2000);
    assert.deepEqual(
      whileHung.filter((x) => x === "WATCHDOG=1"),
      [],
      "a hung actor stops the pings",
    );

    release();
    const after = await receiveUntil(socket, /WATCHDOG=1/, 2000);
    assert.ok(after.includes("WATCHDOG=1"), "the pings resume once it answers again");
  } finally {
    release?.();
    await host.supervisor.stop("test over");
    assert.equal(await host.exit, 0);
    const last = await receiveUntil(socket, /STOPPING=1/, 2000);
    assert.ok(last.includes("STOPPING=1"), "STOPPING=1 at the end");
    for (const k of Object.keys(env)) Deno.env.delete(k);
    socket.close();
    await Deno.remove(dir, { recursive: true });
  }
});
