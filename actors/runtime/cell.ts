/**
 * An actor cell runs one actor: it owns the mailbox, runs the handler one message at a time,
 * and manages incarnations (start, crash, restart, stop) on behalf of the supervisor.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import type { Clock, TimerHandle } from "../../drivers/clock.ts";
import type { ActorBehavior, ActorContext } from "./actor.ts";
import type { Bus, Receiver } from "./bus.ts";
import { errorText } from "./error_text.ts";
import { Mailbox } from "./mailbox.ts";
import type { ActorRef, Envelope, Message, StatusRequested } from "./message.ts";

/** Lifecycle of a cell. */
export type CellStatus = "idle" | "starting" | "running" | "crashed" | "stopping" | "stopped";

/** A failure of the actor: the handler threw, `preStart` failed, or a resource failed. */
export interface CellFailure {
  /** The actor's name. */
  readonly name: string;
  /** What was thrown or reported. */
  readonly error: unknown;
  /** The message being handled, if the failure happened in the handler. */
  readonly envelope: Envelope | null;
  /** Where it happened. */
  readonly phase: "preStart" | "handle" | "task" | "fail";
}

/** Options of a cell. */
export interface CellOptions {
  /** Maximum queued user messages. @default 1024 */
  readonly mailboxCapacity?: number;
  /** How long `stop` waits for a handler or task to finish, in ms. @default 1000 */
  readonly stopTimeoutMs?: number;
  /** Yield to the event loop after this many messages in a row. @default 64 */
  readonly batch?: number;
}

interface Incarnation<S> {
  state: S | undefined;
  readonly abort: AbortController;
  readonly timers: Set<TimerHandle>;
  readonly tasks: Set<Promise<void>>;
  readonly ctx: ActorContext<Message>;
}

/** Runs an actor with message union `M`, state `S` and start arguments `A`. */
export class Cell<M extends Message, S, A> implements Receiver {
  readonly name: string;
  readonly ref: ActorRef<M>;
  readonly mailbox: Mailbox;
  /** Called on every failure; the supervisor decides what happens next. */
  onFailure: (failure: CellFailure) => void = () => {};
  #status: CellStatus = "idle";
  #inc: Incarnation<S> | null = null;
  #draining: Promise<void> | null = null;
  #current: Envelope | null = null;
  #busySince: number | null = null;
  #crashTeardown: Promise<void> = Promise.resolve();
  readonly #behavior: ActorBehavior<M, S, A>;
  readonly #args: A;
  readonly #bus: Bus;
  readonly #clock: Clock;
  readonly #stopTimeoutMs: number;
  readonly #batch: number;

  /** Makes a cell and registers it on the bus (it queues messages until started). */
  constructor(
    ref: ActorRef<M>,
    behavior: ActorBehavior<M, S, A>,
    args: A,
    bus: Bus,
    options: CellOptions = {},
  ) {
    this.name = ref.name;
    this.ref = ref;
    this.#behavior = behavior;
    this.#args = args;
    this.#bus = bus;
    this.#clock = bus.clock;
    this.mailbox = new Mailbox(options.mailboxCapacity);
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 1000;
    this.#batch = options.batch ?? 64;
    bus.register(this);
  }

  /** Current lifecycle status. */
  get status(): CellStatus {
    return this.#status;
  }

  /** Monotonic ms at which the running handler started, or null when idle. */
  get busySince(): number | null {
    return this.#busySince;
  }

  /** The current state (for tests and status), or undefined when not running. */
  get state(): S | undefined {
    return this.#inc?.state;
  }

