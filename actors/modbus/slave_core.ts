/**
 * What the RTU slave and the TCP server share: the live holder their request paths read (the
 * current register image, the counters, the 485 activity), the settings-write round trip to the
 * ConfigManager, and the handling of their common messages.
 *
 * The holder is mutable and owned by one actor: its handler applies each `registersPublished`
 * update to the holder's own image, in place, between two requests; its own I/O tasks read the
 * image (synchronously, a whole answer at a time) and bump the counters. Nothing in it is shared
 * with another actor.
 *
 * @module
 */
import type { WriteIntent } from "../../protocol/modbus/handle_request.ts";
import { type ImageUpdate, RegisterImageReplica } from "../../protocol/modbus/image_update.ts";
import { CONFIG_MANAGER, LED_CONTROLLER, type ModbusSlaveMsg } from "../messages.ts";
import type { SettingWriteResult } from "../messages.ts";
import type { ActorContext } from "../runtime/actor.ts";
import { unreachable } from "../runtime/message.ts";
import { type ActivityState, createActivity, flushActivity, noteActivity } from "./activity.ts";
import {
  createCounters,
  formatStats,
  type ModbusCounters,
  type ModbusTransport,
  snapshotStats,
} from "./counters.ts";
import { planSettingWrite, type WritableRegisters } from "./setting_writes.ts";
import type { SlavePort, WriteOutcome } from "./slave_port.ts";

/** How long a settings write waits for the ConfigManager before answering exception 04, ms. */
export const SETTING_WRITE_TIMEOUT_MS = 2000;

/** Interval of the `stats` log line, ms. */
export const STATS_INTERVAL_MS = 60_000;

/** The mutable holder of one slave actor (see the module doc). */
export interface SlaveLive {
  /** The transport's counters. */
  readonly counters: ModbusCounters;
  /** 485 activity not reported yet. */
  readonly activity: ActivityState;
  /** Settings writes waiting for `settingWritten`, by request id. */
  readonly waiting: Map<number, (result: SettingWriteResult) => void>;
  /** Id of the next settings write. */
  nextRequestId: number;
  /** Resolves when the first image has arrived: the slave serves from then on. */
  readonly firstImage: Promise<void>;
  /** Resolves {@linkcode firstImage}. */
  readonly imageArrived: () => void;
  /**
   * The image requests are answered from, updated in place from each update, and the last
   * update; both null until the RegisterStore's first one arrives.
   */
  readonly replica: RegisterImageReplica;
  /** Called with every update (the RTU slave forwards it to its worker thread). */
  onUpdate: ((update: ImageUpdate) => void) | null;
  /** True while the port is open (RTU) or the listener is up (TCP). */
  serving: boolean;
  /** Where the RTU slave serves and how that thread is scheduled; null for TCP. */
  thread: RtuThreadStatus | null;
}

/** Where the RTU slave serves, for `status`. */
export interface RtuThreadStatus {
  /** The main thread (the event loop) or the worker thread. */
  readonly engine: "main" | "worker";
  /** How that thread is scheduled: `"SCHED_FIFO 10"`, or `"normal"` and why. */
  readonly scheduling: string;
}

/** State of a Modbus slave actor (RTU or TCP). */
export interface ModbusSlaveState {
  /** The image and the counters: `status` and metrics read `live.counters`. */
  readonly live: SlaveLive;
  /** Interval of the `stats` line, ms. */
  readonly statsIntervalMs: number;
}

/** A fresh holder for `transport`. */
export function createLive(transport: ModbusTransport): SlaveLive {
  let imageArrived = () => {};
  const firstImage = new Promise<void>((resolve) => (imageArrived = resolve));
  return {
    counters: createCounters(transport),
    activity: createActivity(),
    waiting: new Map(),
    nextRequestId: 1,
    firstImage,
    imageArrived,
    replica: new RegisterImageReplica(),
    onUpdate: null,
    serving: false,
    thread: null,
  };
}

/** The status snapshot of a slave: serving or not, and its counters. */
export function slaveStatus(state: ModbusSlaveState): {
  serving: boolean;
  counters: ModbusCounters;
  thread?: RtuThreadStatus;
} {
  const { serving, counters, thread } = state.live;
  return {
    serving,
    counters: structuredClone(counters),
    ...(thread === null ? {} : { thread }),
  };
}

/**
 * Resolves once the first image has arrived (true) or `signal` aborted (false), so a slave
 * opens its port only when it can answer from the RegisterStore's image.
 */
export function waitForFirstImage(live: SlaveLive, signal: AbortSignal): Promise<boolean> {
  if (live.replica.image !== null) return Promise.resolve(true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener("abort", onAbort, { once: true });
    live.firstImage.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    });
  });
}

/** What a slave's write path needs to know. */
export interface WriteSetup {
  /** The variant's settings and reboot register. */
  readonly variant: WritableRegisters;
  /** How long to wait for the ConfigManager, ms. */
  readonly timeoutMs: number;
}

