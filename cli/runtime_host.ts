/**
 * Hosts the supervision tree in this process: loads the configuration, sets up logging and the
 * trace, starts the supervisor, reloads everything on reboot, and stops cleanly on SIGTERM or
 * SIGINT (ports closed, trace flushed) within two seconds.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import { type Config, loadConfigFile } from "../config/mod.ts";
import { Bus } from "../actors/runtime/bus.ts";
import { collectStatus } from "../actors/runtime/status_probe.ts";
import { maxBusyMsFor, WatchdogKeeper } from "../host/watchdog_logic.ts";
import { releaseFreeHeap } from "../drivers/heap_trim.ts";
import { errorText } from "../actors/runtime/error_text.ts";
import { notifierFromEnv } from "../drivers/systemd/mod.ts";
import { ControlEndpoints } from "./control_endpoints.ts";
import { renderMetrics } from "./status/metrics.ts";
import { buildStatusSnapshot, type StatusSnapshot } from "./status/snapshot.ts";
import { type ChildSpec, Supervisor, type SupervisorExit } from "../actors/runtime/supervisor.ts";
import { TraceFile } from "../actors/runtime/trace_file.ts";
import { buildChildren, describeEndpoints, type SystemSpec } from "../host/system.ts";
import { type Clock, systemClock } from "../drivers/clock.ts";
import { RotatingFile } from "../drivers/rotating_file.ts";
import type { BuildInfo } from "./command.ts";
import { closeLogging, setupLogging } from "./logging.ts";
import type { Printer } from "./printer.ts";
import { VERSION } from "../host/version.ts";
import { PowerHistory } from "../actors/console/power_history.ts";
import { consoleAssets, consoleDocuments } from "./console/console_http.ts";
import { settingsService } from "./settings_service.ts";

/** How long a stop may take before the process gives up waiting, in ms. */
export const STOP_DEADLINE_MS = 1800;

/** What to host. */
export interface HostOptions {
  /** The configuration file, or null to run on `config` (the embedded default). */
  readonly configPath: string | null;
  /** The configuration to use when `configPath` is null. */
  readonly config?: Config;
  /** The build. */
  readonly build: BuildInfo;
  /** Where problems are printed before logging is set up. */
  readonly printer: Printer;
  /** Clock for the runtime. @default systemClock */
  readonly clock?: Clock;
  /** Changes every built tree (the demo adds its endpoints). */
  readonly adjustChildren?: (children: ChildSpec[], spec: SystemSpec) => ChildSpec[];
  /** Called once the tree has started. */
  readonly onStarted?: (supervisor: Supervisor, config: Config) => void;
  /** Listen for SIGTERM/SIGINT. @default true */
  readonly handleSignals?: boolean;
}

/** A running host: its supervisor, its status, and a promise of the process exit code. */
export interface Host {
  readonly supervisor: Supervisor;
  /** Asks every actor for its status and assembles the snapshot. */
  readonly snapshot: () => Promise<StatusSnapshot>;
  readonly exit: Promise<number>;
}

/** How long the actors get to answer a status request, ms. */
const STATUS_TIMEOUT_MS = 1000;
/** How often readiness is checked until READY=1 is sent, ms. */
const READY_POLL_MS = 500;

/** Loads the configuration; on problems prints each one and returns null without starting. */
export async function loadConfiguration(options: HostOptions): Promise<Config | null> {
  if (options.configPath === null) {
    if (options.config === undefined) throw new TypeError("No configuration to run on");
    return options.config;
  }
  const result = await loadConfigFile(options.configPath, { build: options.build.variant });
  if (result.ok) return result.config;
  for (const problem of result.problems) options.printer.err(problem);
  options.printer.err(`a1mb: not started: ${result.problems.length} configuration problem(s)`);
  return null;
}

