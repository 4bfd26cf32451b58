import assert from "node:assert/strict";
import { parseWatchdogEnv } from "../../../drivers/systemd/mod.ts";

const OUR_PID = 4242;

/** WATCHDOG_USEC / WATCHDOG_PID pairs and what they mean for process 4242. */
const CASES: Record<string, {
  usec: string | undefined;
  pid: string | undefined;
  intervalMs: number | null;
  problem: RegExp | null;
}> = {
  // No watchdog configured.
  "unset": { usec: undefined, pid: undefined, intervalMs: null, problem: null },
  // WatchdogSec=30 without a pid: ours.
  "30 s, no pid": { usec: "30000000", pid: undefined, intervalMs: 30000, problem: null },
  // WatchdogSec=30 for our pid.
  "30 s, our pid": { usec: "30000000", pid: "4242", intervalMs: 30000, problem: null },
  // Inherited from a parent: meant for another process, silently not ours.
  "30 s, other pid": { usec: "30000000", pid: "1", intervalMs: null, problem: null },
  // Sub-millisecond precision is kept.
  "1500 µs": { usec: "1500", pid: undefined, intervalMs: 1.5, problem: null },
  // 0 means off, as sd_watchdog_enabled reads it, and is reported.
  "zero": { usec: "0", pid: undefined, intervalMs: null, problem: /not a positive number/ },
  // Garbage is reported, not guessed at.
  "garbage usec": { usec: "30s", pid: undefined, intervalMs: null, problem: /"30s"/ },
  // A malformed pid is reported.
  "garbage pid": { usec: "30000000", pid: "me", intervalMs: null, problem: /WATCHDOG_PID "me"/ },
};

for (const [name, c] of Object.entries(CASES)) {
  Deno.test(`watchdog environment: ${name}`, () => {
    const r = parseWatchdogEnv(c.usec, c.pid, OUR_PID);
    assert.equal(r.intervalMs, c.intervalMs);
    if (c.problem === null) assert.equal(r.problem, null);
    else assert.match(r.problem ?? "", c.problem);
  });
}
