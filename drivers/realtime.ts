/**
 * Real-time scheduling for the calling thread (`sched_setscheduler(0, SCHED_FIFO, …)` through
 * libc FFI): a thread that does one time-critical job (the RTU worker) then runs before every
 * normally scheduled thread of the machine the moment it wakes, however busy the CPUs are.
 *
 * Linux allows it to root (CAP_SYS_NICE) and to processes whose `RLIMIT_RTPRIO` reaches the
 * priority (systemd: `LimitRTPRIO=` in the unit). When the priority asked for is above that
 * limit, the limit's priority is used; when nothing is allowed, the thread stays as it is and the
 * result says why: a fallback, never an error.
 *
 * @module
 */
import { errnoDescription, errnoName } from "./ffi/errno.ts";
import { errno, openLibc } from "./ffi/libc.ts";

/** Linux `SCHED_FIFO`. */
export const SCHED_FIFO = 1;
/** Linux `RLIMIT_RTPRIO` (the same number on x86_64 and aarch64). */
export const RLIMIT_RTPRIO = 14;

/** How the calling thread is scheduled after {@linkcode requestRealtime}. */
export type ThreadScheduling =
  | { readonly policy: "fifo"; readonly priority: number }
  | { readonly policy: "normal"; readonly reason: string };

/** The system calls {@linkcode requestRealtime} makes (tests may pass a double). */
export interface SchedulingCalls {
  /** `sched_setscheduler(0, SCHED_FIFO, priority)`: 0, or the errno it failed with. */
  setFifo(priority: number): number;
  /** The soft `RLIMIT_RTPRIO` of the process. */
  rtprioLimit(): number;
}

let calls: SchedulingCalls | undefined;

/** The real system calls, through libc (opened on first use). */
export function libcSchedulingCalls(): SchedulingCalls {
  if (calls !== undefined) return calls;
  const lib = openLibc({
    sched_setscheduler: { parameters: ["i32", "i32", "buffer"], result: "i32" },
    getrlimit: { parameters: ["i32", "buffer"], result: "i32" },
  });
  const param = new Int32Array(1);
  const limit = new BigUint64Array(2);
  calls = {
    setFifo(priority) {
      param[0] = priority;
      return lib.sched_setscheduler(0, SCHED_FIFO, new Uint8Array(param.buffer)) === 0
        ? 0
        : errno();
    },
    rtprioLimit() {
      if (lib.getrlimit(RLIMIT_RTPRIO, new Uint8Array(limit.buffer)) !== 0) return 0;
      const soft = limit[0] ?? 0n;
      return soft > 99n ? 99 : Number(soft);
    },
  };
  return calls;
}

/**
 * Puts the calling thread under `SCHED_FIFO` at `priority` (1…99), or at the process's
 * `RLIMIT_RTPRIO` when that is lower but not 0; otherwise leaves it as it is and says why.
 *
 * @example
 * ```ts
 * import { requestRealtime } from "./realtime.ts";
 *
 * // A double of the kernel that refuses, as for a service without LimitRTPRIO=:
 * const refused = requestRealtime(10, { setFifo: () => 1, rtprioLimit: () => 0 });
 * // refused.policy === "normal"; refused.reason names EPERM and LimitRTPRIO=10
 * ```
 */
export function requestRealtime(
  priority: number,
  sys: SchedulingCalls = libcSchedulingCalls(),
): ThreadScheduling {
  if (!Number.isInteger(priority) || priority < 1 || priority > 99) {
    throw new RangeError(`Invalid real-time priority: "${priority}" (expected 1…99)`);
  }
  let e = sys.setFifo(priority);
  if (e === 0) return { policy: "fifo", priority };
  const limit = sys.rtprioLimit();
  if (limit > 0 && limit < priority) {
    e = sys.setFifo(limit);
    if (e === 0) return { policy: "fifo", priority: limit };
  }
  const name = errnoName(e);
  const hint = name === "EPERM"
    ? `: run as root or give the service LimitRTPRIO=${priority}`
    : `: ${errnoDescription(e)}`;
  return { policy: "normal", reason: `real-time scheduling refused (${name})${hint}` };
}
