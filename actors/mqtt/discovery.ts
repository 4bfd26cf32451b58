/**
 * Home Assistant MQTT discovery: one retained config message per sensor under
 * `<discovery_prefix>/sensor/a1mb_<serial>/<key>/config`, all naming one device (the meter as
 * a1mb serves it), reading the state or diagnostics topic, and unavailable while a1mb is offline.
 *
 * @module
 */
import { DIAGNOSTIC_SENSORS } from "./diagnostics.ts";
import type { Outgoing } from "./publish_queue.ts";
import { type SensorDef, STATE_SENSORS } from "./state_message.ts";
import { siteTopics } from "./topics.ts";

/** Who announces, and where. */
export interface DiscoveryContext {
  /** `[mqtt] discovery_prefix`. */
  readonly discoveryPrefix: string;
  /** The topic prefix in use. */
  readonly topicPrefix: string;
  /** The meter's serial (see `meterSerial`). */
  readonly serial: string;
  /** The build's variant id (`sdm630`): the device's model. */
  readonly variantId: string;
  /** The meter model the variant emulates. */
  readonly variantModel: string;
  /** a1mb's version. */
  readonly swVersion: string;
  /** Seconds after which Home Assistant shows a measured value as unavailable (`stale_after_s`). */
  readonly expireAfterS: number;
}

/** The device every sensor belongs to. */
export function discoveryDevice(ctx: DiscoveryContext): Record<string, unknown> {
  return {
    identifiers: [`a1mb_${ctx.serial}`],
    name: `P1 meter ${ctx.serial}`,
    manufacturer: "a1mb",
    model: `a1mb-${ctx.variantId} (P1 to Modbus, as ${ctx.variantModel})`,
    model_id: ctx.variantId,
    sw_version: ctx.swVersion,
    serial_number: ctx.serial,
  };
}

function sensorConfig(
  ctx: DiscoveryContext,
  sensor: SensorDef,
  stateTopic: string,
): Record<string, unknown> {
  const topics = siteTopics(ctx.topicPrefix);
  return {
    name: sensor.name,
    unique_id: `a1mb_${ctx.serial}_${sensor.key}`,
    state_topic: stateTopic,
    value_template: `{{ value_json.${sensor.key} }}`,
    ...(sensor.unit === undefined ? {} : { unit_of_measurement: sensor.unit }),
    ...(sensor.deviceClass === undefined ? {} : { device_class: sensor.deviceClass }),
    ...(sensor.stateClass === undefined ? {} : { state_class: sensor.stateClass }),
    ...(sensor.precision === undefined ? {} : { suggested_display_precision: sensor.precision }),
    ...(sensor.diagnostic === true
      ? { entity_category: "diagnostic" }
      : { expire_after: ctx.expireAfterS }),
    availability_topic: topics.availability,
    payload_available: "online",
    payload_not_available: "offline",
    device: discoveryDevice(ctx),
    origin: { name: "a1mb", sw_version: ctx.swVersion },
  };
}

/** The topic of one sensor's discovery config. */
export function discoveryTopic(ctx: DiscoveryContext, key: string): string {
  return `${ctx.discoveryPrefix}/sensor/a1mb_${ctx.serial}/${key}/config`;
}

/**
 * The retained discovery configs for the state fields in `stateKeys` (those the meter sends)
 * and every diagnostic sensor.
 *
 * @example
 * ```ts
 * import { discoveryMessages } from "./discovery.ts";
 * const messages = discoveryMessages({
 *   discoveryPrefix: "homeassistant",
 *   topicPrefix: "a1mb/1SAG1100042181",
 *   serial: "1SAG1100042181",
 *   variantId: "sdm630",
 *   variantModel: "Eastron SDM630-Modbus V2",
 *   swVersion: "1.0.0",
 *   expireAfterS: 25,
 * }, new Set(["power_w"]));
 * messages[0]?.topic; // "homeassistant/sensor/a1mb_1SAG1100042181/power_w/config"
 * ```
 */
export function discoveryMessages(
  ctx: DiscoveryContext,
  stateKeys: ReadonlySet<string>,
): Outgoing[] {
  const topics = siteTopics(ctx.topicPrefix);
  const state = STATE_SENSORS.filter((s) => stateKeys.has(s.key) && s.unannounced !== true)
    .map((s) => ({ s, topic: topics.state }));
  const diagnostics = DIAGNOSTIC_SENSORS.map((s) => ({ s, topic: topics.diagnostics }));
  return [...state, ...diagnostics].map(({ s, topic }) => ({
    topic: discoveryTopic(ctx, s.key),
    payload: JSON.stringify(sensorConfig(ctx, s, topic)),
    retain: true,
  }));
}
