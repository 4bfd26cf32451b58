/**
 * A DNS-SD service announced over multicast DNS (RFC 6762/6763), so that Home Assistant and other
 * zeroconf browsers find it without an IP address typed in. The wire format and the multicast
 * socket are `multicast-dns` (npm); this module decides what to send:
 *
 * - one socket per announced IPv4 address, joined to 224.0.0.251 on that address's interface,
 *   sending there; each answers with its own address in the A record;
 * - {@linkcode MdnsResponder.announce} multicasts every record unasked (call it at start and
 *   once more a second later, as RFC 6762 §8.3 asks);
 * - a query for the service type, the instance, its host name or the list of service types is
 *   answered with the matching records (the instance's SRV, TXT and A as additionals); a query
 *   from a port other than 5353 (a one-shot resolver such as `dig`) is answered to its sender;
 * - {@linkcode MdnsResponder.close} sends a goodbye (every record with TTL 0) before closing.
 *
 * Only IPv4 is announced (no AAAA), and the names are not probed for conflicts first: they are
 * built from a 12-hex-digit serial, unique on a network.
 *
 * @module
 */
// @ts-types="@types/multicast-dns"
import makeMdns from "multicast-dns";

/** The multicast-dns instance type. */
type Mdns = ReturnType<typeof makeMdns>;
/** One resource record as multicast-dns writes it. */
type DnsRecord = Parameters<Mdns["respond"]>[0] extends infer P
  ? P extends { answers: readonly (infer A)[] } ? A : never
  : never;

/** The service to announce. */
export interface DnsSdService {
  /** Instance name, e.g. `p1meter-aabbcc` (the part before the service type). */
  readonly instance: string;
  /** Service type with protocol, e.g. `_hwenergy._tcp`. */
  readonly serviceType: string;
  /** Host name without `.local`, e.g. `p1meter-aabbcc`. */
  readonly host: string;
  /** TCP port of the service. */
  readonly port: number;
  /** TXT key/value pairs. */
  readonly txt: Readonly<Record<string, string>>;
}

/** Options of {@linkcode startMdnsResponder}. */
export interface MdnsResponderOptions {
  /** What to announce. */
  readonly service: DnsSdService;
  /** IPv4 addresses of this machine to announce on, one per interface. */
  readonly addresses: readonly string[];
  /** Told about socket problems that do not stop the responder (for a log line). */
  readonly onWarning?: (message: string) => void;
}

/** What the responder has done so far. */
export interface MdnsCounters {
  /** Unsolicited announcements sent (one per address each time). */
  readonly announcements: number;
  /** Queries answered (one per answering socket). */
  readonly queriesAnswered: number;
}

/** A running responder. */
export interface MdnsResponder {
  /** The addresses it announces. */
  readonly addresses: readonly string[];
  /** Multicasts every record unasked, on every address. */
  announce(): void;
  /** The counters now. */
  counters(): MdnsCounters;
  /** Sends a goodbye (TTL 0) for every record, then closes the sockets. */
  close(): Promise<void>;
}

const MDNS_PORT = 5353;
/** RFC 6762 §10: records with a host name 120 s, the others 75 min. */
const HOST_TTL_S = 120;
const OTHER_TTL_S = 4500;
/** RFC 6762 §6.7: answers to a legacy one-shot query carry a TTL of at most 10 s. */
const LEGACY_TTL_S = 10;
const SERVICES = "_services._dns-sd._udp.local";

/**
 * Opens one socket per address and starts answering queries.
 *
 * @throws {Error} when a socket cannot be bound (port 5353 taken without address reuse, no
 * permission) or has no address to announce
 *
 * @example
 * ```ts ignore
 * import { startMdnsResponder } from "./mdns_responder.ts";
 *
 * const responder = await startMdnsResponder({
 *   service: {
 *     instance: "p1meter-aabbcc",
 *     serviceType: "_hwenergy._tcp",
 *     host: "p1meter-aabbcc",
 *     port: 80,
 *     txt: { path: "/api/v1" },
 *   },
 *   addresses: ["192.168.1.20"],
 * });
 * responder.announce();
 * await responder.close(); // goodbye
 * ```
 */
export async function startMdnsResponder(options: MdnsResponderOptions): Promise<MdnsResponder> {
  if (options.addresses.length === 0) {
    throw new Error("Cannot announce over mDNS: no IPv4 address to announce");
  }
  const counters = { announcements: 0, queriesAnswered: 0 };
  const names = namesOf(options.service);
  const sockets: { address: string; mdns: Mdns }[] = [];
  try {
    for (const address of options.addresses) {
      sockets.push({ address, mdns: await open(address, options.onWarning) });
    }
  } catch (error) {
    await Promise.all(sockets.map((s) => destroy(s.mdns)));
    throw error;
  }
  for (const { address, mdns } of sockets) {
    mdns.on("query", (query, rinfo) => {
      const legacy = rinfo.port !== MDNS_PORT;
      const questions = query.questions ?? [];
      const reply = answerQuery(questions, options.service, address, {
        names,
        maxTtlS: legacy ? LEGACY_TTL_S : Infinity,
      });
      if (reply === null) return;
      counters.queriesAnswered++;
      if (legacy) {
        mdns.respond({ id: query.id, questions, ...reply }, {
          port: rinfo.port,
          address: rinfo.address,
        });
      } else {
        mdns.respond(reply);
      }
    });
  }
  let closing: Promise<void> | null = null;
  return {
    addresses: [...options.addresses],
    announce() {
      if (closing !== null) return;
      for (const { address, mdns } of sockets) {
        mdns.respond(allRecords(options.service, names, address, Infinity));
        counters.announcements++;
      }
    },
    counters: () => ({ ...counters }),
    close() {
      closing ??= Promise.all(sockets.map(async ({ address, mdns }) => {
        await new Promise<void>((resolve) =>
          mdns.respond(allRecords(options.service, names, address, 0), () => resolve())
        );
        await destroy(mdns);
      })).then(() => {});
      return closing;
    },
  };
}

