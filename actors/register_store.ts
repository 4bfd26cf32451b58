/**
 * The RegisterStore actor: applies the build's variant to each accepted reading, encodes the
 * registers and publishes the served words (an {@linkcode ImageUpdate} of a few hundred words, not
 * two 65536-word spaces) to the Modbus slaves, which apply it to their own image in place. It judges
 * staleness by arrival (no accepted telegram for `stale_after_s`), never by values not changing,
 * and then serves measured registers as `[a1] stale` says: `zero`, `hold`, `exception`, `silent`.
 *
 * @module
 */
import type { MeasurementKey, Measurements } from "../protocol/dsmr/measurements.ts";
import type { MeasuredBlock } from "../protocol/modbus/register_image.ts";
import type { ImageUpdate } from "../protocol/modbus/image_update.ts";
import type { RegisterOptions, SettingsView, SettingValue, Variant } from "../variants/api.ts";
import type { Config, StalePolicy } from "../config/mod.ts";
import type { RegistersPublished, RegisterStoreMsg } from "./messages.ts";
import {
  buildImageUpdate,
  createEncodeScratch,
  type EncodeProblem,
  type EncodeScratch,
  type FieldStore,
  freshFields,
  type ImageLayout,
  imageLayout,
  mergeFields,
} from "./register_image_builder.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import type { ActorRef } from "./runtime/message.ts";
import { unreachable } from "./runtime/message.ts";

/** Fields that identify the meter: kept when measured values go stale (the serial stays put). */
const IDENTITY_FIELDS: readonly MeasurementKey[] = ["equipmentId"];

/** Start arguments of the RegisterStore. */
export interface RegisterStoreArgs {
  /** The build's variant. */
  readonly variant: Variant;
  /** The active configuration. */
  readonly config: Config;
  /** The Modbus slaves that receive every update. */
  readonly subscribers: readonly ActorRef<RegistersPublished>[];
}

/** Whether measured values are current. */
export type Freshness = "waiting" | "fresh" | "stale";

/** State of the RegisterStore. */
export interface RegisterStoreState {
  readonly variant: Variant;
  readonly layout: ImageLayout;
  readonly options: RegisterOptions;
  readonly staleAfterMs: number;
  readonly policy: StalePolicy;
  readonly subscribers: readonly ActorRef<RegistersPublished>[];
  readonly fields: FieldStore;
  /** Monotonic ms of the last accepted telegram, or null before the first. */
  readonly lastAcceptedAt: number | null;
  readonly freshness: Freshness;
  /** Pending configuration: the settings registers show it. */
  readonly pending: Config;
  /** The update last published. */
  readonly update: ImageUpdate;
  /** Where the registers are encoded before their words are gathered (reused, never shared). */
  readonly scratch: EncodeScratch;
  readonly cancelStaleCheck: (() => void) | null;
  /** Names of registers already reported as not encodable (each is logged once). */
  readonly reported: ReadonlySet<string>;
}

/** The RegisterStore behaviour. */
export const registerStore: ActorBehavior<RegisterStoreMsg, RegisterStoreState, RegisterStoreArgs> =
  {
    preStart(ctx, args) {
      const { config } = args;
      const options = registerOptions(args.variant, config);
      const state: RegisterStoreState = {
        variant: args.variant,
        layout: imageLayout(args.variant, options),
        options,
        staleAfterMs: config.a1.stale_after_s * 1000,
        policy: config.a1.stale,
        subscribers: args.subscribers,
        fields: new Map(),
        lastAcceptedAt: null,
        freshness: "waiting",
        pending: config,
        update: undefined as unknown as ImageUpdate,
        scratch: createEncodeScratch(),
        cancelStaleCheck: null,
        reported: new Set(),
      };
      return publish(state, ctx);
    },

    status: (state, now) => registerStoreStatus(state, now),

    handle(state, msg, ctx) {
      switch (msg.type) {
        case "readingAccepted": {
          // One stale check pending at a time: when it falls due it re-arms itself for the time
          // left since the last telegram (no timer cancelled and set again per telegram).
          const cancelStaleCheck = state.cancelStaleCheck ??
            ctx.sendAfter({ type: "staleCheckDue" }, state.staleAfterMs);
          if (state.freshness === "stale") {
            ctx.log.info("Telegrams are back: measured registers are live again");
          }
          return publish({
            ...state,
            fields: mergeFields(state.fields, msg.measurements, msg.receivedAt),
            lastAcceptedAt: msg.receivedAt,
            freshness: "fresh",
            cancelStaleCheck,
          }, ctx);
        }
        case "staleCheckDue": {
          const last = state.lastAcceptedAt;
          if (last === null) return { ...state, cancelStaleCheck: null };
          const left = last + state.staleAfterMs - ctx.clock.now();
          if (left > 0) {
            return {
              ...state,
              cancelStaleCheck: ctx.sendAfter({ type: "staleCheckDue" }, left),
            };
          }
          ctx.log.warn(
            "No valid telegram for {seconds} s: measured registers now follow stale = {policy}",
            { seconds: state.staleAfterMs / 1000, policy: state.policy },
          );
          return publish({ ...state, freshness: "stale", cancelStaleCheck: null }, ctx);
        }
        case "settingsSaved":
          return publish({ ...state, pending: msg.pending }, ctx);
        default:
          return unreachable(msg);
      }
    },

    postStop(state) {
      state.cancelStaleCheck?.();
    },
  };

