/**
 * Every message between a1mb's actors, one union per actor, and their addresses. Events are
 * past tense (`telegramFramed`), commands imperative, runtime messages `@sys.*` (see
 * {@linkcode MESSAGE_TABLE} for the whole list in one place).
 *
 * @module
 */
import type { ChangeProblem, Config, ConfigChange } from "../config/mod.ts";
import type { DataRequestOutcome } from "./a1/data_request.ts";
import type { FrameDropReason } from "../protocol/dsmr/telegram_framer.ts";
import type { Measurements } from "../protocol/dsmr/measurements.ts";
import type { MeterReading } from "../protocol/dsmr/reading.ts";
import type { ImageUpdate } from "../protocol/modbus/image_update.ts";
import type { StatsSnapshot } from "./modbus/counters.ts";
import type { PowerSeries } from "./console/power_history.ts";
import type { ActorRef, StatusReported } from "./runtime/message.ts";
import type { PublishChannel } from "./mqtt/publish_queue.ts";
import { SUPERVISOR, type SupervisorMsg } from "./runtime/supervisor.ts";

/** Messages of the A1Reader: its source task reports bytes and source state; timers fire. */
export type A1ReaderMsg =
  | {
    readonly type: "sourceOpened";
    /** The source's label, e.g. `serial /dev/ttyUSB0 115200 8N1`. */
    readonly source: string;
    /** How setting the data-request line turned out. */
    readonly dataRequest: DataRequestOutcome;
  }
  | { readonly type: "sourceOpenFailed"; readonly reason: string }
  | { readonly type: "bytesReceived"; readonly bytes: Uint8Array }
  | { readonly type: "sourceLost"; readonly reason: string }
  /** The input ended for good (a file replayed once). */
  | { readonly type: "sourceEnded" }
  | { readonly type: "reconnectDue" }
  /** The frame numbered `frameSeq` has been open for `a1.telegram_timeout_ms`. */
  | { readonly type: "telegramTimeoutReached"; readonly frameSeq: number }
  /** No byte came for the footer gap after a `!` (a CRC with fewer than 4 digits). */
  | { readonly type: "footerGapElapsed"; readonly frameSeq: number; readonly chunkSeq: number };

/** Messages of the TelegramValidator: a framed telegram to check, or a partial one dropped. */
export type TelegramValidatorMsg =
  | {
    readonly type: "telegramFramed";
    /** The bytes from `/` through the CRC digits. */
    readonly bytes: Uint8Array;
    /** Monotonic ms when the footer arrived. */
    readonly receivedAt: number;
  }
  | {
    /** The A1Reader dropped a partial frame (cut off, too long, timed out). */
    readonly type: "frameDropped";
    readonly reason: FrameDropReason;
    /** Bytes of the frame when it was dropped. */
    readonly length: number;
    /** Monotonic ms of the drop. */
    readonly receivedAt: number;
  }
  /** Timer: write the summary of rate-limited rejection warnings. */
  | { readonly type: "rejectionSummaryDue" };

/** Messages of the RegisterStore. */
export type RegisterStoreMsg =
  | {
    readonly type: "readingAccepted";
    /**
     * The telegram's CRC, or null when it carried none. The store does not read it: it names
     * the telegram in the trace, so an accepted reading can be matched to the bytes that
     * carried it (the measurements are all the store needs of the reading).
     */
    readonly crc: number | null;
    /** The telegram's values the registers are built from. */
    readonly measurements: Measurements;
    /** Monotonic ms when the telegram arrived. */
    readonly receivedAt: number;
  }
  | { readonly type: "staleCheckDue" }
  /** Settings were saved to the file; they take effect at the next start (pending until then). */
  | { readonly type: "settingsSaved"; readonly pending: Config };

/**
 * Reply to a settings write: persisted, or refused with an exception code (03: a value or a
 * combination the schema refuses, 04: the file could not be read or written), a reason in one
 * line, and the problems per key (empty for 04).
 */
export type SettingWriteResult =
  | { readonly ok: true }
  | {
    readonly ok: false;
    readonly exception: 3 | 4;
    readonly reason: string;
    readonly problems: readonly ChangeProblem[];
  };

/** The ConfigManager's answer to `settingWriteRequested`. */
export interface SettingWritten {
  readonly type: "settingWritten";
  readonly requestId: number;
  readonly result: SettingWriteResult;
}

/** The ConfigManager's answer to a `rebootRequested` that asked for one. */
export interface RebootAnswered {
  readonly type: "rebootAnswered";
  /** Rebooting, or refused because the configuration file would not load (its problems). */
  readonly result:
    | { readonly ok: true }
    | { readonly ok: false; readonly reason: string; readonly problems: readonly string[] };
}

/**
 * The registers as the RegisterStore published them: the served words' values (the slaves apply
 * them to their own image in place).
 */
