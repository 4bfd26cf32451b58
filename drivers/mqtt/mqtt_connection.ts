/**
 * The MQTT connection as the actors see it: one connection attempt to a broker, its events, and
 * publishes with a completion callback. The implementation ({@linkcode connectMqtt} in
 * `mqtt_js.ts`) wraps MQTT.js; the MqttPublisher actor only knows this interface.
 *
 * @module
 */

/** A message to publish. */
export interface MqttMessage {
  readonly topic: string;
  readonly payload: string;
  readonly qos: 0 | 1 | 2;
  readonly retain: boolean;
}

/** How to reach and log in to the broker, for one connection attempt. */
export interface MqttConnectOptions {
  readonly hostname: string;
  readonly port: number;
  /** Connect over TLS and check the broker's certificate. */
  readonly tls: boolean;
  /** PEM file of the CA to trust (TLS), or null for the system's CA certificates. */
  readonly caFile: string | null;
  readonly clientId: string;
  /** User name, or null for none. */
  readonly username: string | null;
  /** Password, or null (none, or read from `passwordFile`). */
  readonly password: string | null;
  /** File whose first line is the password, read at every attempt, or null. */
  readonly passwordFile: string | null;
  /** Keep-alive interval, s: the broker declares the client dead after 1.5 times this. */
  readonly keepaliveS: number;
  /** The last will: what the broker publishes when the connection dies without a goodbye. */
  readonly will: MqttMessage;
  /** How long to wait for the broker's CONNACK, ms. */
  readonly connectTimeoutMs: number;
}

/** What a connection reports. Each is called on the event loop, never inside a call to it. */
export interface MqttConnectionEvents {
  /** The broker accepted the connection. */
  connected(): void;
  /**
   * The attempt failed or the connection ended (called once; the connection is closed then).
   * `reason` reads as a sentence fragment: `the broker refused the connection: not authorized
   * (check mqtt.username and the password)`, `connect ECONNREFUSED 127.0.0.1:1883`.
   */
  disconnected(reason: string): void;
  /** A message arrived on a subscribed topic. */
  message(topic: string, payload: string): void;
}

/** One connection (attempt) to a broker. */
export interface MqttConnection {
  /**
   * Publishes `message`; `done` runs once with null when the broker acknowledged it (QoS 1, 2) or
   * it was written (QoS 0), else with the reason it failed.
   */
  publish(message: MqttMessage, done: (error: string | null) => void): void;
  /** Subscribes to `topic`; `done` runs once with null or the reason it failed. */
  subscribe(topic: string, qos: 0 | 1 | 2, done: (error: string | null) => void): void;
  /**
   * Ends the connection. With `goodbye`, publishes it first and disconnects cleanly (the broker
   * then drops the last will), waiting at most `timeoutMs`; otherwise closes at once.
   */
  close(goodbye?: MqttMessage, timeoutMs?: number): Promise<void>;
}

/** Starts one connection attempt; its outcome arrives through `events`. */
export type MqttConnector = (
  options: MqttConnectOptions,
  events: MqttConnectionEvents,
) => MqttConnection;
