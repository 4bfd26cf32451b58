/**
 * The Modbus benchmark's result table: each goal of the issue beside the figure measured in the
 * run, as a ratio against the peer measured in the same run, and whether it is met.
 *
 * @module
 */

/** TCP figures of one server. */
export interface TcpFigures {
  /** Requests/s with 16 connections. */
  readonly rps16: number;
  /** Server CPU time per request with one connection, µs. */
  readonly cpuUsPerRequest: number;
  /** Peak resident memory, MB. */
  readonly peakMb: number;
}

/** RTU round-trip figures of one server, µs. */
export interface RttFigures {
  readonly count: number;
  readonly errors: number;
  readonly min_us: number;
  readonly p50_us: number;
  readonly p99_us: number;
  readonly max_us: number;
}

/** Everything measured (absent parts were not run). */
export interface Measured {
  readonly tcp: Readonly<Record<string, TcpFigures>>;
  /** Delay 0, by server: `a1mb`, `pymodbus`, `c`. */
  readonly rtu: Readonly<Record<string, RttFigures>>;
  /** a1mb with the default delay. */
  readonly auto: RttFigures | null;
  /** t3.5 at the RTU baud rate, µs. */
  readonly t35Us: number;
  /** Peak RSS of every a1mb process, MB. */
  readonly a1mbPeakMb: readonly number[];
}

/** One line of the table. */
export interface Row {
  readonly metric: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean;
}

const f = (n: number, digits = 2) => n.toFixed(digits);

function ratio(metric: string, a: number, b: number, goal: string, met: (r: number) => boolean) {
  const r = a / b;
  return { metric, value: `${f(r)}x`, goal, met: met(r) };
}

/** The rows for what was measured. */
export function goalRows(m: Measured): Row[] {
  const rows: Row[] = [];
  const { a1mb, pymodbus, bare } = m.tcp;
  if (a1mb !== undefined && pymodbus !== undefined && bare !== undefined) {
    rows.push(
      ratio(
        "TCP 16 conn req/s: a1mb / pymodbus",
        a1mb.rps16,
        pymodbus.rps16,
        ">= 1.5x",
        (r) => r >= 1.5,
      ),
      ratio(
        "TCP 16 conn req/s: a1mb / bare Deno",
        a1mb.rps16,
        bare.rps16,
        ">= 0.9x",
        (r) => r >= 0.9,
      ),
      ratio(
        "CPU/request, 1 conn: a1mb / pymodbus",
        a1mb.cpuUsPerRequest,
        pymodbus.cpuUsPerRequest,
        "<= 0.7x",
        (r) => r <= 0.7,
      ),
      ratio(
        "CPU/request, 1 conn: a1mb / bare Deno",
        a1mb.cpuUsPerRequest,
        bare.cpuUsPerRequest,
        "<= 1.2x",
        (r) => r <= 1.2,
      ),
    );
  }
  const r = m.rtu;
  if (r.a1mb !== undefined && r.pymodbus !== undefined && r.c !== undefined) {
    rows.push(
      ratio(
        "RTU p99, delay 0: a1mb / pymodbus",
        r.a1mb.p99_us,
        r.pymodbus.p99_us,
        "< 1x",
        (x) => x < 1,
      ),
      ratio(
        "RTU p99, delay 0: a1mb / C fixed bytes",
        r.a1mb.p99_us,
        r.c.p99_us,
        "<= 1.5x",
        (x) => x <= 1.5,
      ),
    );
  }
  if (m.auto !== null) {
    const over = (m.auto.p99_us - m.t35Us) / 1000;
    rows.push({
      metric: "RTU default delay: p99 - t3.5 (ms)",
      value: f(over, 3),
      goal: "< 0.5",
      met: over < 0.5,
    });
  }
  if (m.a1mbPeakMb.length > 0) {
    const peak = Math.max(...m.a1mbPeakMb);
    rows.push({ metric: "a1mb peak RSS (MB)", value: f(peak, 1), goal: "< 64", met: peak < 64 });
  }
  return rows;
}

/** The report: the raw figures, then the goal table. */
export function formatReport(m: Measured, header: string): string[] {
  const lines = [header];
  for (const [kind, t] of Object.entries(m.tcp)) {
    lines.push(
      `  TCP ${kind.padEnd(8)} ${f(t.rps16, 0).padStart(7)} req/s (16 conn), ${
        f(t.cpuUsPerRequest, 1)
      } µs CPU/request (1 conn), peak RSS ${f(t.peakMb, 1)} MB`,
    );
  }
  for (const [kind, t] of Object.entries(m.rtu)) {
    lines.push(
      `  RTU ${kind.padEnd(8)} p50 ${f(t.p50_us, 0)} µs, p99 ${f(t.p99_us, 0)} µs, max ${
        f(t.max_us, 0)
      } µs (delay 0)`,
    );
  }
  if (m.auto !== null) {
    lines.push(
      `  RTU a1mb     p50 ${f(m.auto.p50_us, 0)} µs, p99 ${
        f(m.auto.p99_us, 0)
      } µs (delay auto, t3.5 = ${m.t35Us} µs)`,
    );
  }
  const rows = goalRows(m);
  const width = Math.max(6, ...rows.map((row) => row.metric.length));
  lines.push("", `${"metric".padEnd(width)}  ${"value".padStart(8)}  ${"goal".padEnd(8)}  met`);
  for (const row of rows) {
    lines.push(
      `${row.metric.padEnd(width)}  ${row.value.padStart(8)}  ${row.goal.padEnd(8)}  ${
        row.met ? "yes" : "NO"
      }`,
    );
  }
  return lines;
}
