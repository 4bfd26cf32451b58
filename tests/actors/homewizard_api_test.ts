import assert from "node:assert/strict";
import type { StalePolicy } from "../../config/mod.ts";
import {
  homeWizardApi,
  type HomeWizardArgs,
  type HomeWizardMdnsDriver,
  type HomeWizardState,
  type HomeWizardStatus,
} from "../../actors/homewizard_api.ts";
import { HOMEWIZARD } from "../../actors/messages.ts";
import { Bus } from "../../actors/runtime/bus.ts";
import { childSpec, Supervisor } from "../../actors/runtime/supervisor.ts";
import { FakeClock, settle } from "../../drivers/fake_clock.ts";
import { startAnswerListener } from "../../drivers/http/answer_listener.ts";
import type { MdnsResponderOptions } from "../../drivers/mdns/mdns_responder.ts";
import { decodeTelegram } from "../../protocol/dsmr/decode_telegram.ts";
import { measurementsFromReading } from "../../protocol/dsmr/measurements.ts";
import { freePort } from "./modbus/_harness.ts";
import { fixture } from "../protocol/dsmr/_fixtures.ts";
import { EXPECTED_DATA } from "../protocol/homewizard/_expected.ts";
import { captureLogs } from "./a1/_log_capture.ts";

const STALE_AFTER_MS = 25_000;

async function start(policy: StalePolicy = "zero", extra: Partial<HomeWizardArgs> = {}) {
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const port = freePort();
  const sup = new Supervisor(bus, () =>
    Promise.resolve([
      childSpec(HOMEWIZARD, homeWizardApi, {
        listen: `127.0.0.1:${port}`,
        staleAfterMs: STALE_AFTER_MS,
        policy,
        serial: "3c39e7aabbcc",
        firmwareVersion: "0.1.0",
        startHttp: startAnswerListener,
        mdns: null,
        ...extra,
      }),
    ]));
  await sup.start();
  const base = `http://127.0.0.1:${port}`;
  /** Publishes a fixture as the TelegramValidator would, received now. */
  const publish = async (file: string) => {
    const bytes = fixture(file);
    const result = decodeTelegram(bytes, { crc: "optional" });
    if (!result.ok) throw new Error(result.reason);
    bus.send("telegramValidator", HOMEWIZARD, {
      type: "telegramPublished",
      telegram: {
        text: new TextDecoder("latin1").decode(bytes),
        reading: result.reading,
        measurements: measurementsFromReading(result.reading),
        receivedAt: clock.now(),
      },
    }, null);
    await settle(5);
  };
  const state = () => sup.cell(HOMEWIZARD.name)!.state as HomeWizardState;
  const status = () => homeWizardApi.status!(state(), clock.now()) as HomeWizardStatus;
  return { clock, bus, sup, port, base, publish, state, status };
}

/** GET (or another method) with fetch; the body as text. */
async function get(url: string, method = "GET") {
  const response = await fetch(url, { method });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** curl -s -i: status line, headers and body as curl sees them. */
async function curl(...args: string[]): Promise<{ status: number; body: string }> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("curl", { args: ["-s", "-i", ...args] }).output();
  } catch (error) {
    throw new Error(`curl is missing: install the Debian package curl (${error})`);
  }
  const text = new TextDecoder().decode(out.stdout);
  const [head = "", body = ""] = text.split("\r\n\r\n", 2);
  return { status: Number(/^HTTP\/[0-9.]+ ([0-9]{3})/.exec(head)?.[1]), body };
}

for (const c of EXPECTED_DATA) {
  Deno.test(`homewizard api answers evcc's read sequence with ${c.file}'s values`, async () => {
    const t = await start();
    try {
      await t.publish(c.file);
      // evcc: GET /api, refuse anything but api_version "v1", then GET /api/v1/data.
      const api = await get(`${t.base}/api`);
      assert.equal(api.status, 200);
      assert.equal(api.headers.get("content-type"), "application/json");
      const device = JSON.parse(api.text);
      assert.equal(device.api_version, "v1");
      assert.equal(device.product_type, "HWE-P1");
      assert.equal(device.serial, "3c39e7aabbcc");
      const data = await get(`${t.base}/api/${device.api_version}/data`);
      assert.equal(data.status, 200);
      assert.equal(data.headers.get("content-type"), "application/json");
      assert.deepEqual(JSON.parse(data.text), c.data);
    } finally {
      await t.sup.stop("done");
    }
  });
}

Deno.test("homewizard api answers curl the same as fetch", async () => {
  const t = await start();
  try {
    await t.publish("dsmr_parser_FLUVIUS_V171.txt");
    const api = await curl(`${t.base}/api`);
    assert.equal(api.status, 200);
    assert.equal(JSON.parse(api.body).api_version, "v1");
    const data = await curl(`${t.base}/api/v1/data`);
    assert.equal(data.status, 200);
    assert.deepEqual(JSON.parse(data.body), EXPECTED_DATA[0]!.data);
  } finally {
    await t.sup.stop("done");
  }
});

