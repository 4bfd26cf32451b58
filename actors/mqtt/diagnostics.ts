/**
 * The diagnostics message (`<topic_prefix>/diagnostics`): the last telegram's age, the
 * telegrams accepted and rejected, and the Modbus requests served, from the other actors' status
 * snapshots (the same figures `a1mb status` shows), published every few seconds even while the
 * meter is silent.
 *
 * @module
 */
import type { SensorDef } from "./state_message.ts";
import type { TelegramCounters } from "../a1/telegram_counters.ts";
import type { ModbusCounters } from "../modbus/counters.ts";

/** The diagnostic sensors, announced to Home Assistant under the device's diagnostics. */
export const DIAGNOSTIC_SENSORS: readonly SensorDef[] = [
  {
    key: "last_telegram_age_s",
    name: "Last telegram age",
    unit: "s",
    deviceClass: "duration",
    stateClass: "measurement",
    diagnostic: true,
    precision: 1,
  },
  {
    key: "telegrams_accepted",
    name: "Telegrams accepted",
    stateClass: "total_increasing",
    diagnostic: true,
  },
  {
    key: "telegrams_rejected",
    name: "Telegrams rejected",
    stateClass: "total_increasing",
    diagnostic: true,
  },
  {
    key: "modbus_requests",
    name: "Modbus requests",
    stateClass: "total_increasing",
    diagnostic: true,
  },
];

/**
 * The status fields read, named against the status types: renaming one of them fails the build
 * instead of silently dropping a sensor. (The validator's status is its TelegramCounters; a Modbus
 * slave's status carries its ModbusCounters under `counters`.)
 */
const ACCEPTED: keyof TelegramCounters = "accepted";
const REJECTED: keyof TelegramCounters = "rejected";
const REQUESTS: keyof ModbusCounters = "requests";

/** A number at `path` in a status snapshot (answers arrive untyped), or undefined. */
function numberAt(status: unknown, ...path: string[]): number | undefined {
  let node = status;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" && Number.isFinite(node) ? node : undefined;
}

/** What the diagnostics are made of. */
export interface DiagnosticsInput {
  /** Monotonic ms of the last accepted telegram, or null before the first. */
  readonly lastReceivedAt: number | null;
  /** Monotonic ms now. */
  readonly now: number;
  /** Status snapshots by actor name (`telegramValidator`, `modbusRtu`, `modbusTcp`). */
  readonly answers: ReadonlyMap<string, unknown>;
  /** The Modbus slaves' actor names. */
  readonly modbus: readonly string[];
}

/**
 * The diagnostics message; a figure whose source did not answer is left out.
 *
 * @example
 * ```ts
 * import { diagnosticsMessage } from "./diagnostics.ts";
 * diagnosticsMessage({
 *   lastReceivedAt: 1000,
 *   now: 3500,
 *   answers: new Map([["modbusRtu", { serving: true, counters: { requests: 12 } }]]),
 *   modbus: ["modbusRtu"],
 * }); // { last_telegram_age_s: 2.5, modbus_requests: 12 }
 * ```
 */
export function diagnosticsMessage(input: DiagnosticsInput): Record<string, number> {
  const out: Record<string, number> = {};
  if (input.lastReceivedAt !== null) {
    out.last_telegram_age_s = Math.round((input.now - input.lastReceivedAt) / 100) / 10;
  }
  const telegrams = input.answers.get("telegramValidator");
  const accepted = numberAt(telegrams, ACCEPTED);
  const rejected = numberAt(telegrams, REJECTED);
  if (accepted !== undefined) out.telegrams_accepted = accepted;
  if (rejected !== undefined) out.telegrams_rejected = rejected;
  const requests = input.modbus.map((name) =>
    numberAt(input.answers.get(name), "counters", REQUESTS)
  );
  if (requests.length > 0 && requests.every((n) => n !== undefined)) {
    out.modbus_requests = requests.reduce((sum: number, n) => sum + (n ?? 0), 0);
  }
  return out;
}
