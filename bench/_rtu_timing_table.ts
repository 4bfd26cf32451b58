/**
 * The report of `bench/rtu_timing_bench.ts`: every run's figures, then issue 14's goals 1–4,
 * each figure beside its peer from the same round, as the median and the range over rounds.
 *
 * @module
 */
import type { RttFigures } from "./_modbus_table.ts";
import { median, spread } from "./_stats.ts";

/** What serves: a1mb with one RTU engine, the pymodbus peer, or the bare floor. */
export type System = `a1mb ${string}` | "pymodbus" | "floor" | "floor2";

/** What else the machine does during a run. */
export type Load = "quiet" | "awake" | "tcp";

/** How each load is named in the report. */
const LOAD_NAMES: Record<Load, string> = {
  quiet: "quiet + telegrams",
  awake: "quiet, CPUs awake",
  tcp: "16 TCP conns + telegrams",
};

/** One run: a system, its reply delay, quiet or under the TCP load. */
export interface Scenario {
  readonly system: System;
  /** 0, or t3.5 (the default delay). */
  readonly delayUs: number;
  /**
   * `"quiet"`: nothing else asked of it; `"awake"`: quiet, with an idle-class busy loop per CPU
   * so no CPU sleeps (shows what the machine's idle wake-up costs); `"tcp"`: while 16 TCP
   * connections saturate it.
   */
  readonly load: Load;
}

/** What one run measured. */
export interface Measurement {
  readonly scenario: Scenario;
  /** RTU round trips, µs. */
  readonly rtt: RttFigures;
  /** Whether the meter ran at real-time priority. */
  readonly meterRt: boolean;
  /** TCP requests/s over the RTU measurement (runs under TCP load). */
  readonly tcpRps: number | null;
  /** Peak resident memory of the process serving TCP, MB. */
  readonly peakMb: number;
  /** Telegrams a1mb accepted per second during the measurement (a1mb only). */
  readonly telegramsPerS: number | null;
  /** a1mb's RTU thread and its scheduling, from its status (a1mb only). */
  readonly scheduling: string | null;
}

/** Options of {@linkcode rtuTimingReport}. */
export interface ReportOptions {
  readonly t35Us: number;
  readonly header: string;
}

const f = (n: number, digits = 2) => n.toFixed(digits);

function find(round: readonly Measurement[], s: Scenario): Measurement | undefined {
  return round.find((m) =>
    m.scenario.system === s.system && m.scenario.delayUs === s.delayUs &&
    m.scenario.load === s.load
  );
}

function describe(s: Scenario): string {
  return `${s.system.padEnd(12)} delay ${String(s.delayUs).padStart(4)} µs, ${
    { quiet: "quiet       ", awake: "CPUs awake  ", tcp: "16 TCP conns" }[s.load]
  }`;
}

/** One goal line. */
interface GoalRow {
  readonly goal: string;
  readonly a1mb: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: boolean | null;
}