/** The fully qualified names of a service. */
export interface ServiceNames {
  readonly type: string;
  readonly instance: string;
  readonly host: string;
}

function namesOf(service: DnsSdService): ServiceNames {
  return {
    type: `${service.serviceType}.local`,
    instance: `${service.instance}.${service.serviceType}.local`,
    host: `${service.host}.local`,
  };
}

/**
 * The answer to a query's questions, from the socket announcing `address`, or null when no
 * question is about this service.
 */
export function answerQuery(
  questions: readonly { name: string; type: string }[],
  service: DnsSdService,
  address: string,
  options: { readonly names?: ServiceNames; readonly maxTtlS?: number } = {},
): { answers: DnsRecord[]; additionals: DnsRecord[] } | null {
  const names = options.names ?? namesOf(service);
  const r = records(service, names, address, options.maxTtlS ?? Infinity);
  const answers = new Set<DnsRecord>();
  const additionals = new Set<DnsRecord>();
  for (const q of questions) {
    const name = q.name.toLowerCase().replace(/\.$/, "");
    const any = q.type === "ANY";
    if (name === SERVICES && (any || q.type === "PTR")) answers.add(r.services);
    if (name === names.type.toLowerCase() && (any || q.type === "PTR")) {
      answers.add(r.ptr);
      for (const x of [r.srv, r.txt, r.a]) additionals.add(x);
    }
    if (name === names.instance.toLowerCase()) {
      if (any || q.type === "SRV") answers.add(r.srv);
      if (any || q.type === "TXT") answers.add(r.txt);
      additionals.add(r.a);
    }
    if (name === names.host.toLowerCase() && (any || q.type === "A")) answers.add(r.a);
  }
  if (answers.size === 0) return null;
  return { answers: [...answers], additionals: [...additionals].filter((x) => !answers.has(x)) };
}

/** The service's records; every TTL at most `maxTtlS` (0 for a goodbye). */
function records(service: DnsSdService, names: ServiceNames, address: string, maxTtlS: number) {
  const other = Math.min(OTHER_TTL_S, maxTtlS);
  const host = Math.min(HOST_TTL_S, maxTtlS);
  return {
    services: { name: SERVICES, type: "PTR", ttl: other, data: names.type } as DnsRecord,
    ptr: { name: names.type, type: "PTR", ttl: other, data: names.instance } as DnsRecord,
    srv: {
      name: names.instance,
      type: "SRV",
      ttl: host,
      flush: true,
      data: { port: service.port, target: names.host, priority: 0, weight: 0 },
    } as DnsRecord,
    txt: {
      name: names.instance,
      type: "TXT",
      ttl: other,
      flush: true,
      data: Object.entries(service.txt).map(([k, v]) => `${k}=${v}`),
    } as DnsRecord,
    a: { name: names.host, type: "A", ttl: host, flush: true, data: address } as DnsRecord,
  };
}

function allRecords(service: DnsSdService, names: ServiceNames, address: string, maxTtlS: number) {
  const r = records(service, names, address, maxTtlS);
  return { answers: [r.ptr, r.srv, r.txt, r.a, r.services] };
}

/** Opens a socket on port 5353 joined to the mDNS group on the interface of `address`. */
function open(address: string, onWarning?: (message: string) => void): Promise<Mdns> {
  return new Promise((resolve, reject) => {
    let mdns: Mdns;
    try {
      mdns = makeMdns({ interface: address, bind: "0.0.0.0", reuseAddr: true, loopback: true });
    } catch (error) {
      reject(new Error(`Cannot open mDNS on ${address}: ${errorText(error)}`, { cause: error }));
      return;
    }
    const failed = (error: Error) => {
      reject(new Error(`Cannot open mDNS on ${address}: ${error.message}`, { cause: error }));
      void destroy(mdns);
    };
    mdns.once("error", failed);
    mdns.on("warning", (error: Error) => onWarning?.(`mDNS on ${address}: ${error.message}`));
    mdns.once("ready", () => {
      mdns.off("error", failed);
      mdns.on("error", (error: Error) => onWarning?.(`mDNS on ${address}: ${error.message}`));
      resolve(mdns);
    });
  });
}

function destroy(mdns: Mdns): Promise<void> {
  return new Promise((resolve) => {
    try {
      mdns.destroy(() => resolve());
    } catch {
      resolve();
    }
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
