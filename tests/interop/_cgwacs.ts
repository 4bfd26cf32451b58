/**
 * Victron's dbus-cgwacs (victronenergy/dbus-cgwacs `software/src/ac_sensor_updater.cpp`,
 * reference `variants/em24.md` section 4a) as a request sequence: every read is FC03; detection
 * reads the identification code, (ET340) the per-phase export counter, the serial text, the
 * firmware word and the phase sequence, then checks the setup words; acquisition runs the
 * meter's command table in rounds, each round reading the commands of interval 0 and the one
 * whose interval is the round's index, each command reading its highest offset + 2 registers.
 *
 * @module
 */
import type { PyOp } from "./_masters.ts";

/** One acquisition command: start register, the highest register offset it decodes, interval. */
export interface CgwacsCommand {
  readonly reg: number;
  readonly maxOffset: number;
  readonly interval: number;
}

/** An FC03 read. */
export function fc03(address: number, count: number): PyOp {
  return { op: "read_holding", address, count };
}

/**
 * The reads of one full acquisition cycle (rounds 0 … the last interval), in the order
 * `startNextAcquisition` sends them.
 */
export function acquisitionCycle(commands: readonly CgwacsCommand[]): PyOp[] {
  const last = Math.max(...commands.map((c) => c.interval));
  const ops: PyOp[] = [];
  for (let round = 0; round <= last; round++) {
    for (const c of commands) {
      if (c.interval === 0 || c.interval === round) ops.push(fc03(c.reg, c.maxOffset + 2));
    }
  }
  return ops;
}
