/**
 * The simulated sites of the fleet bench: each site's telegrams from a1mb's meter simulator
 * (its own seed, so its own serial), decoded as a1mb decodes them; and the two kinds of publisher
 * measured side by side: a1mb's own MqttPublisher actors (one per site, on one bus, fed
 * `telegramPublished` once a second as the TelegramValidator feeds them), and bare MQTT.js clients
 * publishing the same JSON (the library's own cost, the peer).
 *
 * @module
 */
import mqtt from "mqtt";
import type { MqttConfig } from "../config/mod.ts";
import { DEFAULT_CONFIG } from "../config/mod.ts";
import type { AcceptedTelegram, MqttMsg } from "../actors/messages.ts";
import { mqttPublisher, type MqttPublisherState, mqttStatus } from "../actors/mqtt/mod.ts";
import { stateMessage } from "../actors/mqtt/state_message.ts";
import { Bus } from "../actors/runtime/bus.ts";
import type { ActorRef } from "../actors/runtime/message.ts";
import { childSpec, Supervisor } from "../actors/runtime/supervisor.ts";
import { systemClock } from "../drivers/clock.ts";
import { connectMqtt } from "../drivers/mqtt/mod.ts";
import { sleep } from "../drivers/sleep.ts";
import { decodeTelegram } from "../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../protocol/dsmr/measurements.ts";
import { createMeterSimulator, nextTelegram } from "../protocol/dsmr/meter_simulator.ts";

/** One simulated telegram, decoded (the time it arrives is set when it is fed). */
export type SiteReading = Omit<AcceptedTelegram, "receivedAt">;

/** Telegram bytes as text, one character per byte (as the TelegramValidator passes them on). */
const LATIN1 = new TextDecoder("latin1");

/** `count` consecutive telegrams (one a second) of site `site`'s meter. */
export function siteReadings(site: number, count: number, startMs: number): SiteReading[] {
  let state = createMeterSimulator({ seed: 1000 + site, startMs });
  const out: SiteReading[] = [];
  for (let k = 0; k < count; k++) {
    const step = nextTelegram(state, startMs + k * 1000);
    state = step.state;
    const decoded = decodeTelegram(step.bytes, { crc: "required" });
    if (!decoded.ok) throw new Error(`Simulated telegram rejected: ${decoded.reason}`);
    out.push({
      text: LATIN1.decode(step.bytes),
      reading: decoded.reading,
      measurements: measurementsFromReading(decoded.reading),
    });
  }
  return out;
}

/** A fleet of publishers being fed. */
export interface Fleet {
  /** Resolves once every site is connected. */
  readonly connected: Promise<void>;
  /** Feeds site `site` its next reading. */
  feed(site: number): void;
  /** State messages fed, and those the broker acknowledged, and those dropped unsent. */
  counts(): { fed: number; published: number; dropped: number };
  stop(): Promise<void>;
}

/** What both fleets are built from. */
export interface FleetOptions {
  readonly port: number;
  readonly sites: number;
  readonly qos: 0 | 1 | 2;
  /** Topic prefix of site i: `${prefix}/site-${i}`. */
  readonly prefix: string;
  readonly readings: readonly (readonly SiteReading[])[];
}

async function until(done: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`Fleet: ${what} within ${timeoutMs} ms`);
    await sleep(systemClock, 50);
  }
}

/** N MqttPublisher actors on one bus, each with its own connection, as a1mb runs one. */
export function a1mbFleet(o: FleetOptions): Fleet {
  const bus = new Bus(systemClock);
  const refs: ActorRef<MqttMsg>[] = [];
  const config = (i: number): MqttConfig => ({
    ...DEFAULT_CONFIG.mqtt,
    url: `mqtt://127.0.0.1:${o.port}`,
    client_id: `${o.prefix}-site-${i}`,
    topic_prefix: `${o.prefix}/site-${i}`,
    qos: o.qos,
  });
  const specs = Array.from({ length: o.sites }, (_, i) => {
    const ref: ActorRef<MqttMsg> = { name: `site-${i}` };
    refs.push(ref);
    return childSpec(ref, mqttPublisher, {
      config: config(i),
      connect: connectMqtt,
      variantId: "sdm630",
      variantModel: "Eastron SDM630-Modbus V2",
      swVersion: "bench",
      staleAfterMs: 25_000,
      modbus: [],
    });
  });
  const sup = new Supervisor(bus, () => Promise.resolve(specs));
  const next = new Array<number>(o.sites).fill(0);
  let fed = 0;
  const states = () => refs.map((r) => sup.cell(r.name)?.state as MqttPublisherState | undefined);
  return {
    connected: sup.start().then(() =>
      until(() => states().every((s) => s?.link.phase === "connected"), "every site connected")
    ),
    feed(site) {
      const ring = o.readings[site]!;
      const reading = ring[next[site]! % ring.length]!;
      next[site]!++;
      fed++;
      const now = systemClock.now();
      bus.send("telegramValidator", refs[site]!, {
        type: "telegramPublished",
        telegram: { ...reading, receivedAt: now },
      }, null);
    },
    counts() {
      let published = 0;
      let dropped = 0;
      for (const s of states()) {
        if (s === undefined) continue;
        const status = mqttStatus(s, systemClock.now());
        published += status.published;
        dropped += status.dropped;
      }
      return { fed, published, dropped };
    },
    async stop() {
      await sup.stop("bench done");
    },
  };
}

/** N bare MQTT.js clients publishing the same state JSON, QoS and will: the peer. */
export function bareFleet(o: FleetOptions): Fleet {
  const payloads = o.readings.map((ring) =>
    ring.map((r) => JSON.stringify(stateMessage(r.measurements, r.reading)))
  );
  let connectedCount = 0;
  let fed = 0;
  let published = 0;
  let dropped = 0;
  const next = new Array<number>(o.sites).fill(0);
  const busy = new Array<boolean>(o.sites).fill(false);
  const clients = Array.from({ length: o.sites }, (_, i) => {
    const c = mqtt.connect({
      host: "127.0.0.1",
      port: o.port,
      clientId: `${o.prefix}-site-${i}`,
      reconnectPeriod: 0,
      protocolVersion: 4,
      will: {
        topic: `${o.prefix}/site-${i}/availability`,
        payload: "offline",
        qos: o.qos,
        retain: true,
      },
    });
    c.on("connect", () => connectedCount++);
    return c;
  });
  return {
    connected: until(() => connectedCount === o.sites, "every bare client connected"),
    feed(site) {
      const ring = payloads[site]!;
      const payload = ring[next[site]! % ring.length]!;
      next[site]!++;
      fed++;
      // Like a1mb, one state in flight per site; a state that would queue is dropped.
      if (busy[site]) {
        dropped++;
        return;
      }
      busy[site] = true;
      clients[site]!.publish(`${o.prefix}/site-${site}/state`, payload, { qos: o.qos }, (e) => {
        busy[site] = false;
        if (e === undefined || e === null) published++;
      });
    },
    counts: () => ({ fed, published, dropped }),
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}
