/**
 * The settings of the running converter as the control endpoints offer them (`a1mb config`
 * through the socket, the web console through HTTP): every key with its active and pending value,
 * writes and reboots. Writes and reboots go to the ConfigManager through the bus, the same path
 * as Modbus setting writes; this module only reads the file to show what is pending.
 *
 * @module
 */
import {
  type ChangeProblem,
  checkConfigText,
  type Config,
  type ConfigBuild,
  configRows,
  configValue,
  formatChangeProblem,
  type KeyValue,
  readConfigText,
  shownValue,
} from "../config/mod.ts";
import {
  CONFIG_MANAGER,
  type ConfigManagerMsg,
  type RebootAnswered,
  type SettingWritten,
} from "../actors/messages.ts";
import { ask } from "../actors/runtime/ask.ts";
import type { Bus } from "../actors/runtime/bus.ts";
import type {
  ControlAnswer,
  ControlOrigin,
  ControlSettings,
} from "../drivers/control/control_source.ts";

/** The keys the web console's settings form shows, in its order: what an installer changes. */
export const FORM_KEYS: readonly string[] = [
  "modbus.rtu.address",
  "modbus.rtu.baud",
  "modbus.rtu.parity",
  "modbus.rtu.response_delay_ms",
  "modbus.rtu.device",
  "modbus.rtu.writes",
  "a1.device",
  "a1.stale_after_s",
  "a1.stale",
  "modbus.tcp.enabled",
  "modbus.tcp.listen",
  "modbus.tcp.writes",
];

/**
 * Tables no HTTP request may change: the console's own access (`control`), the files a1mb
 * writes (`log`, `trace`) and the MQTT connection (its credentials, and files a1mb reads and
 * sends: `password_file`, `ca_file`). They are changed on the machine: `a1mb config set` or the
 * file.
 */
export const NOT_OVER_HTTP: readonly string[] = ["control", "log", "trace", "mqtt"];

/** One key as `config` / `GET /api/config` show it. */
export interface KeyView {
  readonly key: string;
  /** The value in force now. */
  readonly value: KeyValue | null;
  /** The saved value the next start will use, when it differs from `value`. */
  readonly pending?: KeyValue | null;
  /** The build's default. */
  readonly default: KeyValue | null;
  /** `FILE:LINE` where the saved value is set, or `default`. */
  readonly source: string;
  readonly doc: string;
  readonly allowed: string;
  readonly spec: unknown;
  readonly secret: boolean;
  /** Shown in the console's settings form. */
  readonly form: boolean;
  /** May be changed through HTTP (see {@linkcode NOT_OVER_HTTP}). */
  readonly http_writable: boolean;
}

/** The body of `config` / `GET /api/config`. */
export interface ConfigView {
  /** The configuration file, or null on the embedded default. */
  readonly config: string | null;
  /** Problems of the file as it is now (a hand edit): a reboot is refused until they are fixed. */
  readonly problems: readonly string[];
  /** Keys whose saved value differs from the one in force, with the saved value. */
  readonly pending: Readonly<Record<string, KeyValue | null>>;
  readonly keys: readonly KeyView[];
  /** The keys of the console's settings form, in its order. */
  readonly form_keys: readonly string[];
}

/** What the settings service works with. */
export interface SettingsServiceOptions {
  readonly bus: Bus;
  /** The configuration file, or null on the embedded default. */
  readonly configPath: string | null;
  /** The configuration in force now (changes at every reboot). */
  readonly active: () => Config;
  /** The build: its defaults fill the keys the file leaves out, its options are checked. */
  readonly build: ConfigBuild;
  /**
   * How long the ConfigManager gets to answer, in ms.
   * @default {4000}
   */
  readonly timeoutMs?: number;
}

let requests = 0;

