/**
 * The ConfigManager actor: saves settings written over Modbus into the configuration file
 * (in place, comments kept, atomically) and passes reboot requests to the supervisor. Saved
 * settings take effect only at the next start, as on the device.
 *
 * @module
 */
import {
  type Config,
  type ConfigBuild,
  type ConfigPath,
  readConfigText,
  setConfigValue,
  writeFileAtomic,
} from "../config/mod.ts";
import {
  type ConfigManagerMsg,
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
  /** The build: its factory defaults fill the keys the file leaves out. */
  readonly build?: ConfigBuild;
}

/** State of the ConfigManager. */
export interface ConfigManagerState {
  readonly path: string | null;
  readonly build: ConfigBuild | undefined;
  /** Settings saved since the last start, by key. */
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
          const result = await save(state, msg.changes, ctx);
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
        case "rebootRequested":
          ctx.log.info("Reboot requested: {reason}", { reason: msg.reason });
          ctx.send(SUPERVISOR, { type: "rebootRequested", reason: msg.reason });
          return state;
        default:
          return unreachable(msg);
      }
    },
  };

async function save(
  { path, build }: Pick<ConfigManagerState, "path" | "build">,
  changes: readonly { key: string; value: string | number | boolean }[],
  ctx: ActorContext<ConfigManagerMsg>,
): Promise<{ reply: SettingWriteResult; pending: Config | null }> {
  if (path === null) {
    const reason = "Cannot save settings: running on the embedded default configuration (no file)";
    ctx.log.warn(reason);
    return { reply: { ok: false, exception: 4, reason }, pending: null };
  }
  const read = await readConfigText(path);
  if (!read.ok) {
    ctx.log.error("Cannot save settings: {reason}", { reason: read.reason });
    return { reply: { ok: false, exception: 4, reason: read.reason }, pending: null };
  }
  let text = read.text;
  let config: Config | null = null;
  for (const change of changes) {
    let edit;
    try {
      edit = setConfigValue(
        text,
        path,
        change.key as ConfigPath,
        change.value,
        build === undefined ? {} : { build },
      );
    } catch (error) {
      const reason = `Cannot save setting ${change.key}: ${(error as Error).message}`;
      ctx.log.error(reason);
      return { reply: { ok: false, exception: 4, reason }, pending: null };
    }
    if (!edit.ok) {
      const reason = edit.problems.join("; ");
      ctx.log.warn("Setting {key} = {value} refused: {reason}", {
        key: change.key,
        value: change.value,
        reason,
      });
      return { reply: { ok: false, exception: 3, reason }, pending: null };
    }
    text = edit.text;
    config = edit.config;
  }
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    const reason = `Cannot save settings to "${path}": ${(error as Error).message}`;
    ctx.log.error(reason);
    return { reply: { ok: false, exception: 4, reason }, pending: null };
  }
  for (const change of changes) {
    ctx.log.info("Saved {key} = {value}; takes effect at the next start", {
      key: change.key,
      value: change.value,
    });
  }
  return { reply: { ok: true }, pending: config };
}