/** Starts the tree on a loaded configuration. */
export async function startHost(options: HostOptions, initial: Config): Promise<Host> {
  const clock = options.clock ?? systemClock;
  const bus = new Bus(clock);
  const log = getLogger(["a1mb", "main"]);
  let config = initial;
  let first = true;
  let trace: TraceFile | null = null;
  // The console's hour of power: kept here so that it outlives in-process reboots.
  const powerHistory = new PowerHistory();

  const applyOutputs = async (c: Config) => {
    await setupLogging(c.log);
    await trace?.close();
    trace = c.trace.file === "" ? null : new TraceFile(
      new RotatingFile(c.trace.file, {
        maxBytes: c.trace.max_mb * 1024 * 1024,
        keep: c.trace.keep,
      }),
      { clock },
    );
    bus.setSink(trace);
  };

  const build = async (): Promise<ChildSpec[]> => {
    if (!first && options.configPath !== null) {
      const reloaded = await loadConfigFile(options.configPath, { build: options.build.variant });
      if (!reloaded.ok) throw new Error(reloaded.problems.join("; "));
      config = reloaded.config;
      await applyOutputs(config);
    }
    first = false;
    await control.apply(config.control);
    const spec: SystemSpec = {
      config,
      configPath: options.configPath,
      variant: options.build.variant,
      powerHistory,
    };
    const children = buildChildren(spec);
    for (const line of describeEndpoints(config)) log.info(line);
    return options.adjustChildren?.(children, spec) ?? children;
  };

  await applyOutputs(config);
  const supervisor = new Supervisor(bus, build);
  const startedAtWallMs = clock.wallNow();
  const snapshot = async (): Promise<StatusSnapshot> => {
    const names = supervisor.childNames;
    const answers = await collectStatus(bus, names, STATUS_TIMEOUT_MS);
    return buildStatusSnapshot({
      build: options.build,
      config,
      configPath: options.configPath,
      startedAtWallMs,
      nowWallMs: clock.wallNow(),
      rssBytes: Deno.memoryUsage().rss,
      reboots: supervisor.reboots,
      actors: names.map((name) => ({
        name,
        status: supervisor.cell(name)?.status ?? "absent",
        restarts: supervisor.restartCounts.get(name) ?? 0,
      })),
      answers,
    });
  };
  const settings = settingsService({
    bus,
    configPath: options.configPath,
    active: () => config,
    build: options.build.variant,
  });
  const control = new ControlEndpoints({ snapshot, renderMetrics, settings }, log, {
    assets: consoleAssets(),
    documents: consoleDocuments(bus, options.build.variant),
  });
  const notifier = notifierFromEnv({
    onError: (message) => log.warn("systemd notify: {message}", { message }),
  });
  const watchdog = new WatchdogKeeper({
    intervalMs: notifier.watchdogIntervalMs,
    healthy: () => supervisor.healthy(maxBusyMsFor(notifier.watchdogIntervalMs)),
    target: notifier,
    clock,
    onHealthChange: (healthy) => {
      if (healthy) log.info("Watchdog: every actor responsive again, pinging systemd");
      else log.error("Watchdog: an actor is not responding; no more pings to systemd");
      notifier.status(healthy ? "running" : "an actor is not responding");
    },
  });
  log.info("a1mb {version} starting: variant {variant} ({model}), config {config}", {
    version: VERSION,
    variant: options.build.variant.id,
    model: options.build.variant.model,
    config: options.configPath ?? "embedded default",
  });

  const stopOnSignal = (signal: Deno.Signal) => () => {
    log.info("Received {signal}, stopping", { signal });
    const deadline = setTimeout(() => {
      log.error("Stop took longer than {ms} ms, exiting anyway", { ms: STOP_DEADLINE_MS });
      void trace?.close().finally(() => Deno.exit(1));
    }, STOP_DEADLINE_MS);
    void supervisor.stop(signal).finally(() => clearTimeout(deadline));
  };
  const listeners: [Deno.Signal, () => void][] = [];
  if (options.handleSignals ?? true) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const listener = stopOnSignal(signal);
      Deno.addSignalListener(signal, listener);
      listeners.push([signal, listener]);
    }
  }

  await supervisor.start();
  watchdog.start();
  options.onStarted?.(supervisor, config);
  // READY=1 once both serial sides are open (where configured) and an image is published.
  let readyTimer: ReturnType<typeof setTimeout> | undefined;
  let polls = 0;
  const pollReady = async () => {
    polls++;
    if ((await snapshot()).ready) {
      watchdog.markReady();
      notifier.status("running");
      log.info("Ready: A1 input open, Modbus serving, register image published");
      // Start-up's garbage (~20 MB on the first start of a new bundle) back to the system, once:
      // not repeated under way, a trim holds the C heap's locks for up to 2 ms.
      try {
        releaseFreeHeap();
      } catch (error) {
        log.warn("Cannot release free memory: {error}", { error: errorText(error) });
      }
    } else {
      // Quick checks at first, then every 5 s (a meter port that is not activated yet).
      readyTimer = setTimeout(pollReady, polls < 20 ? READY_POLL_MS : 5000);
    }
  };
  void pollReady();

  const exit = supervisor.done.then(async (result: SupervisorExit) => {
    clearTimeout(readyTimer);
    watchdog.stop();
    notifier.close();
    await control.close();
    for (const [signal, listener] of listeners) Deno.removeSignalListener(signal, listener);
    if (result.code === 0) log.info("Stopped: {reason}", { reason: result.reason });
    else log.fatal("Stopped with exit code {code}: {reason}", { ...result });
    await trace?.close();
    await closeLogging();
    return result.code;
  });
  return { supervisor, snapshot, exit };
}