export interface RegistersPublished {
  readonly type: "registersPublished";
  readonly update: ImageUpdate;
}

/** Messages of a ModbusSlave (one actor per transport). */
export type ModbusSlaveMsg =
  | RegistersPublished
  | SettingWritten
  /** Timer: log the minute's `stats` line. */
  | { readonly type: "statsDue" }
  /** Timer: report the RS485 activity noted since the last `rs485Activity`. */
  | { readonly type: "activityDue" }
  /** The counters as of a `stats` line (sent to itself, so the trace shows them). */
  | ({ readonly type: "statsReported" } & StatsSnapshot);

/** One configuration value to persist (a dotted TOML key and its new value). */
export interface SettingChange {
  readonly key: string;
  readonly value: string | number | boolean;
}

/** Messages of the ConfigManager. */
export type ConfigManagerMsg =
  | {
    readonly type: "settingWriteRequested";
    /** Keys and values as given (checked here against the schema, all or nothing). */
    readonly changes: readonly ConfigChange[];
    readonly requestId: number;
    readonly replyTo: ActorRef<SettingWritten>;
    /** Who asks, for the log (`Modbus RTU`, `web console`); Modbus when absent. */
    readonly origin?: string;
  }
  | {
    readonly type: "rebootRequested";
    readonly reason: string;
    /** Where to say whether the reboot goes ahead; none for a write to the reboot register. */
    readonly replyTo?: ActorRef<RebootAnswered>;
  };

/** Messages of the LedController. */
export type LedControllerMsg =
  | { readonly type: "telegramAccepted" }
  | { readonly type: "telegramRejected"; readonly reason: string }
  | { readonly type: "rs485Activity"; readonly valid: number; readonly invalid: number }
  | { readonly type: "ledDeadlineReached" };

/** Messages of the Passthrough actor: a telegram to re-serve byte for byte. */
export type PassthroughMsg =
  | {
    readonly type: "telegramPassed";
    /** The telegram from `/` through the CRC digits, as the meter sent it. */
    readonly bytes: Uint8Array;
    /** Whether it passed validation. */
    readonly accepted: boolean;
  }
  | { readonly type: "listenRetryDue" };

/**
 * An accepted telegram as the integrations (the HomeWizard API; MQTT) receive it: immutable, sent
 * once per accepted telegram by the TelegramValidator to each integration it was started with.
 */
export interface AcceptedTelegram {
  /** The telegram from `/` through the CRC digits, as the meter sent it (bytes as Latin-1). */
  readonly text: string;
  /** The decoded telegram. */
  readonly reading: MeterReading;
  /** Its normalized values. */
  readonly measurements: Measurements;
  /** Monotonic ms when the telegram arrived. */
  readonly receivedAt: number;
}

/** What every integration accepts from the TelegramValidator. */
export type IntegrationMsg = {
  readonly type: "telegramPublished";
  readonly telegram: AcceptedTelegram;
};

/** Messages of the HomeWizard-compatible API actor (`[homewizard] listen`). */
export type HomeWizardMsg =
  | IntegrationMsg
  /** Timer: try to listen again after a failure. */
  | { readonly type: "listenRetryDue" }
  /** Timer: look at the network interfaces again (mDNS follows address changes). */
  | { readonly type: "interfacesCheckDue" }
  /** Timer: the second mDNS announcement, a second after the first. */
  | { readonly type: "announceDue" };

/** Messages of the MqttPublisher: accepted telegrams to publish, its connection's events, timers. */
export type MqttMsg =
  | IntegrationMsg
  /** The broker accepted connection attempt number `attempt`. */
  | { readonly type: "brokerConnected"; readonly attempt: number }
  /** Connection attempt number `attempt` failed, or the connection ended; `reason` says why. */
  | { readonly type: "brokerDisconnected"; readonly attempt: number; readonly reason: string }
  /** A publish on `channel` finished (acknowledged at QoS 1 and 2, written at QoS 0) or failed. */
  | {
    readonly type: "publishSettled";
    readonly attempt: number;
    readonly channel: PublishChannel;
    /** Why it failed, or null. */
    readonly error: string | null;
  }
  /** Home Assistant said `payload` on `<discovery_prefix>/status` (`online` after its start). */
  | { readonly type: "homeAssistantStatus"; readonly attempt: number; readonly payload: string }
  /** Timer: try to connect again. */
  | { readonly type: "reconnectDue" }
  /** Timer: gather the diagnostics (status of the other actors) and publish them. */
  | { readonly type: "diagnosticsDue" }
  /** Another actor's status, asked for the diagnostics. */
  | StatusReported;

/** The ConsoleFeed's answer to `historyRequested`: the samples as columns, oldest first. */
export interface HistoryReported {
  readonly type: "historyReported";
  readonly series: PowerSeries;
}

