/**
 * The supervisor (OTP `one_for_one`): starts children in their declared order, stops them in
 * reverse, restarts a crashed child with exponential back-off, escalates once the whole tree
 * would exceed `intensity` restarts within `periodMs` (counted across all children, as OTP
 * does), and reboots the whole tree in-process. Every child is permanent: restarted after any
 * crash.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import type { TimerHandle } from "../../drivers/clock.ts";
import type { ActorBehavior } from "./actor.ts";
import { backoffDelayMs } from "./backoff.ts";
import type { Bus, Receiver } from "./bus.ts";
import { errorText } from "./error_text.ts";
import { Cell, type CellFailure, type CellOptions } from "./cell.ts";
import type { ActorRef, Envelope, Message } from "./message.ts";

/** Messages the supervisor accepts. */
export type SupervisorMsg =
  | { readonly type: "rebootRequested"; readonly reason: string }
  | { readonly type: "shutdownRequested"; readonly reason: string };

/** The supervisor's well-known name and typed address. */
export const SUPERVISOR: ActorRef<SupervisorMsg> = { name: "supervisor" };

/**
 * A child specification: how to make the child's cell. Every child is permanent (OTP's
 * `restart => permanent`): a crash is always followed by a restart, within the intensity.
 */
export interface ChildSpec {
  /** The child's name (its ref's name). */
  readonly id: string;
  /** Makes the cell on a bus (called at every start of the tree). */
  readonly create: (bus: Bus) => Cell<Message, unknown, unknown>;
}

/** Builds a child specification from a typed ref, a behaviour and its start arguments. */
export function childSpec<M extends Message, S, A>(
  ref: ActorRef<M>,
  behavior: ActorBehavior<M, S, A>,
  args: A,
  options: CellOptions = {},
): ChildSpec {
  return {
    id: ref.name,
    create: (bus) =>
      new Cell(ref, behavior, args, bus, options) as unknown as Cell<Message, unknown, unknown>,
  };
}

/** Restart intensity and back-off. */
export interface SupervisorOptions {
  /**
   * Maximum restarts within `periodMs`, counted across all children (OTP's `intensity`): the
   * crash that would be one more restart escalates instead. @default 5
   */
  readonly intensity?: number;
  /** The sliding window for `intensity`, in ms (OTP's `period`). @default 60000 */
  readonly periodMs?: number;
  /**
   * First back-off delay, in ms; doubles with each restart of the same child in the window.
   * @default 100
   */
  readonly backoffBaseMs?: number;
  /** Longest back-off delay, in ms. @default 10000 */
  readonly backoffMaxMs?: number;
  /** Exit code reported when the supervisor escalates. @default 70 */
  readonly escalationExitCode?: number;
}

/** Why and how the supervision tree ended. */
export interface SupervisorExit {
  /** Process exit code: 0 after a requested stop, non-zero after escalation. */
  readonly code: number;
  /** A readable reason. */
  readonly reason: string;
}

interface Child {
  readonly spec: ChildSpec;
  readonly cell: Cell<Message, unknown, unknown>;
  pending: TimerHandle | null;
}

/** One restart in the supervisor's sliding window. */
interface RestartMark {
  /** Monotonic ms of the crash. */
  readonly at: number;
  /** The child that crashed. */
  readonly id: string;
}

/**
 * Supervises a tree of actors. `build` returns the children in start order; it is called at
 * start and at every reboot (where it reloads the configuration).
 */
export class Supervisor implements Receiver {
  readonly name = SUPERVISOR.name;
  readonly bus: Bus;
  /** Total restarts since the supervisor was made, per child name. */
  readonly restartCounts = new Map<string, number>();
  /** Number of completed reboots. */
  reboots = 0;
  readonly #build: () => Promise<ChildSpec[]>;
  readonly #opts: Required<SupervisorOptions>;
  readonly #log = getLogger(["a1mb", "supervisor"]);
  #children: Child[] = [];
  /** Restarts within the last `periodMs`, all children together, oldest first. */
  #recent: RestartMark[] = [];
  #state: "idle" | "running" | "rebooting" | "stopping" | "stopped" = "idle";
  #resolveDone!: (exit: SupervisorExit) => void;
  /** Resolves once the tree has stopped for good. */
  readonly done: Promise<SupervisorExit>;
  #queue: Promise<void> = Promise.resolve();

