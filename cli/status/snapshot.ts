/**
 * The status snapshot of a running a1mb: what `a1mb status` prints, `/status` serves and the
 * metrics are drawn from. Assembled from the actors' own `status()` answers (gathered through the
 * bus) and a few facts the host knows (version, uptime, memory, restarts).
 *
 * @module
 */
import type { A1ReaderStatus } from "../../actors/a1_reader.ts";
import type { TelegramCounters } from "../../actors/a1/telegram_counters.ts";
import type { Config } from "../../config/mod.ts";
import { type ModbusCounters, turnaroundQuantileUs } from "../../actors/modbus/counters.ts";
import type { RtuThreadStatus } from "../../actors/modbus/slave_core.ts";
import type { ConsoleFeedStatus } from "../../actors/console_feed.ts";
import type { MqttStatus } from "../../actors/mqtt/mod.ts";
import type { RegisterStoreStatus } from "../../actors/register_store.ts";
import type { HomeWizardStatus } from "../../actors/homewizard_api.ts";
import { settingsView } from "../../actors/register_store.ts";
import type { CellStatus } from "../../actors/runtime/cell.ts";
import type { LedName, LedState } from "../../drivers/leds/led_driver.ts";
import type { SettingValue } from "../../variants/api.ts";
import type { BuildInfo } from "../command.ts";
import { VERSION } from "../../host/version.ts";

/** One Modbus transport as its actor reports it. */
export interface TransportStatus {
  /** Port open (RTU) or listener up (TCP). */
  readonly serving: boolean;
  /** Its counters since the actor started. */
  readonly counters: ModbusCounters;
  /** RTU only: the thread that serves it and how that thread is scheduled. */
  readonly thread?: RtuThreadStatus;
  /** Turnaround percentiles from the counters' histogram (bucket bounds), µs; null before any. */
  readonly turnaround_us?: {
    readonly p50: number | null;
    readonly p99: number | null;
    readonly max: number | null;
  };
}

/** One actor as the supervisor sees it. */
export interface ActorSummary {
  readonly name: string;
  readonly status: CellStatus | "absent";
  /** Restarts since the process started. */
  readonly restarts: number;
  /** Whether it answered the status request. */
  readonly answered: boolean;
}

/** Everything `a1mb status` reports. */
export interface StatusSnapshot {
  readonly a1mb: {
    readonly version: string;
    readonly variant: string;
    readonly model: string;
    readonly target: string;
    readonly pid: number;
    readonly config: string | null;
    readonly started_at: string;
    readonly uptime_s: number;
    readonly rss_bytes: number;
    readonly reboots: number;
  };
  /** Both serial sides open (where configured) and a register image published. */
  readonly ready: boolean;
  /** The settings the variant exposes over Modbus: in force now, and saved for the next start. */
  readonly settings: {
    readonly active: Readonly<Record<string, SettingValue | null>>;
    /** Saved values that differ from the active ones (empty when nothing is pending). */
    readonly pending: Readonly<Record<string, SettingValue | null>>;
  };
  readonly leds: Readonly<Record<LedName, LedState>> | null;
  readonly a1: {
    readonly reader: A1ReaderStatus | null;
    readonly telegrams: TelegramCounters | null;
    readonly registers: RegisterStoreStatus | null;
  };
  readonly modbus: {
    readonly rtu: TransportStatus | null;
    readonly tcp: TransportStatus | null;
  };
  readonly passthrough: Readonly<Record<string, unknown>> | null;
  /** The web console's live values (when `[control] http` is set), from the accepted telegrams. */
  readonly console: ConsoleFeedStatus | null;
  /** The HomeWizard-compatible API, when `[homewizard] listen` is set. */
  readonly homewizard: HomeWizardStatus | null;
  /** The MQTT connection and its counters, or null when `[mqtt]` is off. */
  readonly mqtt: MqttStatus | null;
  readonly actors: readonly ActorSummary[];
}

/** What the host knows besides the actors' answers. */
export interface SnapshotInput {
  readonly build: BuildInfo;
  readonly config: Config;
  readonly configPath: string | null;
  readonly startedAtWallMs: number;
  readonly nowWallMs: number;
  readonly rssBytes: number;
  readonly reboots: number;
  /** Children in start order, with their cell status and restart count. */
  readonly actors: readonly { name: string; status: CellStatus | "absent"; restarts: number }[];
  /** The actors' `status()` answers by name (absent: did not answer). */
  readonly answers: ReadonlyMap<string, unknown>;
}

/** Assembles the snapshot. */
export function buildStatusSnapshot(input: SnapshotInput): StatusSnapshot {
  const { answers, config } = input;
  const get = <T>(name: string): T | null => (answers.get(name) ?? null) as T | null;
  const registers = get<RegisterStoreStatus>("registerStore");
  const reader = get<A1ReaderStatus>("a1Reader");
  const rtu = withTurnaround(get<TransportStatus>("modbusRtu"));
  const tcp = withTurnaround(get<TransportStatus>("modbusTcp"));
  const view = settingsView(config);
  const keys = Object.keys(registers?.pending_settings ?? {});
  const active = Object.fromEntries(keys.map((k) => [k, view(k) ?? null]));
  const pending = Object.fromEntries(
    Object.entries(registers?.pending_settings ?? {}).filter(([k, v]) => active[k] !== v),
  );
  const ready = registers !== null &&
    reader?.link.phase === "open" &&
    (!config.modbus.rtu.enabled || rtu?.serving === true) &&
    (!config.modbus.tcp.enabled || tcp?.serving === true);
  return {
    a1mb: {
      version: VERSION,
      variant: input.build.variant.id,
      model: input.build.variant.model,
      target: input.build.target,
      pid: Deno.pid,
      config: input.configPath,
      started_at: new Date(input.startedAtWallMs).toISOString(),
      uptime_s: Math.round((input.nowWallMs - input.startedAtWallMs) / 1000),
      rss_bytes: input.rssBytes,
      reboots: input.reboots,
    },
    ready,
    settings: { active, pending },
    leds: get("ledController"),
    a1: { reader, telegrams: get<TelegramCounters>("telegramValidator"), registers },
    modbus: { rtu, tcp },
    passthrough: get("passthrough"),
    console: get<ConsoleFeedStatus>("consoleFeed"),
    homewizard: get<HomeWizardStatus>("homewizard"),
    mqtt: get<MqttStatus>("mqtt"),
    actors: input.actors.map((a) => ({ ...a, answered: answers.has(a.name) })),
  };
}

/** The transport's status with its turnaround percentiles worked out for readers. */
function withTurnaround(t: TransportStatus | null): TransportStatus | null {
  if (t === null) return null;
  const histogram = t.counters.turnaround;
  const max = histogram.count === 0 ? null : Math.round(histogram.maxUs);
  // A bucket bound above the largest turnaround seen says less than the maximum itself.
  const bound = (q: number) => {
    const us = turnaroundQuantileUs(histogram, q);
    return us === null || max === null ? us : Math.min(us, max);
  };
  return { ...t, turnaround_us: { p50: bound(0.5), p99: bound(0.99), max } };
}
