/**
 * {@linkcode connectMqtt}: one MQTT connection attempt through MQTT.js (`npm:mqtt`), with its own
 * reconnection turned off (the MqttPublisher retries with a1mb's back-off), the last will set at
 * connect, the password file and the CA file read at every attempt, and errors turned into plain
 * reasons. MQTT.js is imported on first use, so a1mb without `[mqtt]` never loads it.
 *
 * @module
 */
import type {
  MqttConnection,
  MqttConnectionEvents,
  MqttConnectOptions,
  MqttMessage,
} from "./mqtt_connection.ts";

/** Where Linux distributions keep the system's CA certificates (one PEM bundle), in order. */
export const SYSTEM_CA_BUNDLES: readonly string[] = [
  "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Raspberry Pi OS, Alpine
  "/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL
  "/etc/ssl/cert.pem", // Arch, OpenWrt
];

/** What a CONNACK refusal means, by MQTT 3.1.1 return code. */
const REFUSALS: Readonly<Record<number, string>> = {
  1: "unacceptable protocol version",
  2: "client identifier rejected (check mqtt.client_id)",
  3: "server unavailable",
  4: "bad user name or password (check mqtt.username and the password)",
  5: "not authorized (check mqtt.username and the password)",
};

/** The reason an MQTT.js error gives, as a1mb words it. */
export function mqttErrorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "number" && error.message.startsWith("Connection refused")) {
    return `the broker refused the connection: ${
      REFUSALS[code] ?? error.message.slice("Connection refused: ".length)
    }`;
  }
  if (typeof code === "string" && /CERT|SSL|TLS|SELF_SIGNED|HOSTNAME/i.test(code)) {
    return `TLS: ${error.message} (${code})`;
  }
  return error.message;
}

/** Reads the password file's first line (without the line end). */
async function readPassword(path: string): Promise<string> {
  const text = await Deno.readTextFile(path);
  return text.split(/\r?\n/, 1)[0] ?? "";
}

/** The CA certificates to trust: `caFile`, else the system's bundle, else Deno's own roots. */
async function trustedCas(caFile: string | null): Promise<string | undefined> {
  if (caFile !== null) return await Deno.readTextFile(caFile);
  for (const bundle of SYSTEM_CA_BUNDLES) {
    try {
      return await Deno.readTextFile(bundle);
    } catch {
      // Not this distribution's place; try the next.
    }
  }
  return undefined;
}

/** The file a read failed on, for the message. */
async function readOrSay<T>(what: string, path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new Error(
      `cannot read the ${what} "${path}": ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** Minimal view of an MQTT.js client: the calls a1mb makes. */
interface JsClient {
  on(event: "connect", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  on(event: "close", listener: () => void): void;
  on(event: "message", listener: (topic: string, payload: Uint8Array) => void): void;
  publish(
    topic: string,
    payload: string,
    options: { qos: 0 | 1 | 2; retain: boolean },
    callback: (error?: Error | null) => void,
  ): void;
  subscribe(
    topic: string,
    options: { qos: 0 | 1 | 2 },
    callback: (error?: Error | null) => void,
  ): void;
  end(force: boolean, options: Record<string, never>, callback: () => void): void;
}

/** Starts one connection attempt to the broker with MQTT.js. */
export function connectMqtt(
  options: MqttConnectOptions,
  events: MqttConnectionEvents,
): MqttConnection {
  let client: JsClient | null = null;
  let closed = false;
  let ended = false;
  let lastError: string | null = null;
  const finish = (reason: string) => {
    if (ended) return;
    ended = true;
    events.disconnected(reason);
  };

  const start = async () => {
    const password = options.passwordFile === null
      ? options.password
      : await readOrSay("password file", options.passwordFile, () =>
        readPassword(options.passwordFile!));
    const ca = options.tls
      ? await readOrSay("CA file", options.caFile ?? "", () => trustedCas(options.caFile))
      : undefined;
    const { default: mqtt } = await import("mqtt");
    if (closed) return;
    const c = mqtt.connect({
      protocol: options.tls ? "mqtts" : "mqtt",
      host: options.hostname,
      port: options.port,
      clientId: options.clientId,
      ...(options.username === null ? {} : { username: options.username }),
      ...(password === null ? {} : { password }),
      keepalive: options.keepaliveS,
      connectTimeout: options.connectTimeoutMs,
      reconnectPeriod: 0,
      clean: true,
      resubscribe: false,
      queueQoSZero: false,
      protocolVersion: 4,
      will: {
        topic: options.will.topic,
        payload: options.will.payload,
        qos: options.will.qos,
        retain: options.will.retain,
      },
      ...(options.tls
        ? {
          rejectUnauthorized: true,
          ...(ca === undefined ? {} : { ca: [ca] }),
          ...(/^[0-9.]+$|:/.test(options.hostname) ? {} : { servername: options.hostname }),
        }
        : {}),
    }) as unknown as JsClient;
    client = c;
    c.on("connect", () => {
      if (!ended) events.connected();
    });
    c.on("error", (error) => {
      lastError = mqttErrorReason(error);
    });
    c.on("close", () => {
      finish(lastError ?? "the broker closed the connection");
      if (!closed) c.end(true, {}, () => {});
    });
    c.on("message", (topic, payload) => {
      if (!ended) events.message(topic, new TextDecoder().decode(payload));
    });
  };
  start().catch((error) => {
    queueMicrotask(() => finish(error instanceof Error ? error.message : String(error)));
  });

  return {
    publish(message: MqttMessage, done: (error: string | null) => void) {
      if (client === null || ended) return queueMicrotask(() => done("not connected"));
      client.publish(message.topic, message.payload, {
        qos: message.qos,
        retain: message.retain,
      }, (error) => done(error === undefined || error === null ? null : mqttErrorReason(error)));
    },
    subscribe(topic: string, qos: 0 | 1 | 2, done: (error: string | null) => void) {
      if (client === null || ended) return queueMicrotask(() => done("not connected"));
      client.subscribe(
        topic,
        { qos },
        (error) => done(error === undefined || error === null ? null : mqttErrorReason(error)),
      );
    },
    close(goodbye?: MqttMessage, timeoutMs = 1000): Promise<void> {
      closed = true;
      const c = client;
      if (c === null) return Promise.resolve();
      ended = true;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => c.end(true, {}, () => resolve()), timeoutMs);
        const end = () =>
          c.end(false, {}, () => {
            clearTimeout(timer);
            resolve();
          });
        if (goodbye === undefined) {
          clearTimeout(timer);
          c.end(true, {}, () => resolve());
          return;
        }
        c.publish(goodbye.topic, goodbye.payload, {
          qos: goodbye.qos,
          retain: goodbye.retain,
        }, () => end());
      });
    },
  };
}