Deno.test("homewizard api serves the last accepted telegram as the meter sent it", async () => {
  const t = await start();
  try {
    await t.publish("dsmr_parser_V5.txt");
    await t.publish("dsmr_parser_FLUVIUS_V171.txt");
    const telegram = await get(`${t.base}/api/v1/telegram`);
    assert.equal(telegram.status, 200);
    assert.equal(telegram.headers.get("content-type"), "text/plain");
    assert.equal(
      telegram.text,
      new TextDecoder("latin1").decode(fixture("dsmr_parser_FLUVIUS_V171.txt")),
    );
  } finally {
    await t.sup.stop("done");
  }
});

Deno.test("homewizard api answers 503 with a JSON reason before the first telegram, whatever the policy", async () => {
  for (const policy of ["zero", "hold", "exception", "silent"] as const) {
    const t = await start(policy);
    try {
      assert.equal((await get(`${t.base}/api`)).status, 200, policy);
      for (const path of ["/api/v1/data", "/api/v1/telegram"]) {
        const r = await get(`${t.base}${path}`);
        assert.equal(r.status, 503, `${policy} ${path}`);
        assert.equal(r.headers.get("content-type"), "application/json");
        assert.equal(JSON.parse(r.text).error.id, "no_telegram");
      }
    } finally {
      await t.sup.stop("done");
    }
  }
});

Deno.test("homewizard api: stale values are served only with stale = hold, otherwise 503", async () => {
  for (const policy of ["zero", "hold", "exception", "silent"] as const) {
    const t = await start(policy);
    try {
      await t.publish("influx-recorder_BE_1ph_50216_nogas.txt");
      await t.clock.advance(STALE_AFTER_MS - 1);
      assert.equal((await get(`${t.base}/api/v1/data`)).status, 200, `${policy}: still fresh`);
      await t.clock.advance(1);
      const data = await get(`${t.base}/api/v1/data`);
      const telegram = await get(`${t.base}/api/v1/telegram`);
      if (policy === "hold") {
        assert.equal(data.status, 200);
        assert.deepEqual(JSON.parse(data.text), EXPECTED_DATA[2]!.data);
        assert.equal(telegram.status, 200);
      } else {
        for (const r of [data, telegram]) {
          assert.equal(r.status, 503, policy);
          const error = JSON.parse(r.text).error;
          assert.equal(error.id, "stale");
          assert.match(error.description, /No valid telegram for 25\.0 s/);
          assert.match(error.description, new RegExp(`a1.stale = "${policy}"`));
        }
      }
      assert.equal((await get(`${t.base}/api`)).status, 200, `${policy}: /api stays`);
      // The next telegram makes the values current again.
      await t.publish("influx-recorder_BE_1ph_50216_nogas.txt");
      assert.equal((await get(`${t.base}/api/v1/data`)).status, 200, `${policy}: fresh again`);
    } finally {
      await t.sup.stop("done");
    }
  }
});

Deno.test("homewizard api is read-only: other methods get 405 with Allow, unknown paths 404", async () => {
  const t = await start();
  try {
    await t.publish("dsmr_parser_V5.txt");
    for (const path of ["/api", "/api/v1/data", "/api/v1/telegram"]) {
      for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
        const r = await get(`${t.base}${path}`, method);
        assert.equal(r.status, 405, `${method} ${path}`);
        assert.equal(r.headers.get("allow"), "GET, HEAD");
        assert.equal(JSON.parse(r.text).error.id, "method_not_allowed");
      }
    }
    // curl -X PUT with a body, as HomeWizard's state endpoint takes one: refused, nothing changes.
    const put = await curl("-X", "PUT", "-d", '{"power_on": false}', `${t.base}/api/v1/data`);
    assert.equal(put.status, 405);
    for (const path of ["/", "/api/v1", "/api/v1/state", "/api/v2/data", "/metrics"]) {
      const r = await get(`${t.base}${path}`);
      assert.equal(r.status, 404, path);
      assert.equal(JSON.parse(r.text).error.id, "not_found");
    }
    const head = await get(`${t.base}/api/v1/data`, "HEAD");
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
    assert.deepEqual(JSON.parse((await get(`${t.base}/api/v1/data`)).text), EXPECTED_DATA[3]!.data);
  } finally {
    await t.sup.stop("done");
  }
});

Deno.test("homewizard api keeps serving after malformed HTTP and counts every request", async () => {
  const t = await start();
  try {
    await t.publish("dsmr_parser_V5.txt");
    for (
      const garbage of ["GARBAGE\r\n\r\n", "GET /api HTTP/9.9\r\n\r\n", "\x00\x01\x02\r\n\r\n"]
    ) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: t.port });
      await conn.write(new TextEncoder().encode(garbage));
      const buf = new Uint8Array(512);
      await conn.read(buf).catch(() => null);
      conn.close();
    }
    assert.equal((await get(`${t.base}/api/v1/data`)).status, 200);
    await get(`${t.base}/nope`);
    await get(`${t.base}/api`, "POST");
    const requests = t.status().requests;
    assert.equal(requests.byEndpoint.data, 1);
    assert.equal(requests.byEndpoint.other, 1);
    assert.equal(requests.byStatus["200"], 1);
    assert.equal(requests.byStatus["404"], 1);
    assert.equal(requests.byStatus["405"], 1);
    assert.equal(requests.requests, 3);
  } finally {
    await t.sup.stop("done");
  }
});

