/**
 * Per-transport Modbus counters and the turnaround histogram (last request byte received → first
 * response byte written). One {@linkcode ModbusCounters} object lives in each slave actor's
 * state; the request path increments it in place, `status`/metrics read it, and
 * {@linkcode formatStats} turns it into the minute's `stats` log line.
 *
 * @module
 */

/** Which transport a counters object belongs to. */
export type ModbusTransport = "rtu" | "tcp";

/** Exception codes a slave sends: 01…04 and, on TCP, 0B (gateway target failed to respond). */
export type CountedException = 1 | 2 | 3 | 4 | 11;

/** Every counted exception code, in the order the stats line shows them. */
export const COUNTED_EXCEPTIONS: readonly CountedException[] = [1, 2, 3, 4, 11];

/** Upper bounds of the turnaround buckets, in µs; a last, unbounded bucket follows. */
export const TURNAROUND_BOUNDS_US: readonly number[] = [
  100,
  250,
  500,
  1000,
  2000,
  3000,
  5000,
  10_000,
  20_000,
  50_000,
  100_000,
  1_000_000,
];

/** A fixed-bucket histogram of turnaround times. */
export interface TurnaroundHistogram {
  /** `counts[i]` = turnarounds ≤ `TURNAROUND_BOUNDS_US[i]` (and above the previous bound); the
   * last entry counts those above every bound. */
  readonly counts: number[];
  /** Turnarounds recorded. */
  count: number;
  /** Sum of all turnarounds, µs. */
  sumUs: number;
  /** Longest turnaround, µs. */
  maxUs: number;
}

/** The counters of one transport since the actor started. */
export interface ModbusCounters {
  readonly transport: ModbusTransport;
  /** Requests for this slave (RTU: address and CRC right; TCP: a complete MBAP frame for our unit). */
  requests: number;
  /** Normal responses sent. */
  replies: number;
  /** Exception responses sent, by code. */
  readonly exceptions: Record<CountedException, number>;
  /** Requests deliberately left unanswered (stale policy "silent", a PDU no client sends). */
  unanswered: number;
  /** RTU broadcasts (address 0): heard, never answered. */
  broadcasts: number;
  /** RTU frames with the length of a frame but a wrong CRC. */
  crcErrors: number;
  /** Frames for other addresses: RTU requests to and responses from other slaves; TCP requests
   * for other unit ids. */
  otherAddress: number;
  /** RTU bytes that made no frame (noise, garbage before a frame, overlong runs). */
  noise: number;
  /** Timeouts: RTU frames cut short by silence (t3.5); TCP connections closed when idle. */
  timeouts: number;
  /** Settings writes the ConfigManager did not answer in time (answered with exception 04). */
  writeTimeouts: number;
  /** Settings saved (writes answered normally). */
  settingsWritten: number;
  /** RTU: failed attempts to open the port; TCP: failed attempts to listen. */
  openFailures: number;
  /** RTU: times the port was lost while open (adapter unplugged). */
  portLost: number;
  /** TCP: connections accepted. */
  connectionsAccepted: number;
  /** TCP: connections refused because `max_connections` were open. */
  connectionsRefused: number;
  /** TCP: connections open now. */
  connectionsOpen: number;
  /** TCP: connections closed for a malformed MBAP header; RTU/TCP: malformed PDUs. */
  malformed: number;
  /** Turnaround times of every response sent. */
  readonly turnaround: TurnaroundHistogram;
}

/** Fresh, all-zero counters for `transport`. */
export function createCounters(transport: ModbusTransport): ModbusCounters {
  return {
    transport,
    requests: 0,
    replies: 0,
    exceptions: { 1: 0, 2: 0, 3: 0, 4: 0, 11: 0 },
    unanswered: 0,
    broadcasts: 0,
    crcErrors: 0,
    otherAddress: 0,
    noise: 0,
    timeouts: 0,
    writeTimeouts: 0,
    settingsWritten: 0,
    openFailures: 0,
    portLost: 0,
    connectionsAccepted: 0,
    connectionsRefused: 0,
    connectionsOpen: 0,
    malformed: 0,
    turnaround: {
      counts: new Array<number>(TURNAROUND_BOUNDS_US.length + 1).fill(0),
      count: 0,
      sumUs: 0,
      maxUs: 0,
    },
  };
}

/**
 * Records a turnaround time (µs; negative values count as 0) `times` times: the answers a TCP
 * connection sends in one write share it. No allocation.
 */
export function recordTurnaround(histogram: TurnaroundHistogram, us: number, times = 1): void {
  const value = us > 0 ? us : 0;
  let i = 0;
  while (i < TURNAROUND_BOUNDS_US.length && value > TURNAROUND_BOUNDS_US[i]!) i++;
  histogram.counts[i] = (histogram.counts[i] ?? 0) + times;
  histogram.count += times;
  histogram.sumUs += value * times;
  if (times > 0 && value > histogram.maxUs) histogram.maxUs = value;
}