  /** Makes a supervisor; nothing starts until {@linkcode start}. */
  constructor(bus: Bus, build: () => Promise<ChildSpec[]>, options: SupervisorOptions = {}) {
    this.bus = bus;
    this.#build = build;
    this.#opts = {
      intensity: options.intensity ?? 5,
      periodMs: options.periodMs ?? 60_000,
      backoffBaseMs: options.backoffBaseMs ?? 100,
      backoffMaxMs: options.backoffMaxMs ?? 10_000,
      escalationExitCode: options.escalationExitCode ?? 70,
    };
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    bus.register(this);
  }

  /** Names of the running children, in start order. */
  get childNames(): string[] {
    return this.#children.map((c) => c.spec.id);
  }

  /** The cell of a child, for status and tests. */
  cell(name: string): Cell<Message, unknown, unknown> | undefined {
    return this.#children.find((c) => c.spec.id === name)?.cell;
  }

  /** Builds the children and starts them in order. */
  start(): Promise<void> {
    return this.#serial(async () => {
      if (this.#state !== "idle") return;
      this.#state = "running";
      await this.#startAll(await this.#build());
    });
  }

  /** Stops every child in reverse order; `done` resolves with exit code 0. */
  stop(reason: string): Promise<void> {
    return this.#serial(() => this.#shutdown({ code: 0, reason }));
  }

  /** Stops all children, rebuilds them (reloading the configuration) and starts them again. */
  reboot(reason: string): Promise<void> {
    return this.#serial(async () => {
      if (this.#state !== "running") return;
      this.#state = "rebooting";
      this.#log.info("Rebooting: {reason}", { reason });
      this.bus.recordEvent("supervisor", "*", "@sys.reboot", JSON.stringify(reason));
      let specs: ChildSpec[];
      await this.#stopAll();
      try {
        specs = await this.#build();
      } catch (error) {
        this.#log.error("Reboot aborted, cannot rebuild the actors: {error}", {
          error: errorText(error),
        });
        this.#state = "running";
        await this.#shutdown({
          code: this.#opts.escalationExitCode,
          reason: `reboot failed: ${errorText(error)}`,
        });
        return;
      }
      this.#state = "running";
      await this.#startAll(specs);
      this.reboots++;
    });
  }

  /**
   * True while no handler has been running longer than `maxBusyMs` and the tree is up: the
   * systemd watchdog is only fed while this holds, so a hung actor stops the pings.
   */
  healthy(maxBusyMs: number): boolean {
    if (this.#state !== "running") return this.#state === "rebooting";
    const now = this.bus.clock.now();
    for (const child of this.#children) {
      const since = child.cell.busySince;
      if (since !== null && now - since > maxBusyMs) return false;
    }
    return true;
  }

  /** Accepts `rebootRequested` and `shutdownRequested` through the bus (traced like any message). */
  enqueue(envelope: Envelope): boolean {
    const msg = envelope.msg as SupervisorMsg;
    const start = this.bus.clock.now();
    switch (msg.type) {
      case "rebootRequested":
        void this.reboot(msg.reason);
        break;
      case "shutdownRequested":
        void this.stop(msg.reason);
        break;
      default:
        return false;
    }
    if (this.bus.sink !== null) {
      this.bus.recordDelivery(envelope, start, this.bus.clock.now() - start);
    }
    return true;
  }

  #serial(op: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => {});
    return next;
  }

  async #startAll(specs: ChildSpec[]): Promise<void> {
    this.#children = specs.map((spec) => {
      const cell = spec.create(this.bus);
      const child: Child = { spec, cell, pending: null };
      cell.onFailure = (failure) => this.#onFailure(child, failure);
      return child;
    });
    for (const child of this.#children) {
      if (this.#state !== "running") return;
      this.bus.recordEvent("supervisor", child.spec.id, "@sys.start", "");
      await child.cell.start();
    }
  }

  async #stopAll(): Promise<void> {
    for (const child of [...this.#children].reverse()) {
      if (child.pending !== null) {
        this.bus.clock.clearTimeout(child.pending);
        child.pending = null;
      }
      this.bus.recordEvent("supervisor", child.spec.id, "@sys.stop", "");
      await child.cell.stop();
    }
    this.#children = [];
  }

  async #shutdown(exit: SupervisorExit): Promise<void> {
    if (this.#state === "stopped" || this.#state === "stopping") return;
    this.#state = "stopping";
    await this.#stopAll();
    this.#state = "stopped";
    this.bus.unregister(this);
    this.#resolveDone(exit);
  }

  /** Why the tree gives up: the crashes in the window, per child, and the last error. */
  #escalationReason(crashes: readonly RestartMark[], lastError: string): string {
    const perChild = new Map<string, number>();
    for (const mark of crashes) perChild.set(mark.id, (perChild.get(mark.id) ?? 0) + 1);
    const counts = [...perChild].map(([id, n]) => `${id} ${n}`).join(", ");
    const seconds = Math.round(this.#opts.periodMs / 1000);
    const last = crashes[crashes.length - 1]?.id ?? "";
    return `${crashes.length} crashes in ${seconds} s across the tree (${counts}), more than ` +
      `${this.#opts.intensity} restarts: giving up (last error, in actor "${last}": ${lastError})`;
  }

  #onFailure(child: Child, failure: CellFailure): void {
    const where = failure.envelope === null
      ? failure.phase
      : `handling "${failure.envelope.msg.type}" (id ${failure.envelope.id})`;
    const error = errorText(failure.error);
    this.#log.error("Actor {name} crashed in {where}: {error}", {
      name: child.spec.id,
      where,
      error,
    });
    if (this.#state !== "running") return;
    const now = this.bus.clock.now();
    this.#recent = this.#recent.filter((r) => now - r.at < this.#opts.periodMs);
    if (this.#recent.length >= this.#opts.intensity) {
      const reason = this.#escalationReason(
        [...this.#recent, { at: now, id: child.spec.id }],
        error,
      );
      this.#log.fatal("Escalating: {reason}", { reason });
      this.bus.recordEvent("supervisor", child.spec.id, "@sys.escalate", JSON.stringify(reason));
      void this.#serial(() => this.#shutdown({ code: this.#opts.escalationExitCode, reason }));
      return;
    }
    this.#recent.push({ at: now, id: child.spec.id });
    // The back-off grows with this child's own restarts in the window.
    const count = this.#recent.filter((r) => r.id === child.spec.id).length;
    const delay = backoffDelayMs(count, {
      minMs: this.#opts.backoffBaseMs,
      maxMs: this.#opts.backoffMaxMs,
    });
    this.restartCounts.set(child.spec.id, (this.restartCounts.get(child.spec.id) ?? 0) + 1);
    this.bus.recordEvent(
      "supervisor",
      child.spec.id,
      "@sys.restart",
      `attempt=${count} delay_ms=${delay} error=${JSON.stringify(error)}`,
    );
    child.pending = this.bus.clock.setTimeout(() => {
      child.pending = null;
      void this.#serial(async () => {
        if (this.#state !== "running" || !this.#children.includes(child)) return;
        await child.cell.resetAfterCrash();
        await child.cell.start();
      });
    }, delay);
  }
}
