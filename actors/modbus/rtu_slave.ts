/**
 * The Modbus RTU slave actor (`[modbus.rtu]`): owns the RS485 port and a task that serves it
 * (`rtu_engines.ts`: in the actor's thread, or on request in a worker thread running
 * `rtu_worker_side.ts`). The host hands it the port opener and the worker's module.
 * Its handler only swaps the register image, relays settings-write answers, reports 485 activity
 * and logs the `stats` line: no request waits for the mailbox.
 *
 * A port that cannot be opened, or is lost while open (adapter unplugged), never crashes the
 * actor: it is logged once, counted, and opened again with the shared back-off (`backoff.ts`: 1 s
 * doubling to 30 s), while the TCP server keeps serving.
 *
 * @module
 */
import { sleep } from "../../drivers/sleep.ts";
import { rtuTiming } from "../../protocol/modbus/rtu_timing.ts";
import type { ModbusRtuConfig } from "../../config/mod.ts";
import type { ModbusSlaveMsg } from "../messages.ts";
import type { ActorBehavior, ActorContext } from "../runtime/actor.ts";
import {
  BACKOFF_START,
  backoffFailed,
  backoffPolicy,
  backoffSucceeded,
} from "../runtime/backoff.ts";
import {
  type RtuEngineSetup,
  type RtuPortOpener,
  threadEngine,
  WORKER_FAILED,
  workerEngine,
} from "./rtu_engines.ts";
import type { RtuSessionOptions } from "./rtu_session.ts";
import type { WritableRegisters } from "./setting_writes.ts";
import {
  armStats,
  createLive,
  handleSlaveMsg,
  type ModbusSlaveState,
  SETTING_WRITE_TIMEOUT_MS,
  type SlaveLive,
  slaveStatus,
  STATS_INTERVAL_MS,
  waitForFirstImage,
} from "./slave_core.ts";

/** Start arguments of the RTU slave. */
export interface ModbusRtuArgs {
  /** `[modbus.rtu]`. */
  readonly config: ModbusRtuConfig;
  /** The variant's settings and reboot register. */
  readonly variant: WritableRegisters;
  /** Opens the port when serving in the actor's thread: the host passes `openSerialPort`. */
  readonly openPort: RtuPortOpener;
  /**
   * Serve in a worker thread running this module (the host's `rtu_worker.ts`, or the worker
   * bundle beside a bundle; it opens the port itself), which waits for requests with a blocking
   * poll: about half the round-trip tail on a busy 2-core machine, but some 20 MB more resident
   * memory (a second V8 isolate). Absent: serve in the actor's thread (`thread = "main"`). A
   * worker that cannot start is reported, and the actor's thread serves instead.
   */
  readonly workerUrl?: URL;
  /** Settings-write answer time-out, ms. @default 2000 */
  readonly writeTimeoutMs?: number;
  /** Interval of the `stats` line, ms. @default 60000 */
  readonly statsIntervalMs?: number;
  /** First delay before opening the port again, ms. @default 1000 */
  readonly retryMinMs?: number;
  /** Longest delay before opening the port again, ms. @default 30000 */
  readonly retryMaxMs?: number;
}

/** How the port is described in logs: `/dev/ttyUSB1 9600 8N1`. */
function lineText(config: ModbusRtuConfig): string {
  return `${config.device} ${config.baud} 8${config.parity === "none" ? "N" : "E"}1`;
}

/** The session options a configuration implies. */
export function rtuSessionSetup(config: ModbusRtuConfig): Omit<RtuSessionOptions, "direction"> {
  const timing = rtuTiming(config.baud, { parity: config.parity });
  const delay = config.response_delay_ms;
  return {
    address: config.address,
    t35Us: timing.t35Us,
    characterUs: timing.characterUs,
    replyDelayUs: delay === "auto" ? timing.t35Us : delay * 1000,
    echo: config.echo,
    handle: { writesAllowed: config.writes },
  };
}

