/**
 * Runs the Modbus slave actors the way the product does (a real Bus and Supervisor), with a
 * recording LedController and a scriptable ConfigManager, and talks to them as a master: over a
 * real pty pair (RTU) or a real socket (TCP).
 *
 * @module
 */
import { DEFAULT_CONFIG } from "../../../config/mod.ts";
import { imageUpdateOf } from "../../protocol/modbus/_image_updates.ts";
import type { ModbusRtuConfig, ModbusTcpConfig } from "../../../config/mod.ts";
import {
  CONFIG_MANAGER,
  type ConfigManagerMsg,
  LED_CONTROLLER,
  type LedControllerMsg,
  MODBUS_RTU,
  MODBUS_TCP,
  type ModbusSlaveMsg,
  type SettingWriteResult,
} from "../../../actors/messages.ts";
import { type ModbusRtuArgs, modbusRtuSlave } from "../../../actors/modbus/rtu_slave.ts";
import type { ModbusSlaveState } from "../../../actors/modbus/slave_core.ts";
import { type ModbusTcpArgs, modbusTcpServer } from "../../../actors/modbus/tcp_server.ts";
import type { ActorBehavior } from "../../../actors/runtime/actor.ts";
import { Bus } from "../../../actors/runtime/bus.ts";
import type { ActorRef, Message } from "../../../actors/runtime/message.ts";
import { childSpec, Supervisor } from "../../../actors/runtime/supervisor.ts";
import type { TraceRecord, TraceSink } from "../../../actors/runtime/trace_record.ts";
import { type Clock, systemClock } from "../../../drivers/clock.ts";
import { openSerialPort, type SerialPort } from "../../../drivers/serial/mod.ts";
import { rtuWorkerUrl } from "../../../host/rtu_worker_url.ts";
import { type RegisterImage } from "../../../protocol/modbus/mod.ts";
import { TEST_VARIANT, testImage } from "./_fixtures.ts";

/** An actor that keeps every message it gets. */
export function inbox<M extends Message>(into: M[]): ActorBehavior<M, null, null> {
  return {
    preStart: () => null,
    handle: (state, msg) => {
      into.push(msg);
      return state;
    },
  };
}

/** How the fake ConfigManager answers settings writes: a result, or no answer at all. */
export type ConfigAnswer = SettingWriteResult | "silent";

/** A ConfigManager that records what it gets and answers settings writes with `answer()`. */
export function fakeConfigManager(
  into: ConfigManagerMsg[],
  answer: () => ConfigAnswer,
): ActorBehavior<ConfigManagerMsg, null, null> {
  return {
    preStart: () => null,
    handle: (state, msg, ctx) => {
      into.push(msg);
      if (msg.type === "settingWriteRequested") {
        const result = answer();
        if (result !== "silent") {
          ctx.send(msg.replyTo, { type: "settingWritten", requestId: msg.requestId, result });
        }
      }
      return state;
    },
  };
}

/** A trace sink that keeps records in memory. */
export class MemorySink implements TraceSink {
  readonly records: TraceRecord[] = [];
  write(record: TraceRecord): void {
    this.records.push(record);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** A running slave under test. */
export interface Running {
  readonly bus: Bus;
  readonly sup: Supervisor;
  readonly led: LedControllerMsg[];
  readonly config: ConfigManagerMsg[];
  readonly trace: MemorySink;
  /** The slave's state (its counters are `state().live.counters`). */
  state(): ModbusSlaveState;
  /** Publishes an image to the slave, as the RegisterStore does. */
  publish(image: RegisterImage): void;
  stop(): Promise<void>;
}

interface StartOptions {
  readonly clock?: Clock;
  readonly image?: RegisterImage | null;
  readonly answer?: () => ConfigAnswer;
}

async function start<A>(
  ref: ActorRef<ModbusSlaveMsg>,
  behavior: ActorBehavior<ModbusSlaveMsg, ModbusSlaveState, A>,
  args: A,
  options: StartOptions,
): Promise<Running> {
  const bus = new Bus(options.clock ?? systemClock);
  const trace = new MemorySink();
  bus.setSink(trace);
  const led: LedControllerMsg[] = [];
  const config: ConfigManagerMsg[] = [];
  const answer = options.answer ?? (() => ({ ok: true }) as const);
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(LED_CONTROLLER, inbox(led), null),
      childSpec(CONFIG_MANAGER, fakeConfigManager(config, answer), null),
      childSpec(ref, behavior, args),
    ]));
  await sup.start();
  const publish = (image: RegisterImage) =>
    bus.send(
      "registerStore",
      ref,
      { type: "registersPublished", update: imageUpdateOf(image) },
      null,
    );
  const image = options.image === undefined ? testImage() : options.image;
  if (image !== null) publish(image);
  return {
    bus,
    sup,
    led,
    config,
    trace,
    state: () => sup.cell(ref.name)?.state as ModbusSlaveState,
    publish,
    stop: () => sup.stop("test done"),
  };
}

