/**
 * MQTT with Home Assistant discovery: the MqttPublisher actor and the pure parts it is made of
 * (the state message and its sensors, discovery configs, diagnostics, topics, the one-deep
 * publish queue and the broker connection's state).
 *
 * @module
 */
export {
  type MqttCounters,
  mqttPublisher,
  type MqttPublisherArgs,
  type MqttPublisherState,
  type MqttStatus,
  mqttStatus,
} from "./publisher.ts";
export { type SensorDef, STATE_SENSORS, stateMessage, type StateValue } from "./state_message.ts";
export { DIAGNOSTIC_SENSORS, diagnosticsMessage } from "./diagnostics.ts";
export { type DiscoveryContext, discoveryMessages } from "./discovery.ts";
export {
  type BrokerNames,
  brokerNames,
  meterSerial,
  type SiteTopics,
  siteTopics,
} from "./topics.ts";
export { type BrokerLink, type BrokerPhase } from "./broker_link.ts";
export { type PublishChannel, type PublishQueue } from "./publish_queue.ts";