Deno.test("homewizard api retries a port in use with the shared back-off, logs it once, and serves once it is free", async () => {
  const logs = await captureLogs();
  const clock = new FakeClock();
  const bus = new Bus(clock);
  const blocker = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (blocker.addr as Deno.NetAddr).port;
  const attempts: number[] = [];
  const sup = new Supervisor(bus, () =>
    Promise.resolve([childSpec(HOMEWIZARD, homeWizardApi, {
      listen: `127.0.0.1:${port}`,
      staleAfterMs: STALE_AFTER_MS,
      policy: "zero",
      serial: "3c39e7aabbcc",
      firmwareVersion: "0.1.0",
      startHttp: (options) => {
        attempts.push(clock.now());
        return startAnswerListener(options);
      },
      mdns: null,
    })]));
  await sup.start();
  try {
    const cell = () => sup.cell(HOMEWIZARD.name)!.state as HomeWizardState;
    const status = () => homeWizardApi.status!(cell(), clock.now()) as HomeWizardStatus;
    assert.equal(cell().server, null);
    assert.equal(status().listening, false);
    assert.match(status().last_error ?? "", /^Cannot listen on 127\.0\.0\.1:[0-9]+ for HTTP: /);
    await clock.advance(1000);
    await settle(10);
    await clock.advance(2000);
    await settle(10);
    assert.deepEqual(attempts, [0, 1000, 3000]);
    assert.equal(
      logs.matching(/HomeWizard API: Cannot listen on .*retrying \(every 1…30 s\)/).length,
      1,
    );
    blocker.close();
    await clock.advance(4000);
    await settle(10);
    assert.deepEqual(attempts, [0, 1000, 3000, 7000]);
    assert.notEqual(cell().server, null);
    assert.equal(status().listening, true);
    assert.equal(status().last_error, null);
    assert.equal((await get(`http://127.0.0.1:${port}/api`)).status, 200);
  } finally {
    await sup.stop("done");
    await logs.stop();
  }
});

/** An mDNS driver that records what the actor asks of it (the real one is tested in a netns). */
function recordingMdns(addresses: string[][]) {
  const started: MdnsResponderOptions[] = [];
  let announced = 0;
  let closed = 0;
  let calls = 0;
  const driver: HomeWizardMdnsDriver = {
    addresses: () => addresses[Math.min(calls++, addresses.length - 1)] ?? [],
    start: (options) => {
      started.push(options);
      return Promise.resolve({
        addresses: options.addresses,
        announce: () => void announced++,
        counters: () => ({ announcements: announced, queriesAnswered: 0 }),
        close: () => Promise.resolve(void closed++),
      });
    },
  };
  return { driver, started, announced: () => announced, closed: () => closed };
}

Deno.test("homewizard api announces twice a second apart, with HomeWizard's TXT records", async () => {
  const m = recordingMdns([["192.0.2.7"]]);
  const t = await start("zero", { mdns: m.driver });
  try {
    assert.equal(m.started.length, 1);
    const service = m.started[0]!.service;
    assert.equal(service.serviceType, "_hwenergy._tcp");
    assert.equal(service.instance, "p1meter-aabbcc");
    assert.equal(service.port, t.port);
    assert.deepEqual(service.txt, {
      api_enabled: "1",
      path: "/api/v1",
      serial: "3c39e7aabbcc",
      product_name: "P1 meter (a1mb)",
      product_type: "HWE-P1",
    });
    assert.deepEqual(m.started[0]!.addresses, ["192.0.2.7"]);
    assert.equal(m.announced(), 1);
    await t.clock.advance(1000);
    assert.equal(m.announced(), 2);
  } finally {
    await t.sup.stop("done");
  }
  assert.equal(m.closed(), 1, "a goodbye at stop");
});

Deno.test("homewizard api follows address changes and does not announce a loopback listener", async () => {
  // First no address (loopback only, or DHCP not done), then one, then another.
  const m = recordingMdns([[], ["192.0.2.7"], ["192.0.2.7"], ["192.0.2.9"]]);
  const t = await start("zero", { mdns: m.driver, interfacesCheckMs: 30_000 });
  try {
    assert.equal(m.started.length, 0);
    await t.clock.advance(30_000);
    assert.deepEqual(m.started.map((s) => s.addresses), [["192.0.2.7"]]);
    await t.clock.advance(30_000);
    assert.equal(m.started.length, 1, "unchanged addresses: nothing new");
    await t.clock.advance(30_000);
    assert.deepEqual(m.started.map((s) => s.addresses), [["192.0.2.7"], ["192.0.2.9"]]);
    assert.equal(m.closed(), 1, "the old announcement said goodbye");
  } finally {
    await t.sup.stop("done");
  }
});
