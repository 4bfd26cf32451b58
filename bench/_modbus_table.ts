/**
 * The Modbus TCP benchmark's result table: each goal beside the figure measured in the run, as a
 * ratio against the peer measured in the same run, and whether it is met. Also the shape of the
 * RTU meter's figures, which `rtu_timing_bench.ts` reads.
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

/** Everything measured. */
export interface Measured {
  readonly tcp: Readonly<Record<string, TcpFigures>>;
  /** Peak RSS of every a1mb process, MB. */
  readonly a1mbPeakMb: readonly number[];
}

/** One line of the table. */
export interface Row {
  readonly metric: string;
  readonly value: string;
  readonly goal: string;
  /** null: shown for information, no goal. */
  readonly met: boolean | null;
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
  if (m.a1mbPeakMb.length > 0 && bare !== undefined) {
    const peak = Math.max(...m.a1mbPeakMb);
    rows.push({
      metric: "peak RSS, 16 conn: a1mb / bare Deno",
      value: `${f(peak / bare.peakMb)}x`,
      goal: "-",
      met: null,
    });
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
  const rows = goalRows(m);
  const width = Math.max(6, ...rows.map((row) => row.metric.length));
  lines.push("", `${"metric".padEnd(width)}  ${"value".padStart(8)}  ${"goal".padEnd(8)}  met`);
  for (const row of rows) {
    lines.push(
      `${row.metric.padEnd(width)}  ${row.value.padStart(8)}  ${row.goal.padEnd(8)}  ${
        row.met === null ? "" : row.met ? "yes" : "NO"
      }`,
    );
  }
  return lines;
}
