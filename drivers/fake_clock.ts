/**
 * A clock that only moves when told to, so tests of timers, back-off and staleness are
 * deterministic and instant.
 *
 * @module
 */
import type { Clock, TimerHandle } from "./clock.ts";

interface PendingTimer {
  readonly handle: TimerHandle;
  readonly due: number;
  readonly fn: () => void;
}

/** A manually advanced {@linkcode Clock}; timers fire in due order during {@linkcode advance}. */
export class FakeClock implements Clock {
  #now: number;
  readonly #wallOrigin: number;
  #nextHandle = 1;
  #timers: PendingTimer[] = [];

  /**
   * @param wallOrigin wall-clock epoch ms that monotonic time 0 corresponds to
   */
  constructor(wallOrigin = Date.UTC(2026, 0, 1)) {
    this.#now = 0;
    this.#wallOrigin = wallOrigin;
  }

  /** Monotonic milliseconds since the clock was made. */
  now(): number {
    return this.#now;
  }

  /** Wall-clock epoch ms: the origin plus the monotonic time. */
  wallNow(): number {
    return this.#wallOrigin + this.#now;
  }

  /** Registers a timer that fires when the clock passes `now() + ms`. */
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = this.#nextHandle++;
    this.#timers.push({ handle, due: this.#now + Math.max(0, ms), fn });
    return handle;
  }

  /** Cancels a pending timer. */
  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.handle !== handle);
  }

  /** Number of timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due, in order, and letting the
   * promises those timers start settle between firings.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await settle();
      const next = this.#earliest();
      if (next === undefined || next.due > target) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.due);
      next.fn();
    }
    this.#now = target;
    await settle();
  }

  #earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (best === undefined || t.due < best.due) best = t;
    }
    return best;
  }
}

/** Lets every already-queued promise callback run (a few macrotask turns of the real loop). */
export async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}