/**
 * Starts the RTU slave on `device` (a pty slave path) with `[modbus.rtu]` overrides. When the
 * device exists and an image is published, resolves once the slave serves: bytes a master sends
 * before the port is open and raw are lost, as on a real line (a worker thread takes a while to
 * start on a busy machine).
 */
export async function startRtu(
  device: string,
  overrides: Partial<ModbusRtuConfig> = {},
  options:
    & StartOptions
    & Partial<Omit<ModbusRtuArgs, "config" | "variant">>
    & { readonly thread?: "main" | "worker" } = {},
): Promise<Running> {
  const { thread, ...rest } = options;
  // As the host builds them: the serial driver's opener, the worker module beside the host.
  const args: ModbusRtuArgs = {
    openPort: openSerialPort,
    ...(thread === "worker" ? { workerUrl: rtuWorkerUrl() } : {}),
    ...rest,
    config: { ...DEFAULT_CONFIG.modbus.rtu, device, ...overrides },
    variant: TEST_VARIANT,
  };
  const running = await start(MODBUS_RTU, modbusRtuSlave, args, options);
  if (options.image !== null && options.openPort === undefined && exists(device)) {
    await untilServing(running);
  }
  return running;
}

/** Resolves once the RTU slave has its port open and serves (waits up to 10 s). */
export function untilServing(slave: Running): Promise<void> {
  return until(() => slave.state()?.live.serving === true, "the RTU slave serves", 10_000);
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Starts the TCP server on `127.0.0.1:port` with `[modbus.tcp]` overrides. */
export function startTcp(
  port: number,
  overrides: Partial<ModbusTcpConfig> = {},
  options: StartOptions & Partial<Omit<ModbusTcpArgs, "config" | "variant" | "unitId">> = {},
): Promise<Running> {
  const args: ModbusTcpArgs = {
    ...options,
    config: {
      ...DEFAULT_CONFIG.modbus.tcp,
      enabled: true,
      listen: `127.0.0.1:${port}`,
      ...overrides,
    },
    unitId: 2,
    variant: TEST_VARIANT,
  };
  return start(MODBUS_TCP, modbusTcpServer, args, options);
}

/** A TCP port nobody listens on now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Reads exactly `n` bytes from a pty master; rejects with what arrived after `timeoutMs`. */
export async function readBytes(
  port: SerialPort,
  n: number,
  timeoutMs = 3000,
): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let got = 0;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    while (got < n) {
      const r = await port.read(out.subarray(got), signal);
      if (r === null) break;
      got += r;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  if (got < n) {
    throw new Error(`Expected ${n} bytes within ${timeoutMs} ms, got ${got}: ${hexText(out, got)}`);
  }
  return out;
}

function hexText(bytes: Uint8Array, n: number): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** Reads exactly `n` bytes from a connection, or null if it closes first (rejects on timeout). */
export async function readConn(
  conn: Deno.Conn,
  n: number,
  timeoutMs = 3000,
): Promise<Uint8Array | null> {
  const out = new Uint8Array(n);
  let got = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    while (got < n) {
      const r = await Promise.race([conn.read(out.subarray(got)), timeout]);
      if (r === "timeout") {
        throw new Error(`Expected ${n} bytes within ${timeoutMs} ms, got ${got}`);
      }
      if (r === null) return null;
      got += r;
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}

/** Writes all of `bytes` to a connection. */
export async function writeConn(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let at = 0;
  while (at < bytes.length) at += await conn.write(bytes.subarray(at));
}

/** Polls `condition` every 5 ms (real time) until it holds; rejects after `timeoutMs`. */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Resolves after `ms` of real time. */
export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
