/**
 * `a1mb status` for people: the snapshot as a short report.
 *
 * @module
 */
import { turnaroundQuantileUs } from "../../actors/modbus/counters.ts";
import type { StatusSnapshot, TransportStatus } from "./snapshot.ts";

/** The snapshot as text lines. */
export function renderStatusText(s: StatusSnapshot): string[] {
  const lines: string[] = [];
  const a = s.a1mb;
  lines.push(
    `a1mb ${a.version} (${a.variant}: ${a.model}), pid ${a.pid}, up ${duration(a.uptime_s)}` +
      `${a.reboots > 0 ? `, ${a.reboots} reboot(s)` : ""}, ${Math.round(a.rss_bytes / 1048576)} MB`,
  );
  lines.push(`config: ${a.config ?? "embedded default"}; ready: ${s.ready ? "yes" : "no"}`);
  const pending = Object.keys(s.settings.pending);
  lines.push(
    `settings: ${
      Object.entries(s.settings.active).map(([k, v]) =>
        pending.includes(k)
          ? `${k} = ${v} (saved: ${s.settings.pending[k]}, after reboot)`
          : `${k} = ${v}`
      ).join(", ") || "-"
    }`,
  );
  if (s.leds !== null) lines.push(`LEDs: PWR ${s.leds.pwr}, A1 ${s.leds.a1}, 485 ${s.leds.rs485}`);
  const reader = s.a1.reader;
  if (reader !== null) {
    const error = reader.link.lastError === null ? "" : ` (last error: ${reader.link.lastError})`;
    lines.push(`A1: ${reader.source}: ${reader.link.phase}${error}`);
  }
  const reg = s.a1.registers;
  const t = s.a1.telegrams;
  if (t !== null) {
    const age = reg?.last_telegram_age_s;
    lines.push(
      `telegrams: ${t.accepted} accepted, ${t.rejected} rejected; last telegram ${
        age === null || age === undefined ? "never" : `${age} s ago`
      }${reg === null ? "" : ` (values ${reg.freshness}, stale = ${reg.stale_policy})`}`,
    );
    if (t.lastReason !== null) lines.push(`last rejection: ${t.lastReason}`);
  }
  for (const [name, transport] of [["RTU", s.modbus.rtu], ["TCP", s.modbus.tcp]] as const) {
    if (transport !== null) lines.push(transportLine(name, transport));
  }
  if (s.passthrough !== null) {
    const p = s.passthrough;
    lines.push(
      `passthrough: ${p.listen} ${p.listening ? "listening" : "not listening"}, ${
        p.clients ?? 0
      } client(s), ${p.droppedSlowClients ?? 0} slow client(s) dropped`,
    );
  }
  if (s.homewizard !== null) lines.push(homeWizardLine(s.homewizard));
  if (s.mqtt !== null) lines.push(mqttLine(s.mqtt));
  const troubled = s.actors.filter((x) => x.status !== "running" || x.restarts > 0);
  lines.push(
    troubled.length === 0
      ? `actors: ${s.actors.length} running`
      : `actors: ${
        troubled.map((x) => `${x.name} ${x.status} (${x.restarts} restart(s))`).join(", ")
      }`,
  );
  return lines;
}

function homeWizardLine(h: NonNullable<StatusSnapshot["homewizard"]>): string {
  const statuses = Object.entries(h.requests.byStatus).map(([code, n]) => `${code}:${n}`).join(" ");
  const mdns = h.mdns === "off"
    ? "mDNS off"
    : h.mdns.addresses.length > 0
    ? `mDNS on ${h.mdns.addresses.join(", ")}`
    : `not announced${h.mdns.last_error === null ? "" : ` (${h.mdns.last_error})`}`;
  return `HomeWizard API: ${h.listen} ${h.listening ? "listening" : "not listening"}, ${mdns}; ` +
    `${h.requests.requests} requests (${statuses || "none"})`;
}

function mqttLine(m: NonNullable<StatusSnapshot["mqtt"]>): string {
  const where = m.connected
    ? `connected as ${m.client_id}, topics ${m.topic_prefix}/…`
    : m.state === "waiting"
    ? `not connected, next attempt in ${m.retry_in_s} s`
    : m.state === "waiting-for-serial"
    ? "waiting for the first telegram (client id and topics need the meter's serial)"
    : "connecting";
  return `MQTT: ${m.broker} ${where}; ${m.published} states published, ${m.dropped} dropped, ` +
    `${m.reconnects} reconnects, ${m.connect_attempts} connection attempts` +
    (m.last_error === null ? "" : `; last error: ${m.last_error}`);
}

function transportLine(name: string, { serving, counters: c, thread }: TransportStatus): string {
  const exceptions = Object.entries(c.exceptions).filter(([, n]) => n > 0)
    .map(([code, n]) => `${Number(code).toString(16).padStart(2, "0")}:${n}`).join(" ");
  const p50 = turnaroundQuantileUs(c.turnaround, 0.5);
  const p99 = turnaroundQuantileUs(c.turnaround, 0.99);
  const where = thread === undefined ? "" : ` (${thread.engine} thread, ${thread.scheduling})`;
  return `Modbus ${name}: ${
    serving ? "serving" : "not serving"
  }${where}; ${c.requests} requests, ` +
    `${c.replies} replies, exceptions ${exceptions || "none"}, ${c.crcErrors} CRC errors, ` +
    `${c.otherAddress} for other addresses, ${c.timeouts} timeouts; turnaround p50 ${
      p50 === null ? "-" : `≤${p50} µs`
    }, p99 ${p99 === null ? "-" : `≤${p99} µs`}, max ${Math.round(c.turnaround.maxUs)} µs`;
}

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m ${seconds % 60}s`;
}
