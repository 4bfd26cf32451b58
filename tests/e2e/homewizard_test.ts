/**
 * The HomeWizard-compatible API of the real a1mb process: what evcc reads over HTTP, stale
 * values per policy, and (in a network namespace of its own, so no multicast leaves this machine)
 * discovery over mDNS by python-zeroconf followed by reads at the discovered address, the way
 * Home Assistant's HomeWizard integration finds and reads a dongle.
 *
 * @module
 */
import assert from "node:assert/strict";
import { FLUVIUS_TELEGRAM, freePort, ROOT, startA1mb } from "./_a1mb_process.ts";
import { EXPECTED_DATA } from "../protocol/homewizard/_expected.ts";

const PYTHON = "/usr/bin/python3";
const DISCOVERY = new URL("./_peers/zeroconf_discovery.py", import.meta.url).pathname;

/** A config replaying `file` every 500 ms, Modbus TCP only, the HomeWizard API on `listen`. */
function config(listen: string, extra = "", controlHttp = ""): string {
  return `
[a1]
source = "file"
file = "${FLUVIUS_TELEGRAM}"
interval_ms = 500
${extra}
[modbus.rtu]
enabled = false
[modbus.tcp]
enabled = true
listen = "127.0.0.1:${freePort()}"
[leds]
driver = "none"
[control]
socket = ""
http = "${controlHttp}"
[homewizard]
listen = "${listen}"
`;
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

Deno.test("e2e: a1mb answers evcc's HomeWizard read sequence with the telegram's values", async () => {
  const port = freePort();
  const control = freePort();
  const a1mb = await startA1mb(config(`127.0.0.1:${port}`, "", `127.0.0.1:${control}`));
  try {
    await a1mb.waitForLog(/HomeWizard API: serving P1 meter \(a1mb\) on 127\.0\.0\.1:/);
    // Loopback only: nothing is announced, so nothing is multicast from this test.
    await a1mb.waitForLog(/not announced over mDNS: 127\.0\.0\.1:[0-9]+ is not reachable/);
    await a1mb.waitForLog(/first valid telegram/);
    const api = await getJson(`http://127.0.0.1:${port}/api`);
    assert.equal(api.status, 200);
    assert.equal(api.body.api_version, "v1");
    assert.equal(api.body.product_type, "HWE-P1");
    assert.match(String(api.body.serial), /^[0-9a-f]{12}$/);
    const data = await getJson(`http://127.0.0.1:${port}/api/${api.body.api_version}/data`);
    assert.equal(data.status, 200);
    assert.deepEqual(data.body, EXPECTED_DATA[0]!.data);
    const telegram = await fetch(`http://127.0.0.1:${port}/api/v1/telegram`);
    assert.equal(
      await telegram.text(),
      new TextDecoder("latin1").decode(await Deno.readFile(FLUVIUS_TELEGRAM)).trimEnd(),
    );
    const post = await fetch(`http://127.0.0.1:${port}/api/v1/data`, {
      method: "POST",
      body: "{}",
    });
    assert.equal(post.status, 405);
    await post.body?.cancel();
    // status and metrics count the listener's requests: /api, data, telegram, the POST.
    const status = await getJson(`http://127.0.0.1:${control}/status`);
    const hw = status.body.homewizard as { requests: Record<string, unknown>; listening: boolean };
    assert.equal(hw.listening, true);
    assert.deepEqual(hw.requests.byEndpoint, { api: 1, data: 2, telegram: 1, other: 0 });
    assert.deepEqual(hw.requests.byStatus, { "200": 3, "405": 1 });
    const metrics = await (await fetch(`http://127.0.0.1:${control}/metrics`)).text();
    assert.match(metrics, /^a1mb_homewizard_requests_total\{endpoint="data"\} 2$/m);
    assert.match(metrics, /^a1mb_homewizard_responses_total\{status="405"\} 1$/m);
    assert.match(metrics, /^a1mb_homewizard_listening 1$/m);
  } finally {
    assert.equal(await a1mb.stop(), 0);
  }
});

for (const policy of ["zero", "hold"] as const) {
  Deno.test(`e2e: HomeWizard data after the meter falls silent, stale = "${policy}"`, async () => {
    const port = freePort();
    // The file is replayed once: then no telegram comes, and after 1 s the values are stale.
    const a1mb = await startA1mb(
      config(`127.0.0.1:${port}`, `loop = false\nstale_after_s = 1\nstale = "${policy}"`),
    );
    try {
      await a1mb.waitForLog(/No valid telegram for 1 s/);
      const data = await getJson(`http://127.0.0.1:${port}/api/v1/data`);
      if (policy === "hold") {
        assert.equal(data.status, 200);
        assert.deepEqual(data.body, EXPECTED_DATA[0]!.data);
      } else {
        assert.equal(data.status, 503);
        assert.equal((data.body.error as Record<string, unknown>).id, "stale");
      }
    } finally {
      assert.equal(await a1mb.stop(), 0);
    }
  });
}

/** The JSON lines the discovery peer printed, by event. */
type Events = Map<string, Record<string, unknown>>;

/**
 * Runs a1mb and the discovery peer in a new network namespace with a veth pair (10.77.0.1/24 and
 * 10.77.0.2/24) and a multicast route: a LAN of this machine's own, as root.
 */
async function discoverInNamespace(configText: string): Promise<{ events: Events; log: string }> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-mdns-" });
  try {
    const configPath = `${dir}/config.toml`;
    await Deno.writeTextFile(configPath, configText);
    const setup = [
      "set -e",
      "ip link set lo up",
      "ip link add hw0 type veth peer name hw1",
      "ip addr add 10.77.0.1/24 dev hw0",
      "ip addr add 10.77.0.2/24 dev hw1",
      "ip link set hw0 up",
      "ip link set hw1 up",
      "ip route add 224.0.0.0/4 dev hw0",
      `exec "$@"`,
    ].join("\n");
    let out: Deno.CommandOutput;
    try {
      out = await new Deno.Command("unshare", {
        args: [
          "--net",
          "--",
          "bash",
          "-c",
          setup,
          "netns",
          PYTHON,
          DISCOVERY,
          "20",
          "--",
          Deno.execPath(),
          "run",
          "-A",
          "main.ts",
          "run",
          "--config",
          configPath,
        ],
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      }).output();
    } catch (error) {
      throw new Error(`unshare is missing (Debian package util-linux): ${error}`);
    }
    const stdout = new TextDecoder().decode(out.stdout);
    const log = new TextDecoder().decode(out.stderr);
    if (/No module named 'zeroconf'/.test(log)) {
      throw new Error("python-zeroconf is missing: install the Debian package python3-zeroconf");
    }
    if (/unshare failed|Operation not permitted|ip: command not found/.test(log)) {
      throw new Error(
        `A network namespace is needed (root, Debian packages util-linux and iproute2): ${log}`,
      );
    }
    const events: Events = new Map();
    for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
      const event = JSON.parse(line);
      if (!events.has(event.event)) events.set(event.event, event);
    }
    return { events, log };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("e2e: Home Assistant's way: discovered over mDNS as _hwenergy._tcp, read on port 80, goodbye at stop", async () => {
  const { events, log } = await discoverInNamespace(config("0.0.0.0:80"));
  const add = events.get("add");
  assert.ok(add !== undefined, `not discovered:\n${log}`);
  const seen = [...events.values()].map((e) => JSON.stringify(e)).join("\n");
  const serial = (events.get("api")?.body as Record<string, unknown> | undefined)?.serial;
  assert.match(String(serial), /^[0-9a-f]{12}$/);
  assert.equal(add.name, `p1meter-${String(serial).slice(-6)}._hwenergy._tcp.local.`);
  // Listening on 0.0.0.0: announced on both ends of the veth pair (the namespace's two
  // addresses), each socket with its own; the resolver reports what it has at the first answer.
  const addresses = add.addresses as string[];
  assert.ok(addresses.length > 0, seen);
  for (const a of addresses) assert.ok(["10.77.0.1", "10.77.0.2"].includes(a), seen);
  assert.equal(add.port, 80);
  assert.deepEqual(add.properties, {
    api_enabled: "1",
    path: "/api/v1",
    serial,
    product_name: "P1 meter (a1mb)",
    product_type: "HWE-P1",
  });
  assert.equal(events.get("config_flow")?.valid, true);
  assert.equal(events.get("api")?.status, 200);
  assert.equal(events.get("data")?.status, 200, `${seen}\n${log}`);
  assert.deepEqual(events.get("data")?.body, EXPECTED_DATA[0]!.data);
  assert.equal(
    events.get("late_query")?.resolved,
    true,
    "a query after the announcements is answered",
  );
  assert.equal(events.get("stopped")?.code, 0);
  assert.equal(events.get("goodbye")?.seen, true, "the service is withdrawn at stop");
});