/** Messages of the ConsoleFeed (the web console's live values and power history). */
export type ConsoleFeedMsg =
  | IntegrationMsg
  | {
    readonly type: "historyRequested";
    /** Only samples newer than this wall time (epoch ms); 0 for the whole hour. */
    readonly sinceMs: number;
    readonly replyTo: ActorRef<HistoryReported>;
  };

/** Address of the A1Reader. */
export const A1_READER: ActorRef<A1ReaderMsg> = { name: "a1Reader" };
/** Address of the TelegramValidator. */
export const TELEGRAM_VALIDATOR: ActorRef<TelegramValidatorMsg> = { name: "telegramValidator" };
/** Address of the RegisterStore. */
export const REGISTER_STORE: ActorRef<RegisterStoreMsg> = { name: "registerStore" };
/** Address of the Modbus RTU slave. */
export const MODBUS_RTU: ActorRef<ModbusSlaveMsg> = { name: "modbusRtu" };
/** Address of the Modbus TCP server. */
export const MODBUS_TCP: ActorRef<ModbusSlaveMsg> = { name: "modbusTcp" };
/** Address of the ConfigManager. */
export const CONFIG_MANAGER: ActorRef<ConfigManagerMsg> = { name: "configManager" };
/** Address of the raw telegram passthrough server. */
export const PASSTHROUGH: ActorRef<PassthroughMsg> = { name: "passthrough" };
/** Address of the HomeWizard-compatible API. */
export const HOMEWIZARD: ActorRef<HomeWizardMsg> = { name: "homewizard" };
/** Address of the MQTT publisher. */
export const MQTT: ActorRef<MqttMsg> = { name: "mqtt" };
/** Address of the ConsoleFeed. */
export const CONSOLE_FEED: ActorRef<ConsoleFeedMsg> = { name: "consoleFeed" };
/** Address of the LedController. */
export const LED_CONTROLLER: ActorRef<LedControllerMsg> = { name: "ledController" };
export { SUPERVISOR, type SupervisorMsg };

/** Every message type each actor accepts: the one table of a1mb's messages. */
export const MESSAGE_TABLE = {
  a1Reader: [
    "sourceOpened",
    "sourceOpenFailed",
    "bytesReceived",
    "sourceLost",
    "sourceEnded",
    "reconnectDue",
    "telegramTimeoutReached",
    "footerGapElapsed",
  ],
  telegramValidator: ["telegramFramed", "frameDropped", "rejectionSummaryDue"],
  registerStore: ["readingAccepted", "staleCheckDue", "settingsSaved"],
  modbusRtu: ["registersPublished", "settingWritten", "statsDue", "activityDue", "statsReported"],
  modbusTcp: ["registersPublished", "settingWritten", "statsDue", "activityDue", "statsReported"],
  configManager: ["settingWriteRequested", "rebootRequested"],
  ledController: ["telegramAccepted", "telegramRejected", "rs485Activity", "ledDeadlineReached"],
  passthrough: ["telegramPassed", "listenRetryDue"],
  mqtt: [
    "telegramPublished",
    "brokerConnected",
    "brokerDisconnected",
    "publishSettled",
    "homeAssistantStatus",
    "reconnectDue",
    "diagnosticsDue",
    "@sys.statusReported",
  ],
  homewizard: ["telegramPublished", "listenRetryDue", "interfacesCheckDue", "announceDue"],
  consoleFeed: ["telegramPublished", "historyRequested"],
  supervisor: ["rebootRequested", "shutdownRequested"],
  "*": ["@sys.start", "@sys.stop", "@sys.restart", "@sys.escalate", "@sys.reboot"],
} as const;

// Compile-time proof that the table and the unions list the same types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Listed<K extends keyof typeof MESSAGE_TABLE> = (typeof MESSAGE_TABLE)[K][number];
const _tableMatchesUnions: [
  Same<Listed<"a1Reader">, A1ReaderMsg["type"]>,
  Same<Listed<"telegramValidator">, TelegramValidatorMsg["type"]>,
  Same<Listed<"registerStore">, RegisterStoreMsg["type"]>,
  Same<Listed<"modbusRtu">, ModbusSlaveMsg["type"]>,
  Same<Listed<"modbusTcp">, ModbusSlaveMsg["type"]>,
  Same<Listed<"configManager">, ConfigManagerMsg["type"]>,
  Same<Listed<"ledController">, LedControllerMsg["type"]>,
  Same<Listed<"passthrough">, PassthroughMsg["type"]>,
  Same<Listed<"mqtt">, MqttMsg["type"]>,
  Same<Listed<"homewizard">, HomeWizardMsg["type"]>,
  Same<Listed<"consoleFeed">, ConsoleFeedMsg["type"]>,
  Same<Listed<"supervisor">, SupervisorMsg["type"]>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void _tableMatchesUnions;
