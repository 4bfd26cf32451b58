/**
 * The ConfigManager actor: the one writer of the configuration file. It saves settings written
 * over Modbus, with `a1mb config set` or from the web console (checked by the schema, all or
 * nothing, in place with comments kept, atomically) and passes reboot requests to the
 * supervisor. Saved settings take effect only at the next start, as on the device; a reboot is
 * refused (and logged) while the file would not load, so it can never stop the converter.
 *
 * @module
 */
import {
  applyConfigChanges,
  type ChangeProblem,
  type Config,
  type ConfigBuild,
  type ConfigChange,
  formatChangeProblem,
  loadConfigFile,
  readConfigText,
  showSetting,
  writeFileAtomic,
} from "../config/mod.ts";
import {
  type ConfigManagerMsg,
  type RebootAnswered,
  REGISTER_STORE,
  type SettingWriteResult,
  SUPERVISOR,
} from "./messages.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import { unreachable } from "./runtime/message.ts";

/** Start arguments of the ConfigManager. */
export interface ConfigManagerArgs {
  /** The configuration file settings are saved into; null when running on the embedded default. */
  readonly path: string | null;
  /** The build: its factory defaults fill the keys the file leaves out, its options are checked. */
  readonly build?: ConfigBuild;
}

/** State of the ConfigManager. */
export interface ConfigManagerState {
  readonly path: string | null;
  readonly build: ConfigBuild | undefined;
  /** Settings writes saved since the last start. */
  readonly saved: number;
}

/** The ConfigManager behaviour. */
export const configManager: ActorBehavior<ConfigManagerMsg, ConfigManagerState, ConfigManagerArgs> =
  {
    preStart(_ctx, args) {
      return { path: args.path, build: args.build, saved: 0 };
    },

    status: (state) => ({ path: state.path, saved: state.saved }),

    async handle(state, msg, ctx) {
      switch (msg.type) {
        case "settingWriteRequested": {
          const origin = msg.origin ?? "Modbus";
          const result = await save(state, msg.changes, origin, ctx);
          ctx.send(msg.replyTo, {
            type: "settingWritten",
            requestId: msg.requestId,
            result: result.reply,
          });
          if (result.pending !== null) {
            ctx.send(REGISTER_STORE, { type: "settingsSaved", pending: result.pending });
          }
          return result.reply.ok ? { ...state, saved: state.saved + 1 } : state;
        }
        case "rebootRequested": {
          const refused = await rebootProblems(state);
          const answer: RebootAnswered["result"] = refused === null
            ? { ok: true }
            : { ok: false, reason: refused.reason, problems: refused.problems };
          if (msg.replyTo !== undefined) {
            ctx.send(msg.replyTo, { type: "rebootAnswered", result: answer });
          }
          if (refused !== null) {
            ctx.log.error("Reboot refused ({reason}): {why}: {problems}", {
              reason: msg.reason,
              why: refused.reason,
              problems: refused.problems.join("; "),
            });
            return state;
          }
          ctx.log.info("Reboot requested: {reason}", { reason: msg.reason });
          ctx.send(SUPERVISOR, { type: "rebootRequested", reason: msg.reason });
          return state;
        }
        default:
          return unreachable(msg);
      }
    },
  };

/** Why a reboot must not happen now (the file it would load is broken), or null. */
async function rebootProblems(
  { path, build }: Pick<ConfigManagerState, "path" | "build">,
): Promise<{ reason: string; problems: string[] } | null> {
  if (path === null) return null; // the embedded default: nothing to reload
  const loaded = await loadConfigFile(path, build === undefined ? {} : { build });
  return loaded.ok ? null : {
    reason: `the configuration file would not load (${loaded.problems.length} problem(s))`,
    problems: [...loaded.problems],
  };
}

function refusal(
  exception: 3 | 4,
  reason: string,
  problems: readonly ChangeProblem[] = [],
): { reply: SettingWriteResult; pending: null } {
  return { reply: { ok: false, exception, reason, problems }, pending: null };
}

async function save(
  { path, build }: Pick<ConfigManagerState, "path" | "build">,
  changes: readonly ConfigChange[],
  origin: string,
  ctx: ActorContext<ConfigManagerMsg>,
): Promise<{ reply: SettingWriteResult; pending: Config | null }> {
  if (path === null) {
    const reason = "Cannot save settings: running on the embedded default configuration (no file)";
    ctx.log.warn(reason);
    return refusal(4, reason);
  }
  const read = await readConfigText(path);
  if (!read.ok) {
    const reason = `Cannot save settings: cannot read "${path}": ${read.reason}`;
    ctx.log.error(reason);
    return refusal(4, reason);
  }
  const edit = applyConfigChanges(read.text, changes, build === undefined ? {} : { build });
  if (!edit.ok) {
    const reason = edit.problems.map(formatChangeProblem).join("; ");
    ctx.log.warn("Settings from {origin} refused: {reason}", { origin, reason });
    return refusal(3, reason, edit.problems);
  }
  try {
    await writeFileAtomic(path, edit.text);
  } catch (error) {
    const reason = `Cannot save settings to "${path}": ${(error as Error).message}`;
    ctx.log.error(reason);
    return refusal(4, reason);
  }
  for (const change of edit.changes) {
    ctx.log.info("Saved {key} = {value} from {origin}; takes effect at the next start", {
      key: change.key,
      value: showSetting(change.key, change.value),
      origin,
    });
  }
  return { reply: { ok: true }, pending: edit.config };
}
