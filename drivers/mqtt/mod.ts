/**
 * MQTT: the connection interface the MqttPublisher actor sees, and its MQTT.js implementation.
 *
 * @module
 */
export type {
  MqttConnection,
  MqttConnectionEvents,
  MqttConnectOptions,
  MqttConnector,
  MqttMessage,
} from "./mqtt_connection.ts";
export { connectMqtt, mqttErrorReason, SYSTEM_CA_BUNDLES } from "./mqtt_js.ts";
