/**
 * `a1mb simulate`: a meter simulator that writes realistic e-MUCS telegrams (see
 * `actors/a1/simulator_feed.ts`) to a new pseudo-terminal (default), a serial device, or every
 * client of a TCP listener. Its first stdout line is the pty slave path, the device path or the
 * listening address; with `--log` each telegram is described on stderr as one JSON line. It runs
 * until SIGTERM/SIGINT, or until `--count` telegrams were sent.
 *
 * @module
 */
import { type FeedItem, runMeterSimulator } from "../../actors/a1/simulator_feed.ts";
import { parseHostPort } from "../../config/mod.ts";
import { type Clock, systemClock } from "../../drivers/clock.ts";
import { sleep } from "../../drivers/sleep.ts";
import { openSerialPort } from "../../drivers/serial/posix_serial_port.ts";
import { openPtyPair } from "../../drivers/serial/pty.ts";
import { boolFlag, intFlag, parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import type { Printer } from "../printer.ts";
import { type SimulateTarget, tcpBroadcast } from "./_simulate_targets.ts";

/** What `simulate` does, from its flags. */
export interface SimulateOptions {
  /** Where to write: a new pty, a device, or a TCP listener. */
  readonly target:
    | { readonly kind: "pty" }
    | { readonly kind: "device"; readonly path: string; readonly baud: number }
    | { readonly kind: "listen"; readonly hostname: string; readonly port: number };
  readonly intervalMs: number;
  readonly seed: number;
  readonly gas: boolean;
  readonly phases: 1 | 3;
  readonly badCrcEvery: number;
  readonly truncateEvery: number;
  readonly garbageEvery: number;
  /** Stop sending after this many ms (keep running), or undefined. */
  readonly silenceAfterMs: number | undefined;
  /** Exit after this many telegrams, or undefined. */
  readonly count: number | undefined;
  /** Describe each telegram on stderr. */
  readonly log: boolean;
}

/**
 * Every flag: `--device PATH` | `--listen HOST:PORT`, `--baud N` (with `--device`, default
 * 115200), `--interval-ms N` (default 1000), `--seed N` (default 1), `--gas`, `--phases 1|3`,
 * `--bad-crc-every N`, `--truncate-every N`, `--garbage-every N`, `--silence-after S`,
 * `--count N`, `--log`.
 */
const SYNOPSIS = "simulate [--device PATH | --listen HOST:PORT] [--interval-ms N] [OPTIONS…]";

/** Parses the flags of `simulate`. */
export function parseSimulateArgs(args: string[]): SimulateOptions {
  const parsed = parseCommandArgs("simulate", args, {
    device: { type: "string" },
    listen: { type: "string" },
    baud: { type: "string" },
    "interval-ms": { type: "string" },
    seed: { type: "string" },
    gas: { type: "boolean" },
    phases: { type: "string" },
    "bad-crc-every": { type: "string" },
    "truncate-every": { type: "string" },
    "garbage-every": { type: "string" },
    "silence-after": { type: "string" },
    count: { type: "string" },
    log: { type: "boolean" },
  }, 0);
  const device = stringFlag(parsed, "device");
  const listen = stringFlag(parsed, "listen");
  if (device !== undefined && listen !== undefined) {
    throw new UsageError("simulate: choose one of --device and --listen");
  }
  const phases = intFlag(parsed, "phases", 1, 3) ?? 3;
  if (phases === 2) throw new UsageError('simulate: option "--phases" must be 1 or 3: got "2"');
  const silence = intFlag(parsed, "silence-after", 0, 86_400);
  return {
    target: device !== undefined
      ? { kind: "device", path: device, baud: intFlag(parsed, "baud", 1200, 230400) ?? 115200 }
      : listen !== undefined
      ? { kind: "listen", ...listenAddress(listen) }
      : { kind: "pty" },
    intervalMs: intFlag(parsed, "interval-ms", 10, 3_600_000) ?? 1000,
    seed: intFlag(parsed, "seed", 0, 4_294_967_295) ?? 1,
    gas: boolFlag(parsed, "gas"),
    phases: phases as 1 | 3,
    badCrcEvery: intFlag(parsed, "bad-crc-every", 0, 1_000_000) ?? 0,
    truncateEvery: intFlag(parsed, "truncate-every", 0, 1_000_000) ?? 0,
    garbageEvery: intFlag(parsed, "garbage-every", 0, 1_000_000) ?? 0,
    silenceAfterMs: silence === undefined ? undefined : silence * 1000,
    count: intFlag(parsed, "count", 1, Number.MAX_SAFE_INTEGER),
    log: boolFlag(parsed, "log"),
  };
}

/** `HOST:PORT` for `--listen`; port 0 picks a free port. */
function listenAddress(text: string): { hostname: string; port: number } {
  const anyPort = /:0$/.test(text);
  const result = parseHostPort(anyPort ? `${text.slice(0, -2)}:1` : text);
  if (!result.ok) throw new UsageError(`simulate: --listen "${text}" ${result.reason}`);
  return { hostname: result.hostname, port: anyPort ? 0 : result.port };
}

/** The `--log` line of one telegram. */
export function feedLogLine(item: FeedItem): string {
  return JSON.stringify({
    seq: item.seq,
    kind: item.kind,
    crc: item.crc,
    sent_crc: item.sentCrc,
    garbage: item.garbage,
    bytes: item.bytes.length,
  });
}

/** Opens the target and prints its first line (path or address). */
async function openTarget(options: SimulateOptions, printer: Printer): Promise<SimulateTarget> {
  const target = options.target;
  switch (target.kind) {
    case "pty": {
      const pair = openPtyPair();
      printer.out(pair.slavePath);
      return { write: (bytes) => pair.master.write(bytes), close: () => pair.close() };
    }
    case "device": {
      const port = openSerialPort(target.path, { baudRate: target.baud });
      printer.out(target.path);
      return { write: (bytes) => port.write(bytes), close: () => port.close() };
    }
    case "listen": {
      const server = await tcpBroadcast(target.hostname, target.port);
      printer.out(server.address);
      return server;
    }
  }
}

/**
 * Runs the simulator until `signal` aborts or `count` telegrams were sent.
 * @returns the exit code: 0, or 1 when the target cannot be opened or written
 */
export async function runSimulate(
  options: SimulateOptions,
  printer: Printer,
  signal: AbortSignal,
  clock: Clock = systemClock,
): Promise<number> {
  let target: SimulateTarget;
  try {
    target = await openTarget(options, printer);
  } catch (error) {
    printer.err(`simulate: ${(error as Error).message}`);
    return 1;
  }
  // A write blocked on a full pty (nobody reading) ends when the target closes.
  const closeOnAbort = () => void target.close();
  signal.addEventListener("abort", closeOnAbort, { once: true });
  try {
    await runMeterSimulator({
      seed: options.seed,
      phases: options.phases,
      gas: options.gas,
      badCrcEvery: options.badCrcEvery,
      truncateEvery: options.truncateEvery,
      garbageEvery: options.garbageEvery,
      intervalMs: options.intervalMs,
      clock,
      signal,
      write: target.write,
      ...(options.count === undefined ? {} : { count: options.count }),
      ...(options.silenceAfterMs === undefined ? {} : { silenceAfterMs: options.silenceAfterMs }),
      ...(options.log ? { onTelegram: (item: FeedItem) => printer.err(feedLogLine(item)) } : {}),
    });
    if (!signal.aborted && options.count !== undefined) {
      // Give the consumer time to read the last telegram (real time: closing a pty master
      // discards it); a stop meanwhile ends the wait, and is no error.
      await sleep(systemClock, Math.max(500, options.intervalMs), signal).catch(() => {});
    }
    return 0;
  } catch (error) {
    printer.err(`simulate: ${(error as Error).message}`);
    return 1;
  } finally {
    signal.removeEventListener("abort", closeOnAbort);
    await target.close();
  }
}

/** The `simulate` command. */
export const simulateCommand: Command = {
  name: "simulate",
  synopsis: SYNOPSIS,
  summary:
    "meter simulator: e-MUCS telegrams to a new pty (its path printed first), a device or TCP",
  options: [
    ["--device PATH", "write to this serial device instead of a new pseudo-terminal"],
    ["--listen HOST:PORT", "serve every client of a TCP listener (its address printed first)"],
    ["--interval-ms N", "one telegram every N ms (default 1000)"],
    ["--seed N", "seed of the random walk (default 1)"],
    ["--phases 1|3", "single- or three-phase meter (default 3)"],
    ["--gas", "add a gas meter on M-Bus channel 1"],
    ["--bad-crc-every N", "every Nth telegram carries a wrong CRC"],
    ["--truncate-every N", "every Nth telegram is cut off before its footer"],
    ["--garbage-every N", "line noise before every Nth telegram"],
    ["--silence-after S", "stop sending after S seconds (keep running)"],
    ["--count N", "stop after N telegrams and exit"],
    ["--log", "one JSON line per telegram on stderr: number, kind, CRC"],
  ],
  async run(args, { printer }) {
    const options = parseSimulateArgs(args);
    const stop = new AbortController();
    const signals = ["SIGTERM", "SIGINT"] as const;
    const onSignal = () => stop.abort(new Error("stopped by signal"));
    for (const s of signals) Deno.addSignalListener(s, onSignal);
    try {
      return await runSimulate(options, printer, stop.signal);
    } finally {
      for (const s of signals) Deno.removeSignalListener(s, onSignal);
    }
  },
};
