/**
 * The Modbus TCP server actor (`[modbus.tcp]`): listens (127.0.0.1:1502 unless configured
 * otherwise), serves many clients at once, each on its own connection task
 * ({@linkcode serveTcpConnection}), from the image the RegisterStore publishes. Connections
 * beyond `max_connections` are closed at once; a connection without a complete request for
 * `idle_timeout_s` is closed. A listen failure (address in use) is logged once and retried with
 * the shared back-off (`backoff.ts`: 1 s doubling to 30 s); the actor never crashes for it.
 *
 * @module
 */
import { type ModbusTcpConfig, parseHostPort } from "../../config/mod.ts";
import type { ModbusSlaveMsg } from "../messages.ts";
import { sleep } from "../../drivers/sleep.ts";
import type { ActorBehavior, ActorContext } from "../runtime/actor.ts";
import {
  BACKOFF_START,
  backoffFailed,
  backoffPolicy,
  backoffSucceeded,
} from "../runtime/backoff.ts";
import { errorText } from "../runtime/error_text.ts";
import type { WritableRegisters } from "./setting_writes.ts";
import {
  armStats,
  createLive,
  handleSlaveMsg,
  type ModbusSlaveState,
  requestReboot,
  SETTING_WRITE_TIMEOUT_MS,
  type SlaveLive,
  slavePort,
  slaveStatus,
  STATS_INTERVAL_MS,
  waitForFirstImage,
} from "./slave_core.ts";
import { serveTcpConnection, type TcpClient } from "./tcp_connection.ts";

/** Start arguments of the TCP server. */
export interface ModbusTcpArgs {
  /** `[modbus.tcp]`. */
  readonly config: ModbusTcpConfig;
  /** The unit id answered besides 0 and 255: `modbus.rtu.address`. */
  readonly unitId: number;
  /** The variant's settings and reboot register. */
  readonly variant: WritableRegisters;
  /** Settings-write answer time-out, ms. @default 2000 */
  readonly writeTimeoutMs?: number;
  /** Interval of the `stats` line, ms. @default 60000 */
  readonly statsIntervalMs?: number;
  /** First delay before listening again, ms. @default 1000 */
  readonly retryMinMs?: number;
  /** Longest delay before listening again, ms. @default 30000 */
  readonly retryMaxMs?: number;
}

/** How often idle connections are looked for: a tenth of the idle time, at most once a second. */
export function idleSweepMs(idleTimeoutMs: number): number {
  return Math.max(10, Math.min(1000, Math.floor(idleTimeoutMs / 10)));
}

/** The Modbus TCP server behaviour. */
export const modbusTcpServer: ActorBehavior<ModbusSlaveMsg, ModbusSlaveState, ModbusTcpArgs> = {
  preStart(ctx, args) {
    const address = parseHostPort(args.config.listen);
    if (!address.ok) {
      throw new RangeError(`Invalid modbus.tcp.listen "${args.config.listen}": ${address.reason}`);
    }
    const live = createLive("tcp");
    const statsIntervalMs = args.statsIntervalMs ?? STATS_INTERVAL_MS;
    armStats(ctx, statsIntervalMs);
    const clients = new Set<TcpClient>();
    ctx.spawn(
      "tcp listener",
      (signal) => runListener(ctx, args, live, clients, address.hostname, address.port, signal),
    );
    ctx.spawn("tcp idle sweep", (signal) => sweepIdle(ctx, args, live, clients, signal));
    return { live, statsIntervalMs };
  },

  status: (state) => slaveStatus(state),

  handle(state, msg, ctx) {
    handleSlaveMsg(state.live, msg, ctx, state.statsIntervalMs);
    return state;
  },
};