/** The Modbus RTU slave behaviour. */
export const modbusRtuSlave: ActorBehavior<ModbusSlaveMsg, ModbusSlaveState, ModbusRtuArgs> = {
  preStart(ctx, args) {
    const live = createLive("rtu");
    const statsIntervalMs = args.statsIntervalMs ?? STATS_INTERVAL_MS;
    armStats(ctx, statsIntervalMs);
    ctx.spawn("rtu port", (signal) => runPort(ctx, args, live, signal));
    return { live, statsIntervalMs };
  },

  status: (state) => slaveStatus(state),

  handle(state, msg, ctx) {
    handleSlaveMsg(state.live, msg, ctx, state.statsIntervalMs);
    return state;
  },
};

/** Opens the port, serves it, and opens it again after a failure, until `signal` aborts. */
async function runPort(
  ctx: ActorContext<ModbusSlaveMsg>,
  args: ModbusRtuArgs,
  live: SlaveLive,
  signal: AbortSignal,
): Promise<void> {
  const { config } = args;
  const policy = backoffPolicy(args);
  const reported = new Set<string>();
  const setup: RtuEngineSetup = {
    device: config.device,
    serial: { baudRate: config.baud, dataBits: 8, parity: config.parity, stopBits: 1 },
    session: rtuSessionSetup(config),
    rs485: config.rs485,
    write: { variant: args.variant, timeoutMs: args.writeTimeoutMs ?? SETTING_WRITE_TIMEOUT_MS },
    report: (problem) => {
      if (reported.has(problem)) return;
      reported.add(problem);
      ctx.log.warn("Modbus RTU: {problem}", { problem });
    },
  };
  if (!(await waitForFirstImage(live, signal))) return;
  let inWorker = args.workerUrl !== undefined;
  let engine = args.workerUrl !== undefined
    ? workerEngine(ctx, live, setup, args.workerUrl)
    : threadEngine(ctx, live, setup, args.openPort);
  const close = () => void engine.close();
  signal.addEventListener("abort", close);
  let backoff = BACKOFF_START;
  try {
    while (!signal.aborted) {
      const error = await engine.open();
      if (signal.aborted) return;
      if (error !== null && error.startsWith(WORKER_FAILED)) {
        // A bundle cannot load the worker module: serve from this thread instead.
        ctx.log.warn("Modbus RTU: {error}; serving from the main thread instead", { error });
        await engine.close();
        inWorker = false;
        engine = threadEngine(ctx, live, setup, args.openPort);
        continue;
      }
      if (error !== null) {
        live.counters.openFailures++;
        const step = backoffFailed(backoff, error, ctx.clock.now(), policy);
        backoff = step.backoff;
        if (step.changed) {
          ctx.log.error("Modbus RTU: {error}; retrying (every {min}…{max} s)", {
            error,
            min: policy.minMs / 1000,
            max: policy.maxMs / 1000,
          });
        }
        await sleep(ctx.clock, step.delayMs, signal);
        continue;
      }
      const success = backoffSucceeded(backoff);
      backoff = success.backoff;
      ctx.log.info(
        "Modbus RTU: serving address {address} on {line}, reply delay {delay} µs, {thread} thread{again}",
        {
          address: config.address,
          line: lineText(config),
          delay: setup.session.replyDelayUs,
          thread: inWorker ? "worker" : "main",
          again: success.recovered ? " (port open again)" : "",
        },
      );
      live.serving = true;
      const lost = await engine.serve();
      live.serving = false;
      if (signal.aborted || lost === null) continue;
      live.counters.portLost++;
      const step = backoffFailed(backoff, lost, ctx.clock.now(), policy);
      backoff = step.backoff;
      ctx.log.error("Modbus RTU: {error}; opening it again in {s} s", {
        error: lost,
        s: step.delayMs / 1000,
      });
      await sleep(ctx.clock, step.delayMs, signal);
    }
  } finally {
    signal.removeEventListener("abort", close);
    await engine.close();
  }
}