/** The rows of one engine's goals, from every round. */
function engineGoals(rounds: readonly Measurement[][], engine: System, t35: number): GoalRow[] {
  const rows: GoalRow[] = [];
  // Loads measured in these rounds (CPUs awake only with --awake).
  const LOADS = (["quiet", "awake", "tcp"] as const).filter((l) =>
    rounds.some((round) => round.some((m) => m.scenario.load === l))
  );
  const per = (s: Scenario, peer: Scenario | null, pick: (m: Measurement) => number | null) => {
    const own: number[] = [];
    const other: number[] = [];
    const ratios: number[] = [];
    for (const round of rounds) {
      const a = find(round, s);
      const av = a === undefined ? null : pick(a);
      if (av === null) continue;
      own.push(av);
      const b = peer === null ? undefined : find(round, peer);
      const bv = b === undefined ? null : pick(b);
      if (bv === null) continue;
      other.push(bv);
      ratios.push(av / bv);
    }
    return { own, other, ratios };
  };
  for (const load of LOADS) {
    const where = LOAD_NAMES[load];
    const late = per(
      { system: engine, delayUs: t35, load },
      { system: "floor", delayUs: t35, load },
      (m) => (m.rtt.p99_us - t35) / 1000,
    );
    const m = median(late.own);
    rows.push({
      goal: `1. reply p99 - t3.5 (ms), ${where}`,
      a1mb: spread(late.own, 3),
      peer: `floor ${spread(late.other, 3)}`,
      ratio: "",
      target: "< 0.5 ms",
      met: late.own.length === 0 ? null : m < 0.5,
    });
  }
  const early: number[] = [];
  let lost = 0;
  let count = 0;
  for (const round of rounds) {
    for (const m of round) {
      if (m.scenario.system !== engine) continue;
      lost += m.rtt.errors;
      count += m.rtt.count + m.rtt.errors;
      if (m.scenario.delayUs === t35) early.push((m.rtt.min_us - t35) / 1000);
    }
  }
  rows.push({
    goal: "1. earliest reply - t3.5 (ms), any load",
    a1mb: early.length === 0 ? "–" : f(Math.min(...early), 3),
    peer: "",
    ratio: "",
    target: ">= 0",
    met: early.length === 0 ? null : Math.min(...early) >= 0,
  }, {
    goal: "1. requests lost (no reply in 2 s)",
    a1mb: `${lost} of ${count}`,
    peer: "",
    ratio: "",
    target: "0",
    met: lost === 0,
  });
  for (const load of LOADS) {
    const where = LOAD_NAMES[load];
    const p99 = (m: Measurement) => m.rtt.p99_us;
    const vs = per({ system: engine, delayUs: 0, load }, {
      system: "pymodbus",
      delayUs: 0,
      load,
    }, p99);
    rows.push({
      goal: `2. RTU p99 delay 0 (µs), ${where}`,
      a1mb: spread(vs.own, 0),
      peer: `pymodbus ${spread(vs.other, 0)}`,
      ratio: spread(vs.ratios, 2),
      target: "< 1x",
      met: vs.ratios.length === 0 ? null : median(vs.ratios) < 1,
    });
    const floor = per({ system: engine, delayUs: 0, load }, {
      system: "floor",
      delayUs: 0,
      load,
    }, p99);
    rows.push({
      goal: `   (beside the floor), ${where}`,
      a1mb: spread(floor.own, 0),
      peer: `floor ${spread(floor.other, 0)}`,
      ratio: spread(floor.ratios, 2),
      target: "",
      met: null,
    });
  }
  // Throughput and memory: both reply delays (each a sample with its own same-round peer).
  const both = (peer: System, pick: (m: Measurement) => number | null) => {
    const [a, b] = [0, t35].map((delayUs) =>
      per({ system: engine, delayUs, load: "tcp" }, { system: peer, delayUs, load: "tcp" }, pick)
    );
    return {
      own: [...a!.own, ...b!.own],
      other: [...a!.other, ...b!.other],
      ratios: [...a!.ratios, ...b!.ratios],
    };
  };
  const tcp = both("floor", (m) => m.tcpRps);
  const py = per(
    { system: engine, delayUs: 0, load: "tcp" },
    { system: "pymodbus", delayUs: 0, load: "tcp" },
    (m) => m.tcpRps,
  );
  rows.push({
    goal: "3. TCP req/s, 16 conns, RTU polled (both delays)",
    a1mb: spread(tcp.own, 0),
    peer: `bare Deno ${spread(tcp.other, 0)}`,
    ratio: spread(tcp.ratios, 2),
    target: ">= 0.9x",
    met: tcp.ratios.length === 0 ? null : median(tcp.ratios) >= 0.9,
  }, {
    goal: "   (beside pymodbus)",
    a1mb: "",
    peer: `pymodbus ${spread(py.other, 0)}`,
    ratio: spread(py.ratios, 2),
    target: "",
    met: null,
  });
  const rss = both("floor", (m) => m.peakMb);
  const rss2 = per(
    { system: engine, delayUs: 0, load: "tcp" },
    { system: "floor2", delayUs: 0, load: "tcp" },
    (m) => m.peakMb,
  );
  rows.push({
    goal: "4. peak RSS (MB), 16 conns, RTU polled (both delays)",
    a1mb: spread(rss.own, 1),
    peer: `bare Deno ${spread(rss.other, 1)}`,
    ratio: spread(rss.ratios, 2),
    target: "<= 1.3x",
    met: rss.ratios.length === 0 ? null : median(rss.ratios) <= 1.3,
  }, {
    goal: "   (beside two idle engines)",
    a1mb: "",
    peer: `bare Deno + idle worker ${spread(rss2.other, 1)}`,
    ratio: spread(rss2.ratios, 2),
    target: "",
    met: null,
  });
  return rows;
}

/** The report lines. */
export function rtuTimingReport(
  rounds: readonly Measurement[][],
  options: ReportOptions,
): string[] {
  const lines = [options.header, ""];
  rounds.forEach((round, i) => {
    for (const m of round) {
      const r = m.rtt;
      lines.push(
        `round ${i + 1}  ${describe(m.scenario)}  RTU min ${f(r.min_us, 0)} p50 ${
          f(r.p50_us, 0)
        } p99 ${f(r.p99_us, 0)} max ${f(r.max_us, 0)} µs, lost ${r.errors}${
          m.tcpRps === null ? "" : `, TCP ${f(m.tcpRps, 0)} req/s`
        }, peak RSS ${f(m.peakMb, 1)} MB${
          m.telegramsPerS === null ? "" : `, ${f(m.telegramsPerS, 1)} telegrams/s`
        }${m.scheduling === null ? "" : `, ${m.scheduling}`}${
          m.meterRt ? "" : " (meter not real-time)"
        }`,
      );
    }
  });
  const engines = [
    ...new Set(rounds.flat().map((m) => m.scenario.system).filter((s) => s.startsWith("a1mb"))),
  ];
  for (const engine of engines) {
    const rows = engineGoals(rounds, engine, options.t35Us);
    const w = [
      Math.max(4, ...rows.map((r) => r.goal.length)),
      Math.max(4, ...rows.map((r) => r.a1mb.length)),
      Math.max(4, ...rows.map((r) => r.peer.length)),
      Math.max(5, ...rows.map((r) => r.ratio.length)),
      Math.max(6, ...rows.map((r) => r.target.length)),
    ];
    lines.push(
      "",
      `${engine}: median (range) over rounds; ratios within each round`,
      `${"goal".padEnd(w[0]!)}  ${"a1mb".padEnd(w[1]!)}  ${"peer".padEnd(w[2]!)}  ${
        "ratio".padEnd(w[3]!)
      }  ${"target".padEnd(w[4]!)}  met`,
    );
    for (const r of rows) {
      lines.push(
        `${r.goal.padEnd(w[0]!)}  ${r.a1mb.padEnd(w[1]!)}  ${r.peer.padEnd(w[2]!)}  ${
          r.ratio.padEnd(w[3]!)
        }  ${r.target.padEnd(w[4]!)}  ${r.met === null ? "" : r.met ? "yes" : "NO"}`,
      );
    }
  }
  return lines;
}