  /** Queues an envelope; dropped once the cell is stopping or stopped. */
  enqueue(envelope: Envelope): boolean {
    if (this.#status === "stopping" || this.#status === "stopped") return false;
    const ok = this.mailbox.push(envelope);
    if (this.#status === "running") this.#kick();
    return ok;
  }

  /**
   * Starts a fresh incarnation: `preStart`, then the queued messages. Resolves true when
   * running; on failure reports it through {@linkcode onFailure} and resolves false.
   */
  async start(): Promise<boolean> {
    if (this.#status === "stopping" || this.#status === "stopped") return false;
    this.#status = "starting";
    const inc = this.#newIncarnation();
    this.#inc = inc;
    try {
      inc.state = await this.#behavior.preStart(inc.ctx as ActorContext<M>, this.#args);
    } catch (error) {
      if (this.#inc === inc) {
        this.#crash(inc, { name: this.name, error, envelope: null, phase: "preStart" });
      }
      return false;
    }
    if (this.#inc !== inc || this.#status !== "starting") {
      // Stopped while preStart ran: release what it acquired.
      await this.#teardown(inc);
      return false;
    }
    this.#status = "running";
    this.#kick();
    return true;
  }

  /** Stops the actor: aborts its tasks and timers, waits for the handler, runs `postStop`. */
  async stop(): Promise<void> {
    if (this.#status === "stopped") return;
    this.#status = "stopping";
    const inc = this.#inc;
    this.#inc = null;
    if (this.#draining !== null) await withTimeout(this.#draining, this.#stopTimeoutMs);
    if (inc !== null) await this.#teardown(inc);
    await this.#crashTeardown;
    this.mailbox.clear();
    this.#status = "stopped";
    this.#bus.unregister(this);
  }

  /** Tears down a crashed incarnation so that {@linkcode start} can run again. */
  async resetAfterCrash(): Promise<void> {
    await this.#crashTeardown;
  }

  #newIncarnation(): Incarnation<S> {
    const abort = new AbortController();
    const timers = new Set<TimerHandle>();
    const tasks = new Set<Promise<void>>();
    const bus = this.#bus;
    const clock = this.#clock;
    const self = this.ref;
    const name = this.name;
    // deno-lint-ignore prefer-const
    let inc: Incarnation<S>;
    const ctx: ActorContext<M> = {
      name,
      self,
      clock,
      log: getLogger(["a1mb", name]),
      signal: abort.signal,
      send: (to, msg) => {
        if (abort.signal.aborted) return;
        bus.send(name, to, msg, this.#current?.id ?? null);
      },
      sendAfter: (msg, ms) => {
        const cause = this.#current?.id ?? null;
        const handle = clock.setTimeout(() => {
          timers.delete(handle);
          if (!abort.signal.aborted) bus.send(name, self, msg, cause);
        }, ms);
        timers.add(handle);
        return () => {
          timers.delete(handle);
          clock.clearTimeout(handle);
        };
      },
      spawn: (_taskName, task) => {
        if (abort.signal.aborted) return;
        const p: Promise<void> = (async () => {
          try {
            await task(abort.signal);
          } catch (error) {
            if (!abort.signal.aborted && this.#inc === inc) {
              this.#crash(inc, { name, error, envelope: null, phase: "task" });
            }
          }
        })();
        tasks.add(p);
        p.finally(() => tasks.delete(p));
      },
      fail: (error) => {
        if (!abort.signal.aborted && this.#inc === inc) {
          this.#crash(inc, { name, error, envelope: null, phase: "fail" });
        }
      },
    };
    inc = { state: undefined, abort, timers, tasks, ctx: ctx as unknown as ActorContext<Message> };
    return inc;
  }

  #kick(): void {
    if (this.#draining !== null || this.mailbox.length === 0) return;
    // Never run the receiver's handler inside the sender's: start draining on a microtask, and
    // after a long chain of them give the event loop (I/O, timers) a turn (the bus counts).
    this.#draining = this.#bus.drainStart().then(() => this.#drain()).finally(() => {
      this.#draining = null;
      if (this.#status === "running" && this.mailbox.length > 0) this.#kick();
    });
  }

  async #drain(): Promise<void> {
    let handled = 0;
    while (this.#status === "running") {
      const inc = this.#inc;
      if (inc === null) return;
      const envelope = this.mailbox.shift();
      if (envelope === undefined) return;
      if (++handled % this.#batch === 0) await new Promise((r) => setTimeout(r, 0));
      const traced = this.#bus.sink !== null;
      const start = this.#clock.now();
      if (envelope.msg.type === "@sys.statusRequested") {
        this.#answerStatus(inc, envelope as Envelope<StatusRequested>, start);
        if (traced) this.#bus.recordDelivery(envelope, start, this.#clock.now() - start);
        continue;
      }
      this.#current = envelope;
      this.#busySince = start;
      try {
        const result = this.#behavior.handle(
          inc.state as S,
          envelope.msg as M,
          inc.ctx as ActorContext<M>,
        );
        inc.state = result instanceof Promise ? await result : result;
        if (traced) this.#bus.recordDelivery(envelope, start, this.#clock.now() - start);
      } catch (error) {
        if (traced) this.#bus.recordDelivery(envelope, start, this.#clock.now() - start, error);
        if (this.#inc === inc) {
          this.#crash(inc, { name: this.name, error, envelope, phase: "handle" });
        }
        return;
      } finally {
        this.#current = null;
        this.#busySince = null;
      }
    }
  }

  #answerStatus(inc: Incarnation<S>, envelope: Envelope<StatusRequested>, now: number): void {
    let status: unknown = null;
    try {
      status = this.#behavior.status?.(inc.state as S, now) ?? null;
    } catch (error) {
      status = { error: errorText(error) };
    }
    this.#bus.send(this.name, envelope.msg.replyTo, {
      type: "@sys.statusReported",
      actor: this.name,
      status,
    }, envelope.id);
  }

  #crash(inc: Incarnation<S>, failure: CellFailure): void {
    if (this.#status === "stopping" || this.#status === "stopped") return;
    inc.abort.abort(failure.error);
    this.#status = "crashed";
    // Release what the crashed incarnation owns at once, not after the back-off.
    this.#inc = null;
    this.#crashTeardown = this.#teardown(inc);
    this.onFailure(failure);
  }

  async #teardown(inc: Incarnation<S>): Promise<void> {
    if (!inc.abort.signal.aborted) inc.abort.abort(new Error(`actor "${this.name}" stopped`));
    for (const handle of inc.timers) this.#clock.clearTimeout(handle);
    inc.timers.clear();
    if (inc.tasks.size > 0) {
      await withTimeout(Promise.allSettled([...inc.tasks]), this.#stopTimeoutMs);
    }
    const postStop = this.#behavior.postStop;
    if (postStop !== undefined && inc.state !== undefined) {
      try {
        await withTimeout(
          Promise.resolve(postStop.call(this.#behavior, inc.state, inc.ctx as ActorContext<M>)),
          this.#stopTimeoutMs,
        );
      } catch (error) {
        inc.ctx.log.warn("postStop of {name} failed: {error}", {
          name: this.name,
          error: errorText(error),
        });
      }
    }
  }
}

/** Waits for `p` at most `ms` (real time); never rejects. */
async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([p.then(() => {}, () => {}), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
