import assert from "node:assert/strict";
import { answerQuery, type DnsSdService } from "../../../drivers/mdns/mdns_responder.ts";

const SERVICE: DnsSdService = {
  instance: "p1meter-aabbcc",
  serviceType: "_hwenergy._tcp",
  host: "p1meter-aabbcc",
  port: 80,
  txt: { path: "/api/v1", product_type: "HWE-P1" },
};

const summary = (records: readonly { name: string; type: string; ttl?: number | undefined }[]) =>
  records.map((r) => `${r.type} ${r.name} ${r.ttl}`);

Deno.test("mdns answers a browse for the service type with PTR, and SRV, TXT and A besides", () => {
  const reply = answerQuery([{ name: "_hwenergy._tcp.local", type: "PTR" }], SERVICE, "192.0.2.7");
  assert.ok(reply !== null);
  assert.deepEqual(summary(reply.answers), ["PTR _hwenergy._tcp.local 4500"]);
  assert.deepEqual(summary(reply.additionals), [
    "SRV p1meter-aabbcc._hwenergy._tcp.local 120",
    "TXT p1meter-aabbcc._hwenergy._tcp.local 4500",
    "A p1meter-aabbcc.local 120",
  ]);
  const a = reply.additionals.find((r) => r.type === "A");
  assert.equal((a as { data: string }).data, "192.0.2.7");
  const txt = reply.additionals.find((r) => r.type === "TXT");
  assert.deepEqual((txt as { data: string[] }).data, ["path=/api/v1", "product_type=HWE-P1"]);
});

Deno.test("mdns answers the service enumeration, the instance and the host name, case-blind", () => {
  const services = answerQuery(
    [{ name: "_services._dns-sd._udp.local", type: "PTR" }],
    SERVICE,
    "192.0.2.7",
  );
  assert.deepEqual(summary(services!.answers), ["PTR _services._dns-sd._udp.local 4500"]);
  const srv = answerQuery(
    [{ name: "P1METER-AABBCC._hwenergy._tcp.local.", type: "SRV" }],
    SERVICE,
    "192.0.2.7",
  );
  assert.deepEqual(summary(srv!.answers), ["SRV p1meter-aabbcc._hwenergy._tcp.local 120"]);
  const a = answerQuery([{ name: "p1meter-aabbcc.local", type: "A" }], SERVICE, "192.0.2.7");
  assert.deepEqual(summary(a!.answers), ["A p1meter-aabbcc.local 120"]);
});

Deno.test("mdns ignores questions about other names and types", () => {
  assert.equal(
    answerQuery([{ name: "_http._tcp.local", type: "PTR" }], SERVICE, "192.0.2.7"),
    null,
  );
  assert.equal(
    answerQuery([{ name: "p1meter-aabbcc.local", type: "AAAA" }], SERVICE, "192.0.2.7"),
    null,
  );
  assert.equal(answerQuery([], SERVICE, "192.0.2.7"), null);
});

Deno.test("mdns answers a one-shot (legacy) query with TTLs of at most 10 s", () => {
  const reply = answerQuery([{ name: "_hwenergy._tcp.local", type: "PTR" }], SERVICE, "192.0.2.7", {
    maxTtlS: 10,
  });
  for (const r of [...reply!.answers, ...reply!.additionals]) {
    assert.equal((r as { ttl?: number }).ttl, 10);
  }
});
