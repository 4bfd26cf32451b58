/**
 * The control endpoint over HTTP (`[control] http = "HOST:PORT"`): `GET /status` (JSON) and
 * `GET /metrics` (Prometheus text format 0.0.4, for a Prometheus scrape). `HEAD` works on both;
 * another method on them is 405, any other path 404. Answers are never cached.
 *
 * @module
 */
import { answer, DEFAULT_ANSWER_TIMEOUT_MS, errorText } from "./_answer.ts";
import type { ControlCommand, ControlSource } from "./control_source.ts";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus_text.ts";

/** Options of {@linkcode startControlHttp}. */
export interface ControlHttpOptions<S> extends ControlSource<S> {
  /** Address to listen on, without brackets (`"127.0.0.1"`, `"::"`, a host name). */
  readonly hostname: string;
  /** Port to listen on; 0 picks a free one (see {@linkcode ControlHttpServer.port}). */
  readonly port: number;
  /**
   * Longest time for one snapshot, in ms.
   * @default {5000}
   */
  readonly timeoutMs?: number;
  /** Told about failed requests (for a log line). */
  readonly onError?: (message: string) => void;
}

/** A running HTTP control endpoint. */
export interface ControlHttpServer {
  /** The address it listens on. */
  readonly hostname: string;
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
}

/** `Content-Type` of `/status`. */
export const STATUS_CONTENT_TYPE = "application/json; charset=utf-8";

const ROUTES: Readonly<Record<string, { command: ControlCommand; type: string }>> = {
  "/status": { command: "status", type: STATUS_CONTENT_TYPE },
  "/metrics": { command: "metrics", type: PROMETHEUS_CONTENT_TYPE },
};

/**
 * Serves `/status` and `/metrics` over HTTP.
 *
 * @throws {Error} when the address cannot be listened on (in use, not local, no permission)
 */
export function startControlHttp<S>(options: ControlHttpOptions<S>): Promise<ControlHttpServer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  const where = options.hostname.includes(":")
    ? `[${options.hostname}]:${options.port}`
    : `${options.hostname}:${options.port}`;
  const abort = new AbortController();
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      signal: abort.signal,
      onListen: () => {},
      onError: (error) => {
        options.onError?.(`Control HTTP request failed: ${errorText(error)}`);
        return text(500, "error: internal error\n");
      },
    }, (request) => handle(request, options, timeoutMs));
  } catch (error) {
    return Promise.reject(
      new Error(`Cannot listen on ${where} for HTTP: ${errorText(error)}`, { cause: error }),
    );
  }
  let closing: Promise<void> | null = null;
  return Promise.resolve({
    hostname: server.addr.hostname,
    port: server.addr.port,
    close: () => {
      closing ??= (async () => {
        await server.shutdown();
        await server.finished;
      })();
      return closing;
    },
  });
}

async function handle<S>(
  request: Request,
  source: ControlSource<S>,
  timeoutMs: number,
): Promise<Response> {
  const route = ROUTES[new URL(request.url).pathname];
  if (route === undefined) return text(404, "Not found: try /status or /metrics\n");
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response("Method not allowed\n", {
      status: 405,
      headers: { "content-type": "text/plain; charset=utf-8", allow: "GET, HEAD" },
    });
  }
  const result = await answer(source, route.command, timeoutMs);
  if (!result.ok) return text(500, `error: ${result.error}\n`);
  return new Response(request.method === "HEAD" ? null : result.body, {
    status: 200,
    headers: { "content-type": route.type, "cache-control": "no-store" },
  });
}

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