/**
 * Plans a write and, for settings, asks the ConfigManager to save them and waits for its answer
 * (at most `timeoutMs`, then exception 04). A reboot is only planned here: the caller answers
 * first, then calls {@linkcode requestReboot}.
 */
export function applyWrite(
  live: SlaveLive,
  intent: WriteIntent,
  setup: WriteSetup,
  ctx: ActorContext<ModbusSlaveMsg>,
): Promise<WriteOutcome> {
  const plan = planSettingWrite(intent, setup.variant);
  switch (plan.kind) {
    case "exception":
      ctx.log.debug("Write refused with exception {code}: {reason}", { ...plan });
      return Promise.resolve(plan);
    case "reboot":
      return Promise.resolve(plan);
    case "settings":
      break;
    default:
      return unreachable(plan);
  }
  const requestId = live.nextRequestId++;
  return new Promise<WriteOutcome>((resolve) => {
    let timer: ReturnType<typeof ctx.clock.setTimeout> | null = null;
    const finish = (outcome: WriteOutcome) => {
      live.waiting.delete(requestId);
      if (timer !== null) ctx.clock.clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () =>
      finish({ kind: "exception", code: 4, reason: "Cannot save settings: the slave is stopping" });
    live.waiting.set(requestId, (result) => {
      if (result.ok) {
        live.counters.settingsWritten++;
        finish({ kind: "accepted" });
      } else finish({ kind: "exception", code: result.exception, reason: result.reason });
    });
    timer = ctx.clock.setTimeout(() => {
      live.counters.writeTimeouts++;
      ctx.log.error("Settings write {id} got no answer within {ms} ms: exception 04", {
        id: requestId,
        ms: setup.timeoutMs,
      });
      finish({
        kind: "exception",
        code: 4,
        reason: `Cannot save settings: no answer within ${setup.timeoutMs} ms`,
      });
    }, setup.timeoutMs);
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener("abort", onAbort);
    ctx.send(CONFIG_MANAGER, {
      type: "settingWriteRequested",
      changes: plan.changes,
      requestId,
      replyTo: ctx.self,
    });
  });
}

/** The holder as its request paths see it: the image, the counters, writes through `ctx`. */
export function slavePort(
  live: SlaveLive,
  setup: WriteSetup,
  ctx: ActorContext<ModbusSlaveMsg>,
): SlavePort {
  return {
    get image() {
      return live.replica.image;
    },
    counters: live.counters,
    applyWrite: (intent) => applyWrite(live, intent, setup, ctx),
  };
}

/** Asks for the reboot a write to the reboot register means (after its answer went out). */
export function requestReboot(ctx: ActorContext<ModbusSlaveMsg>, transport: string): void {
  ctx.log.info("Reboot register written over Modbus {transport}: rebooting", { transport });
  ctx.send(CONFIG_MANAGER, {
    type: "rebootRequested",
    reason: `reboot register written over Modbus ${transport}`,
  });
}

/** Notes 485 activity and reports it to the LedController, at most 4 times a second. */
export function noteRs485(
  live: SlaveLive,
  ctx: ActorContext<ModbusSlaveMsg>,
  valid: number,
  invalid: number,
): void {
  const decision = noteActivity(live.activity, valid, invalid, ctx.clock.now());
  switch (decision.kind) {
    case "report":
      ctx.send(LED_CONTROLLER, { type: "rs485Activity", ...decision.report });
      break;
    case "arm":
      ctx.sendAfter({ type: "activityDue" }, decision.delayMs);
      break;
    case "wait":
      break;
    default:
      unreachable(decision);
  }
}

/** Arms the next `statsDue`. */
export function armStats(ctx: ActorContext<ModbusSlaveMsg>, intervalMs: number): void {
  ctx.sendAfter({ type: "statsDue" }, intervalMs);
}

/** Handles the messages both slaves accept. */
export function handleSlaveMsg(
  live: SlaveLive,
  msg: ModbusSlaveMsg,
  ctx: ActorContext<ModbusSlaveMsg>,
  statsIntervalMs: number,
): void {
  switch (msg.type) {
    case "registersPublished":
      live.replica.apply(msg.update);
      live.imageArrived();
      live.onUpdate?.(msg.update);
      return;
    case "settingWritten": {
      const waiter = live.waiting.get(msg.requestId);
      if (waiter !== undefined) waiter(msg.result);
      else if (msg.result.ok) {
        ctx.log.warn(
          "Settings write {id} was saved after its time-out: the master got exception 04 anyway",
          { id: msg.requestId },
        );
      }
      return;
    }
    case "statsDue":
      ctx.log.info(formatStats(live.counters));
      ctx.send(ctx.self, { type: "statsReported", ...snapshotStats(live.counters) });
      armStats(ctx, statsIntervalMs);
      return;
    case "activityDue": {
      const report = flushActivity(live.activity, ctx.clock.now());
      if (report !== null) ctx.send(LED_CONTROLLER, { type: "rs485Activity", ...report });
      return;
    }
    case "statsReported":
      return;
    default:
      unreachable(msg);
  }
}
