/**
 * A real MQTT broker for the tests and the fleet bench: Debian's `mosquitto`, started on a free
 * port with a generated configuration (optionally TLS with a test CA made by `openssl`, and users
 * made by `mosquitto_passwd`), its verbose log followed; and observers that subscribe with
 * `mosquitto_sub` (Debian `mosquitto-clients`). A missing peer fails with the package to install.
 *
 * @module
 */
import { type FollowedChild, spawnFollowed } from "./_child_process.ts";
import { freePort } from "./e2e/_a1mb_process.ts";

/** A CA and a server certificate it signed (for `localhost` and 127.0.0.1), as PEM files. */
export interface TestCa {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

/** How to start the broker. */
export interface MosquittoOptions {
  /** Users and their passwords; when given, anonymous clients are refused. */
  readonly users?: Readonly<Record<string, string>>;
  /** Serve TLS only, with this CA's server certificate. */
  readonly tls?: TestCa;
  /** Log every packet (`-v`), for tests that read the broker's log. @default true */
  readonly verbose?: boolean;
}

/** A running broker. */
export interface Mosquitto {
  readonly port: number;
  /** Its process id (the current one, after a restart). */
  readonly pid: number;
  /** Every log line so far, over restarts. */
  readonly lines: string[];
  /** Resolves once a log line matches `pattern` (lines already seen first). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Number of log lines matching `pattern`. */
  count(pattern: RegExp): number;
  /** Stops it (SIGTERM) and waits; `restart` starts it again on the same port. */
  stop(): Promise<void>;
  /** Starts it again, same port and configuration, nothing retained from before. */
  restart(): Promise<void>;
  /** Stops its observers and it, and removes its folder. */
  close(): Promise<void>;
}

/** The stop functions of each broker's observers, so that `close` leaves nothing running. */
const observersOf = new WeakMap<Mosquitto, Set<() => Promise<void>>>();

async function run(command: string, args: string[], pkg: string): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (error) {
    throw new Error(`${command} is missing: install the Debian package ${pkg} (${error})`);
  }
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  if (out.code !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${text(out.stderr)}`);
  return text(out.stdout);
}

/** Makes a CA and a server certificate for `localhost` / 127.0.0.1 in `dir` with openssl. */
export async function makeTestCa(dir: string): Promise<TestCa> {
  const ca = {
    caCert: `${dir}/ca.crt`,
    serverCert: `${dir}/server.crt`,
    serverKey: `${dir}/server.key`,
  };
  const key = `${dir}/ca.key`;
  const csr = `${dir}/server.csr`;
  const ext = `${dir}/server.ext`;
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    key,
    "-out",
    ca.caCert,
    "-days",
    "2",
    "-subj",
    "/CN=a1mb test CA",
  ], "openssl");
  await run("openssl", [
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    ca.serverKey,
    "-out",
    csr,
    "-subj",
    "/CN=localhost",
  ], "openssl");
  await Deno.writeTextFile(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  await run("openssl", [
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    ca.caCert,
    "-CAkey",
    key,
    "-CAcreateserial",
    "-out",
    ca.serverCert,
    "-days",
    "2",
    "-extfile",
    ext,
  ], "openssl");
  return ca;
}

/** Starts mosquitto on a free port of 127.0.0.1. */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-mosquitto-" });
  const port = freePort();
  const conf = [
    `listener ${port} 127.0.0.1`,
    // Root keeps root: the test's files need no other owner (no effect when not root).
    "user root",
    "persistence false",
    "log_dest stderr",
    "max_keepalive 65535",
  ];
  if (options.users === undefined) {
    conf.push("allow_anonymous true");
  } else {
    const passwords = `${dir}/passwords`;
    for (const [i, [user, password]] of Object.entries(options.users).entries()) {
      await run(
        "mosquitto_passwd",
        ["-b", ...(i === 0 ? ["-c"] : []), passwords, user, password],
        "mosquitto",
      );
    }
    conf.push("allow_anonymous false", `password_file ${passwords}`);
  }
  if (options.tls !== undefined) {
    conf.push(
      `cafile ${options.tls.caCert}`,
      `certfile ${options.tls.serverCert}`,
      `keyfile ${options.tls.serverKey}`,
    );
  }
  await Deno.writeTextFile(`${dir}/mosquitto.conf`, conf.join("\n") + "\n");
  const lines: string[] = [];
  let child: FollowedChild;
  const launch = async () => {
    const args = ["-c", `${dir}/mosquitto.conf`, ...(options.verbose === false ? [] : ["-v"])];
    try {
      child = spawnFollowed("mosquitto", args, { killAfterMs: 3000 });
    } catch (error) {
      throw new Error(`mosquitto is missing: install the Debian package mosquitto (${error})`);
    }
    const from = child.lines;
    // Keep one log over restarts: copy this run's lines as they come.
    let copied = 0;
    const copy = () => {
      while (copied < from.length) lines.push(from[copied++]!);
    };
    const pump = setInterval(copy, 20);
    void child.status.finally(() => {
      copy();
      clearInterval(pump);
    });
    // "Opening … listen socket" comes before the socket listens; "running" after.
    await child.waitForLine(new RegExp(`Opening ipv4 listen socket on port ${port}`), 5000);
    await child.waitForLine(/mosquitto version \S+ running/, 5000);
    copy();
  };
  await launch();
  const broker: Mosquitto = {
    port,
    get pid() {
      return child.pid;
    },
    lines,
    async waitForLog(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const seen = lines.find((l) => pattern.test(l)) ??
          child.lines.find((l) => pattern.test(l));
        if (seen !== undefined) return seen;
        if (Date.now() > deadline) {
          throw new Error(
            `mosquitto: no line matching ${pattern}:\n${lines.slice(-40).join("\n")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    count: (pattern) => lines.filter((l) => pattern.test(l)).length,
    async stop() {
      await child.stop();
      await new Promise((r) => setTimeout(r, 30));
    },
    restart: launch,
    async close() {
      // Observers first: a mosquitto_sub left behind would keep waiting for its broker.
      for (const stop of observersOf.get(broker) ?? []) await stop();
      await child.stop();
      await Deno.remove(dir, { recursive: true });
    },
  };
  return broker;
}

/** One message an observer received. */
export interface Observed {
  readonly topic: string;
  readonly payload: string;
  /** Delivered from the broker's retained store (a subscriber that came later). */
  readonly retained: boolean;
  /** `performance.now()` when it was read. */
  readonly at: number;
}

/** A `mosquitto_sub` subscribed to some topics. */
export interface Observer {
  readonly messages: Observed[];
  /** Resolves with the first message (received so far or later) that `match` accepts. */
  waitFor(match: (m: Observed) => boolean, what: string, timeoutMs?: number): Promise<Observed>;
  stop(): Promise<void>;
}

let observers = 0;

/** Where and how an observer logs in. */
export interface ObserveOptions {
  readonly host?: string;
  readonly user?: string;
  readonly password?: string;
  readonly caFile?: string;
}

/** Subscribes to `topics` (QoS 1) with `mosquitto_sub`, once the broker has acknowledged it. */
export async function observe(
  broker: Mosquitto,
  topics: readonly string[],
  options: ObserveOptions = {},
): Promise<Observer> {
  const id = `observer-${Deno.pid}-${++observers}`;
  const args = [
    "-h",
    options.host ?? "127.0.0.1",
    "-p",
    String(broker.port),
    "-i",
    id,
    "-q",
    "1",
    "-F",
    "%r %t %p",
    ...(options.user === undefined ? [] : ["-u", options.user]),
    ...(options.password === undefined ? [] : ["-P", options.password]),
    ...(options.caFile === undefined ? [] : ["--cafile", options.caFile]),
    ...topics.flatMap((t) => ["-t", t]),
  ];
  let child: FollowedChild;
  try {
    child = spawnFollowed("mosquitto_sub", args, { killAfterMs: 2000 });
  } catch (error) {
    throw new Error(
      `mosquitto_sub is missing: install the Debian package mosquitto-clients (${error})`,
    );
  }
  try {
    await broker.waitForLog(new RegExp(`Sending SUBACK to ${id}`), 5000);
  } catch (error) {
    await child.stop();
    throw new Error(
      `mosquitto_sub ${args.join(" ")} did not subscribe: ${child.lines.join("\n")}`,
      {
        cause: error,
      },
    );
  }
  const messages: Observed[] = [];
  let parsed = 0;
  const parse = () => {
    while (parsed < child.lines.length) {
      const line = child.lines[parsed++]!;
      const match = /^([01]) (\S+) (.*)$/s.exec(line);
      if (match === null) continue;
      messages.push({
        retained: match[1] === "1",
        topic: match[2]!,
        payload: match[3]!,
        at: performance.now(),
      });
    }
  };
  const pump = setInterval(parse, 10);
  let stopped: Promise<void> | null = null;
  const stop = () =>
    stopped ??= (async () => {
      clearInterval(pump);
      await child.stop();
      parse();
      observersOf.get(broker)?.delete(stop);
    })();
  if (!observersOf.has(broker)) observersOf.set(broker, new Set());
  observersOf.get(broker)!.add(stop);
  return {
    messages,
    async waitFor(match, what, timeoutMs = 10_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        parse();
        const found = messages.find(match);
        if (found !== undefined) return found;
        if (performance.now() > deadline) {
          throw new Error(
            `no MQTT message: ${what} within ${timeoutMs} ms; got:\n${
              messages.slice(-20).map((m) => `${m.topic} ${m.payload.slice(0, 120)}`).join("\n")
            }\n${child.lines.filter((l) => !/^[01] /.test(l)).join("\n")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop,
  };
}

/** Publishes one message with `mosquitto_pub`. */
export async function publishWithMosquittoPub(
  broker: Mosquitto,
  topic: string,
  payload: string,
): Promise<void> {
  await run(
    "mosquitto_pub",
    ["-h", "127.0.0.1", "-p", String(broker.port), "-q", "1", "-t", topic, "-m", payload],
    "mosquitto-clients",
  );
}
