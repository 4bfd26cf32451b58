/**
 * Shared parts of the MQTT end-to-end tests: a1mb replaying the full Belgian telegram with an
 * `[mqtt]` section, its HTTP status, a real mosquitto per test, and a Modbus read that proves
 * Modbus serves whatever MQTT does.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type Mosquitto, type Observed, startMosquitto } from "../_mosquitto.ts";
import { BE_13_MONTHS_FILE } from "../actors/mqtt/_fixtures.ts";
import { pymodbus } from "../interop/_masters.ts";

/** The meter of the replayed telegram. */
export const SERIAL = "1SAG3100138726"; // 0-0:96.1.1 of the fixture, decoded
/** Its default topic prefix. */
export const PREFIX = `a1mb/${SERIAL}`;
/** The replayed telegram file. */
export const FIXTURE =
  new URL(`../fixtures/telegrams/${BE_13_MONTHS_FILE}`, import.meta.url).pathname;

/** a1mb replaying the full Belgian telegram, serving Modbus TCP and HTTP status, with `mqtt`. */
export function config(mqtt: string, httpPort: number, tcpPort: number, source = "file"): string {
  return `
[a1]
source = "${source}"
file = "${FIXTURE}"
interval_ms = 500
simulator_interval_ms = 500
stale_after_s = 5
[leds]
driver = "none"
[control]
socket = ""
http = "127.0.0.1:${httpPort}"
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${tcpPort}"
[mqtt]
${mqtt}
`;
}

/** The running a1mb's `/status`. */
export async function status(httpPort: number): Promise<{ mqtt: Record<string, unknown> }> {
  return await (await fetch(`http://127.0.0.1:${httpPort}/status`)).json();
}

/** Matches a message on `topic` (with `payload`, when given). */
export const on = (topic: string, payload?: string): (m: Observed) => boolean => (m: Observed) =>
  m.topic === topic && (payload === undefined || m.payload === payload);

/** Reads the total power over Modbus TCP with pymodbus: Modbus serves whatever MQTT does. */
export async function modbusServes(tcpPort: number): Promise<void> {
  const [result] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port: tcpPort }, [
    { op: "read_input", address: 0x0034, count: 2 },
  ]);
  assert.ok(result !== undefined && "registers" in result, JSON.stringify(result));
}

/** Runs `fn` with a fresh mosquitto, closed afterwards. */
export async function withBroker(
  fn: (broker: Mosquitto) => Promise<void>,
  options: Parameters<typeof startMosquitto>[0] = {},
): Promise<void> {
  const broker = await startMosquitto(options);
  try {
    await fn(broker);
  } finally {
    await broker.close();
  }
}