/**
 * The bucket bound that `q` (0…1) of the turnarounds do not exceed, in µs: an upper estimate of
 * the quantile. The unbounded bucket reports the maximum seen. Null when nothing was recorded.
 */
export function turnaroundQuantileUs(histogram: TurnaroundHistogram, q: number): number | null {
  if (histogram.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  let seen = 0;
  for (let i = 0; i < histogram.counts.length; i++) {
    seen += histogram.counts[i] ?? 0;
    if (seen >= rank) return TURNAROUND_BOUNDS_US[i] ?? histogram.maxUs;
  }
  return histogram.maxUs;
}

/** Total exception responses sent. */
export function exceptionTotal(counters: ModbusCounters): number {
  let total = 0;
  for (const code of COUNTED_EXCEPTIONS) total += counters.exceptions[code];
  return total;
}

/** A flat, immutable copy of the counters for a message or a status reply. */
export interface StatsSnapshot {
  readonly transport: ModbusTransport;
  readonly requests: number;
  readonly replies: number;
  readonly exceptions: number;
  readonly crcErrors: number;
  readonly otherAddress: number;
  readonly timeouts: number;
  readonly noise: number;
  /** Bucket bound of the median turnaround, µs (null: no response yet). */
  readonly turnaroundP50Us: number | null;
  /** Bucket bound of the 99th percentile turnaround, µs (null: no response yet). */
  readonly turnaroundP99Us: number | null;
  /** Longest turnaround, µs (rounded). */
  readonly turnaroundMaxUs: number;
}

/** Takes a {@linkcode StatsSnapshot} of `counters`. */
export function snapshotStats(counters: ModbusCounters): StatsSnapshot {
  return {
    transport: counters.transport,
    requests: counters.requests,
    replies: counters.replies,
    exceptions: exceptionTotal(counters),
    crcErrors: counters.crcErrors,
    otherAddress: counters.otherAddress,
    timeouts: counters.timeouts,
    noise: counters.noise,
    turnaroundP50Us: turnaroundQuantileUs(counters.turnaround, 0.5),
    turnaroundP99Us: turnaroundQuantileUs(counters.turnaround, 0.99),
    turnaroundMaxUs: Math.round(counters.turnaround.maxUs),
  };
}

function codeText(code: CountedException): string {
  return code.toString(16).toUpperCase().padStart(2, "0");
}

function quantileText(us: number | null): string {
  return us === null ? "-" : `<=${us}`;
}

/**
 * The `stats` log line of a transport: `key=value` pairs, the link counters only where they
 * apply (port for RTU, connections for TCP).
 *
 * @example
 * ```ts
 * import { createCounters, formatStats } from "./counters.ts";
 *
 * formatStats(createCounters("rtu"));
 * // "stats rtu requests=0 replies=0 exceptions=01:0,02:0,03:0,04:0,0B:0 unanswered=0 crc_errors=0 …"
 * ```
 */
export function formatStats(counters: ModbusCounters): string {
  const c = counters;
  const t = c.turnaround;
  const exceptions = COUNTED_EXCEPTIONS.map((code) => `${codeText(code)}:${c.exceptions[code]}`)
    .join(",");
  const common = [
    `stats ${c.transport}`,
    `requests=${c.requests}`,
    `replies=${c.replies}`,
    `exceptions=${exceptions}`,
    `unanswered=${c.unanswered}`,
  ];
  const link = c.transport === "rtu"
    ? [
      `crc_errors=${c.crcErrors}`,
      `other_address=${c.otherAddress}`,
      `broadcasts=${c.broadcasts}`,
      `noise=${c.noise}`,
      `timeouts=${c.timeouts}`,
      `malformed=${c.malformed}`,
      `open_failures=${c.openFailures}`,
      `port_lost=${c.portLost}`,
    ]
    : [
      `other_unit=${c.otherAddress}`,
      `malformed=${c.malformed}`,
      `connections_open=${c.connectionsOpen}`,
      `accepted=${c.connectionsAccepted}`,
      `refused=${c.connectionsRefused}`,
      `idle_timeouts=${c.timeouts}`,
      `listen_failures=${c.openFailures}`,
    ];
  const writes = [`settings_written=${c.settingsWritten}`, `write_timeouts=${c.writeTimeouts}`];
  const turnaround = [
    `turnaround_p50_us=${quantileText(turnaroundQuantileUs(t, 0.5))}`,
    `turnaround_p99_us=${quantileText(turnaroundQuantileUs(t, 0.99))}`,
    `turnaround_max_us=${Math.round(t.maxUs)}`,
    `turnaround_mean_us=${t.count === 0 ? "-" : Math.round(t.sumUs / t.count)}`,
  ];
  return [...common, ...link, ...writes, ...turnaround].join(" ");
}