/** What `a1mb status` shows of the RegisterStore. */
export interface RegisterStoreStatus {
  /** Whether measured values are current. */
  readonly freshness: Freshness;
  /** The stale policy in force. */
  readonly stale_policy: StalePolicy;
  /** Seconds since the last accepted telegram arrived, or null before the first. */
  readonly last_telegram_age_s: number | null;
  /** Number of telegram fields known. */
  readonly fields: number;
  /** The telegram values the registers are built from now (after the stale policy). */
  readonly measurements: Measurements;
  /** The settings registers' values as saved (what the next start will use), by key. */
  readonly pending_settings: Readonly<Record<string, SettingValue | null>>;
}

/** The status snapshot of the RegisterStore. */
export function registerStoreStatus(state: RegisterStoreState, now: number): RegisterStoreStatus {
  const view = settingsView(state.pending);
  return {
    freshness: state.freshness,
    stale_policy: state.policy,
    last_telegram_age_s: state.lastAcceptedAt === null
      ? null
      : Math.round((now - state.lastAcceptedAt) / 100) / 10,
    fields: state.fields.size,
    measurements: servedMeasurements(state, now).m,
    pending_settings: Object.fromEntries(
      state.variant.settings.map((s) => [s.key, view(s.key) ?? null]),
    ),
  };
}

/** Encodes the registers for the current freshness and policy and sends the update to every subscriber. */
function publish(
  state: RegisterStoreState,
  ctx: ActorContext<RegisterStoreMsg>,
): RegisterStoreState {
  const now = ctx.clock.now();
  const { m, blocked } = servedMeasurements(state, now);
  const problems: EncodeProblem[] = [];
  const update = buildImageUpdate(
    state.layout,
    {
      m,
      hasReading: state.lastAcceptedAt !== null,
      options: state.options,
      settings: settingsView(state.pending),
    },
    blocked,
    state.scratch,
    problems,
  );
  let reported = state.reported;
  for (const p of problems) {
    if (reported.has(p.def.name)) continue;
    reported = new Set(reported).add(p.def.name);
    ctx.log.warn("Register {name} cannot hold {value} ({status}): {served}", {
      name: p.def.name,
      value: p.value,
      status: p.status,
      served: p.status === "clamped"
        ? "served at the limit of its type (or its text cut)"
        : "served as 0",
    });
  }
  for (const ref of state.subscribers) ctx.send(ref, { type: "registersPublished", update });
  return { ...state, update, reported };
}

/** What the variant sees, and whether reads of measured registers are blocked. */
export function servedMeasurements(
  state: Pick<RegisterStoreState, "fields" | "freshness" | "policy" | "staleAfterMs">,
  now: number,
): { m: Measurements; blocked: MeasuredBlock } {
  if (state.freshness === "fresh") {
    return { m: freshFields(state.fields, now, state.staleAfterMs), blocked: null };
  }
  switch (state.policy) {
    case "hold":
      return { m: freshFields(state.fields, now, Infinity), blocked: null };
    case "zero":
      return { m: identityOnly(state.fields), blocked: null };
    case "exception":
    case "silent":
      return { m: identityOnly(state.fields), blocked: state.policy };
    default:
      return unreachable(state.policy);
  }
}

function identityOnly(fields: FieldStore): Measurements {
  const m: Record<string, number | string> = {};
  for (const key of IDENTITY_FIELDS) {
    const field = fields.get(key);
    if (field !== undefined) m[key] = field.value;
  }
  return m as Measurements;
}

/** The `[registers]` options of the active configuration, with the build's own options. */
export function registerOptions(variant: Variant, config: Config): RegisterOptions {
  const view = settingsView(config);
  const choices: Record<string, SettingValue> = {};
  for (const key of variant.config.options) {
    const value = view(key);
    if (value !== undefined) choices[key] = value;
  }
  return {
    derived: config.registers.derived,
    invert: config.registers.invert,
    nominalFrequencyHz: config.registers.nominal_frequency_hz,
    serial: config.registers.serial,
    choices,
  };
}

/** Reads dotted keys (`"modbus.rtu.address"`) from a configuration. */
export function settingsView(config: Config): SettingsView {
  return (key) => {
    let node: unknown = config;
    for (const part of key.split(".")) {
      if (typeof node !== "object" || node === null) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === "string" || typeof node === "number" || typeof node === "boolean"
      ? node as SettingValue
      : undefined;
  };
}
