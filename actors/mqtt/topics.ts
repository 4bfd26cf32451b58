/**
 * Names on the broker: the meter's serial as a topic level, the client id and topic prefix
 * (`[mqtt] client_id`, `topic_prefix`, by default from the serial), and the topics under the
 * prefix.
 *
 * @module
 */
import type { Measurements } from "../../protocol/dsmr/measurements.ts";

/** The topics a1mb publishes under its prefix. */
export interface SiteTopics {
  /** JSON state, one message per accepted telegram. */
  readonly state: string;
  /** `online` (retained) while connected; the broker writes the last will `offline`. */
  readonly availability: string;
  /** JSON diagnostics: last telegram's age, rejected telegrams, Modbus requests. */
  readonly diagnostics: string;
}

/** The client id and topic prefix a1mb uses. */
export interface BrokerNames {
  readonly clientId: string;
  readonly topicPrefix: string;
}

/**
 * The meter's serial as one topic level and id: the equipment id (`0-0:96.1.1`, decoded), else
 * the telegram header, with every character outside `A-Z a-z 0-9 _ -` made `_`.
 *
 * @example
 * ```ts
 * import { meterSerial } from "./topics.ts";
 * meterSerial({ equipmentId: "1SAG1100042181" }, "FLU5\\253769484_A"); // "1SAG1100042181"
 * meterSerial({}, "FLU5\\253769484_A"); // "FLU5_253769484_A"
 * ```
 */
export function meterSerial(m: Measurements, header: string): string {
  const text = m.equipmentId ?? header;
  return text.replace(/[^A-Za-z0-9_-]/g, "_") || "unknown";
}

/**
 * The client id and topic prefix: as configured, else `a1mb-<serial>` and `a1mb/<serial>`;
 * null while a default is needed and the serial is not known yet.
 */
export function brokerNames(
  config: { readonly client_id: string; readonly topic_prefix: string },
  serial: string | null,
): BrokerNames | null {
  if (serial === null && (config.client_id === "" || config.topic_prefix === "")) return null;
  return {
    clientId: config.client_id === "" ? `a1mb-${serial}` : config.client_id,
    topicPrefix: config.topic_prefix === "" ? `a1mb/${serial}` : config.topic_prefix,
  };
}

/** The topics under `prefix`. */
export function siteTopics(prefix: string): SiteTopics {
  return {
    state: `${prefix}/state`,
    availability: `${prefix}/availability`,
    diagnostics: `${prefix}/diagnostics`,
  };
}
