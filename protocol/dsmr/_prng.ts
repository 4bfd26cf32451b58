/**
 * A small seeded pseudo-random generator (mulberry32) whose whole state is one uint32, so
 * that simulator states stay plain, copyable data.
 *
 * @module
 */

/** A seeded generator over a uint32 state; `state` is what to store between calls. */
export class Prng {
  #state: number;

  /** Starts from a state (or a seed). */
  constructor(state: number) {
    this.#state = state >>> 0;
  }

  /** The current state, to resume later with `new Prng(state)`. */
  get state(): number {
    return this.#state;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