/** Listens (again after a failure) and accepts until `signal` aborts. */
async function runListener(
  ctx: ActorContext<ModbusSlaveMsg>,
  args: ModbusTcpArgs,
  live: SlaveLive,
  clients: Set<TcpClient>,
  hostname: string,
  port: number,
  signal: AbortSignal,
): Promise<void> {
  const policy = backoffPolicy(args);
  let backoff = BACKOFF_START;
  const connections = new Set<Promise<void>>();
  const stopAll = () => {
    for (const client of clients) closeQuietly(client.conn);
  };
  if (!(await waitForFirstImage(live, signal))) return;
  signal.addEventListener("abort", stopAll);
  try {
    while (!signal.aborted) {
      let listener: Deno.TcpListener;
      try {
        listener = Deno.listen({ hostname, port, transport: "tcp" });
      } catch (error) {
        live.counters.openFailures++;
        const text = errorText(error);
        const step = backoffFailed(backoff, text, ctx.clock.now(), policy);
        backoff = step.backoff;
        if (step.changed) {
          ctx.log.error(
            "Modbus TCP: cannot listen on {hostname}:{port}: {error}; retrying (every {min}…{max} s)",
            { hostname, port, error: text, min: policy.minMs / 1000, max: policy.maxMs / 1000 },
          );
        }
        await sleep(ctx.clock, step.delayMs, signal);
        continue;
      }
      backoff = backoffSucceeded(backoff).backoff;
      ctx.log.info("Modbus TCP: listening on {hostname}:{port}, unit {unit} (or 0/255)", {
        hostname,
        port,
        unit: args.unitId,
      });
      live.serving = true;
      const closeListener = () => closeQuietly(listener);
      signal.addEventListener("abort", closeListener);
      let delayMs = 0;
      try {
        await acceptLoop(ctx, args, live, clients, connections, listener);
      } catch (error) {
        if (signal.aborted) break;
        const step = backoffFailed(backoff, errorText(error), ctx.clock.now(), policy);
        backoff = step.backoff;
        delayMs = step.delayMs;
        ctx.log.error("Modbus TCP: accepting failed: {error}; listening again in {s} s", {
          error: errorText(error),
          s: delayMs / 1000,
        });
      } finally {
        live.serving = false;
        signal.removeEventListener("abort", closeListener);
        closeQuietly(listener);
      }
      if (!signal.aborted) await sleep(ctx.clock, delayMs, signal);
    }
  } finally {
    signal.removeEventListener("abort", stopAll);
    stopAll();
    await Promise.allSettled([...connections]);
  }
}

async function acceptLoop(
  ctx: ActorContext<ModbusSlaveMsg>,
  args: ModbusTcpArgs,
  live: SlaveLive,
  clients: Set<TcpClient>,
  connections: Set<Promise<void>>,
  listener: Deno.TcpListener,
): Promise<void> {
  const c = live.counters;
  const options = { unitId: args.unitId, handle: { writesAllowed: args.config.writes } };
  const slave = slavePort(live, {
    variant: args.variant,
    timeoutMs: args.writeTimeoutMs ?? SETTING_WRITE_TIMEOUT_MS,
  }, ctx);
  let refusalLogged = false;
  for (;;) {
    const conn = await listener.accept();
    if (clients.size >= args.config.max_connections) {
      c.connectionsRefused++;
      if (!refusalLogged) {
        ctx.log.warn("Modbus TCP: {max} connections open, refusing more (max_connections)", {
          max: args.config.max_connections,
        });
        refusalLogged = true;
      }
      closeQuietly(conn);
      continue;
    }
    refusalLogged = false;
    c.connectionsAccepted++;
    c.connectionsOpen++;
    const client: TcpClient = { conn, lastRequestMs: ctx.clock.now() };
    clients.add(client);
    const served = serveTcpConnection(client, options, {
      nowMs: () => ctx.clock.now(),
      slave,
      reboot: () => requestReboot(ctx, "TCP"),
      closing: (reason) => ctx.log.info("Modbus TCP: closing a connection: {reason}", { reason }),
    }).catch((error) => {
      // Reset by the peer, closed by the sweep or at stop: the connection is over.
      ctx.log.debug("Modbus TCP: connection ended: {error}", { error: errorText(error) });
    }).finally(() => {
      clients.delete(client);
      c.connectionsOpen--;
      closeQuietly(conn);
      connections.delete(served);
    });
    connections.add(served);
  }
}

/** Closes connections without a complete request for `idle_timeout_s`. */
async function sweepIdle(
  ctx: ActorContext<ModbusSlaveMsg>,
  args: ModbusTcpArgs,
  live: SlaveLive,
  clients: Set<TcpClient>,
  signal: AbortSignal,
): Promise<void> {
  const idleMs = args.config.idle_timeout_s * 1000;
  const everyMs = idleSweepMs(idleMs);
  while (!signal.aborted) {
    await sleep(ctx.clock, everyMs, signal);
    const now = ctx.clock.now();
    for (const client of clients) {
      if (now - client.lastRequestMs < idleMs) continue;
      live.counters.timeouts++;
      ctx.log.debug("Modbus TCP: closing a connection idle for {s} s", { s: idleMs / 1000 });
      clients.delete(client);
      closeQuietly(client.conn);
    }
  }
}

function closeQuietly(closer: { close(): void }): void {
  try {
    closer.close();
  } catch {
    // Already closed.
  }
}