/** The settings behind the control endpoints. */
export function settingsService(options: SettingsServiceOptions): ControlSettings {
  const timeoutMs = options.timeoutMs ?? 4000;
  const view = () => configView(options);
  return {
    async view() {
      return { status: 200, body: await view() };
    },

    async write(changes, origin) {
      const entries = Object.entries(changes).map(([key, value]) => ({ key, value }));
      if (origin === "http") {
        const barred = entries.filter((c) => NOT_OVER_HTTP.includes(c.key.split(".")[0] ?? ""));
        if (barred.length > 0) {
          return refused(barred.map((c) => ({
            key: c.key,
            value: null,
            reason: `cannot be changed over HTTP: use \`a1mb config set\` on the machine`,
            allowed: "",
          })));
        }
      }
      const answer = await ask<ConfigManagerMsg, SettingWritten>(
        options.bus,
        origin === "http" ? "webConsole" : "controlSocket",
        CONFIG_MANAGER,
        (replyTo) => ({
          type: "settingWriteRequested",
          changes: entries,
          requestId: ++requests,
          replyTo,
          origin: origin === "http" ? "the web console" : "the command line",
        }),
        "settingWritten",
        timeoutMs,
      );
      if (answer === null) return noAnswer(timeoutMs);
      const result = answer.result;
      if (!result.ok) {
        return result.exception === 3
          ? refused(result.problems)
          : { status: 500, body: { error: result.reason } };
      }
      const now = await view();
      return {
        status: 200,
        body: {
          saved: entries.map((c) => c.key),
          pending: now.pending,
          message: "Saved: the new values take effect at the next reboot",
        },
      };
    },

    async reboot(origin: ControlOrigin) {
      const answer = await ask<ConfigManagerMsg, RebootAnswered>(
        options.bus,
        origin === "http" ? "webConsole" : "controlSocket",
        CONFIG_MANAGER,
        (replyTo) => ({
          type: "rebootRequested",
          reason: origin === "http" ? "asked from the web console" : "asked with a1mb reboot",
          replyTo,
        }),
        "rebootAnswered",
        timeoutMs,
      );
      if (answer === null) return noAnswer(timeoutMs);
      if (!answer.result.ok) {
        return {
          status: 409,
          body: {
            error: `Reboot refused: ${answer.result.reason}`,
            problems: answer.result.problems,
          },
        };
      }
      return {
        status: 202,
        body: { rebooting: true, message: "Rebooting: saved settings take effect now" },
      };
    },
  };
}

/** Every key with its active value, and the saved (pending) value where it differs. */
export async function configView(options: SettingsServiceOptions): Promise<ConfigView> {
  const active = options.active();
  let saved: Config = active;
  let text: string | null = null;
  const problems: string[] = [];
  const path = options.configPath;
  if (path !== null) {
    const read = await readConfigText(path);
    if (!read.ok) problems.push(`${path}: cannot read file: ${read.reason}`);
    else {
      const checked = checkConfigText(read.text, { build: options.build });
      if (checked.ok) {
        saved = checked.config;
        text = read.text;
      } else {
        problems.push(
          ...checked.problems.map((p) =>
            `${path}:${p.line}: ${p.key === "" ? "" : `key ${p.key}: `}${p.reason}`
          ),
        );
      }
    }
  }
  const rows = configRows(text, saved, options.build);
  const pending: Record<string, KeyValue | null> = {};
  const keys = rows.map((row): KeyView => {
    const now = configValue(active, row.key);
    const differs = text !== null && row.value !== now;
    if (differs) pending[row.key] = shownValue(row, row.value);
    return {
      key: row.key,
      value: shownValue(row, now),
      ...(differs ? { pending: shownValue(row, row.value) } : {}),
      default: shownValue(row, row.default),
      source: text === null || row.line === null ? "default" : `${path}:${row.line}`,
      doc: row.doc,
      allowed: row.allowed,
      spec: row.spec,
      secret: row.secret,
      form: FORM_KEYS.includes(row.key),
      http_writable: !NOT_OVER_HTTP.includes(row.key.split(".")[0] ?? ""),
    };
  });
  return { config: path, problems, pending, keys, form_keys: FORM_KEYS };
}

function refused(problems: readonly ChangeProblem[]): ControlAnswer {
  return {
    status: 400,
    body: {
      error: `Nothing was saved: ${problems.length} problem(s)`,
      problems: problems.map((p) => ({ ...p, message: formatChangeProblem(p) })),
    },
  };
}

function noAnswer(timeoutMs: number): ControlAnswer {
  return {
    status: 503,
    body: {
      error:
        `The configuration manager did not answer within ${timeoutMs} ms (rebooting?): try again`,
    },
  };
}
