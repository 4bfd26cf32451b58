/**
 * The snapshot as Prometheus metrics (`/metrics`), named by Prometheus conventions.
 *
 * @module
 */
import { TURNAROUND_BOUNDS_US } from "../../actors/modbus/counters.ts";
import { type MetricFamily, prometheusText, type Sample } from "../../drivers/control/mod.ts";
import type { StatusSnapshot } from "./snapshot.ts";

/** A rejection code as a metric label: `crc-mismatch` → `crc`, others in snake case. */
export function rejectionReasonLabel(code: string): string {
  return code === "crc-mismatch" ? "crc" : code.replaceAll("-", "_");
}

/** The metric families of a snapshot. */
export function statusMetrics(s: StatusSnapshot): MetricFamily[] {
  const families: MetricFamily[] = [];
  const counter = (name: string, help: string, samples: Sample[]) =>
    families.push({ type: "counter", name, help, samples });
  const gauge = (name: string, help: string, samples: Sample[]) =>
    families.push({ type: "gauge", name, help, samples });

  const t = s.a1.telegrams;
  if (t !== null) {
    counter("a1mb_telegrams_total", "Telegrams from the meter, by result and rejection reason.", [
      { labels: { result: "accepted" }, value: t.accepted },
      ...Object.entries(t.rejectedByCode).map(([code, n]) => ({
        labels: { result: "rejected", reason: rejectionReasonLabel(code) },
        value: n,
      })),
    ]);
  }
  const age = s.a1.registers?.last_telegram_age_s;
  if (age !== null && age !== undefined) {
    gauge("a1mb_last_telegram_age_seconds", "Seconds since the last accepted telegram arrived.", [
      { value: age },
    ]);
  }
  if (s.a1.registers !== null) {
    gauge("a1mb_values_fresh", "1 while measured values are current, 0 when stale or none yet.", [
      { value: s.a1.registers.freshness === "fresh" ? 1 : 0 },
    ]);
  }
  const transports = ([["rtu", s.modbus.rtu], ["tcp", s.modbus.tcp]] as const)
    .flatMap(([name, tr]) => tr === null ? [] : [{ name, c: tr.counters, serving: tr.serving }]);
  if (transports.length > 0) {
    const per = (value: (c: (typeof transports)[number]["c"]) => number) =>
      transports.map(({ name, c }) => ({ labels: { transport: name }, value: value(c) }));
    counter(
      "a1mb_modbus_requests_total",
      "Modbus requests for this slave.",
      per((c) => c.requests),
    );
    counter("a1mb_modbus_replies_total", "Normal Modbus responses sent.", per((c) => c.replies));
    counter(
      "a1mb_modbus_exceptions_total",
      "Modbus exception responses sent, by exception code.",
      transports.flatMap(({ name, c }) =>
        Object.entries(c.exceptions).map(([code, n]) => ({
          labels: { transport: name, code: Number(code).toString(16).padStart(2, "0") },
          value: n,
        }))
      ),
    );
    counter(
      "a1mb_modbus_crc_errors_total",
      "RTU frames dropped for a bad CRC.",
      per((c) => c.crcErrors),
    );
    counter(
      "a1mb_modbus_other_address_frames_total",
      "Frames on the bus for other slaves.",
      per((c) => c.otherAddress),
    );
    counter(
      "a1mb_modbus_timeouts_total",
      "Frames cut short by silence (RTU), idle closes (TCP).",
      per((c) => c.timeouts),
    );
    gauge(
      "a1mb_modbus_serving",
      "1 while the port is open (RTU) or the listener is up (TCP).",
      transports.map(({ name, serving }) => ({
        labels: { transport: name },
        value: serving ? 1 : 0,
      })),
    );
    families.push({
      type: "histogram",
      name: "a1mb_modbus_turnaround_seconds",
      help: "Time from a request's last byte received to the response's first byte written.",
      samples: transports.map(({ name, c }) => {
        let running = 0;
        const cumulativeCounts = TURNAROUND_BOUNDS_US.map((
          _,
          i,
        ) => (running += c.turnaround.counts[i] ?? 0));
        return {
          labels: { transport: name },
          bounds: TURNAROUND_BOUNDS_US.map((us) => us / 1e6),
          cumulativeCounts,
          sum: c.turnaround.sumUs / 1e6,
          count: c.turnaround.count,
        };
      }),
    });
  }
  counter(
    "a1mb_actor_restarts_total",
    "Restarts of each actor by the supervisor.",
    s.actors.map((a) => ({ labels: { actor: a.name }, value: a.restarts })),
  );
  gauge("a1mb_ready", "1 once both serial sides are open and a register image is published.", [
    { value: s.ready ? 1 : 0 },
  ]);
  gauge("process_resident_memory_bytes", "Resident memory of the a1mb process.", [
    { value: s.a1mb.rss_bytes },
  ]);
  gauge("process_start_time_seconds", "Start time of the process since the Unix epoch.", [
    { value: Math.round(Date.parse(s.a1mb.started_at) / 1000) },
  ]);
  if (s.passthrough !== null) {
    gauge("a1mb_passthrough_clients", "Clients connected to the raw telegram passthrough.", [
      { value: Number(s.passthrough.clients ?? 0) },
    ]);
    counter("a1mb_passthrough_dropped_clients_total", "Slow passthrough clients dropped.", [
      { value: Number(s.passthrough.droppedSlowClients ?? 0) },
    ]);
  }
  const h = s.homewizard;
  if (h !== null) {
    counter(
      "a1mb_homewizard_requests_total",
      "Requests to the HomeWizard-compatible API, by endpoint (other = unknown paths).",
      Object.entries(h.requests.byEndpoint).map(([endpoint, n]) => ({
        labels: { endpoint },
        value: n,
      })),
    );
    counter(
      "a1mb_homewizard_responses_total",
      "Responses of the HomeWizard-compatible API, by HTTP status (503: no fresh values).",
      Object.entries(h.requests.byStatus).map(([status, n]) => ({ labels: { status }, value: n })),
    );
    gauge("a1mb_homewizard_listening", "1 while the HomeWizard-compatible API listens.", [
      { value: h.listening ? 1 : 0 },
    ]);
    if (h.mdns !== "off") {
      counter("a1mb_homewizard_mdns_queries_answered_total", "mDNS queries answered.", [
        { value: h.mdns.queries_answered },
      ]);
    }
  }
  const m = s.mqtt;
  if (m !== null) {
    gauge("a1mb_mqtt_connected", "1 while connected to the MQTT broker.", [
      { value: m.connected ? 1 : 0 },
    ]);
    counter("a1mb_mqtt_published_total", "State messages published to the MQTT broker.", [
      { value: m.published },
    ]);
    counter(
      "a1mb_mqtt_dropped_total",
      "State messages never sent: replaced by a newer one while the broker was away or slow.",
      [{ value: m.dropped }],
    );
    counter("a1mb_mqtt_connect_attempts_total", "Connection attempts to the MQTT broker.", [
      { value: m.connect_attempts },
    ]);
    counter("a1mb_mqtt_reconnects_total", "Connections to the MQTT broker after the first.", [
      { value: m.reconnects },
    ]);
  }
  return families;
}

/** The snapshot in the Prometheus text exposition format. */
export function renderMetrics(s: StatusSnapshot): string {
  return prometheusText(statusMetrics(s));
}
