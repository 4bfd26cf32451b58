/**
 * The control endpoint over HTTP (`[control] http = "HOST:PORT"`): the web console (its files,
 * given by the caller), the JSON API (`/api/status`, `/api/config`, `/api/reboot` and the
 * caller's read-only documents such as `/api/map`), `/status` (JSON) and `/metrics` (Prometheus
 * text format 0.0.4). See `http_routes.ts` for what each answers.
 *
 * Built on the shared listener (`drivers/http/http_listener.ts`: listening, HEAD, a request that
 * goes wrong answered 500 while it keeps serving), with the control endpoint's own policies: it
 * is a sink, so a bounded number of requests run at once (more are answered 503 at once) and per
 * second (more are answered 429), bodies are bounded (413), every operation is bounded in time,
 * every error is JSON, and every answer carries the strict security headers and is never cached.
 *
 * @module
 */
import { type HttpListener, startHttpListener } from "../http/http_listener.ts";
import { DEFAULT_ANSWER_TIMEOUT_MS } from "./_answer.ts";
import { jsonError } from "./_http_reply.ts";
import type { ControlAnswer, ControlSource } from "./control_source.ts";
import { type HttpAsset, route, SnapshotCache } from "./http_routes.ts";

/** Options of {@linkcode startControlHttp}. */
export interface ControlHttpOptions<S> extends ControlSource<S> {
  /** Address to listen on, without brackets (`"127.0.0.1"`, `"::"`, a host name). */
  readonly hostname: string;
  /** Port to listen on; 0 picks a free one (see {@linkcode ControlHttpServer.port}). */
  readonly port: number;
  /**
   * Longest time for one snapshot or settings operation, in ms.
   * @default {5000}
   */
  readonly timeoutMs?: number;
  /** Told about failed requests (for a log line). */
  readonly onError?: (message: string) => void;
  /**
   * Secret that writes must carry (`Authorization: Bearer <token>`); `""` = read-only.
   * @default {""}
   */
  readonly token?: string;
  /** Files of the web console by path (`/` is the page). @default none */
  readonly assets?: ReadonlyMap<string, HttpAsset>;
  /** Read-only JSON documents by path (`/api/map`). @default none */
  readonly documents?: ReadonlyMap<string, (url: URL) => Promise<ControlAnswer>>;
  /**
   * Longest request body, in bytes.
   * @default {16384}
   */
  readonly maxBodyBytes?: number;
  /**
   * Most requests handled at once; more are answered 503 without waiting.
   * @default {16}
   */
  readonly maxInFlight?: number;
  /**
   * Most requests answered per second (a burst of as many is allowed); more are answered 429.
   * A page open in a browser asks about 2 a second.
   * @default {50}
   */
  readonly maxPerSecond?: number;
  /**
   * How long one status or metrics snapshot is shared by the requests that follow, in ms.
   * @default {250}
   */
  readonly snapshotMaxAgeMs?: number;
}

/** A running HTTP control endpoint: the shared listener's handle. */
export type ControlHttpServer = HttpListener;

/** `Content-Type` of `/status`. */
export const STATUS_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Serves the console, the JSON API, `/status` and `/metrics` over HTTP.
 *
 * @throws {Error} when the address cannot be listened on (in use, not local, no permission)
 * @example
 * ```ts
 * import { startControlHttp } from "./http_server.ts";
 * const server = await startControlHttp({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   snapshot: () => Promise.resolve({ uptime_s: 12 }),
 *   renderMetrics: () => "",
 * });
 * const status = await (await fetch(`http://127.0.0.1:${server.port}/api/status`)).json();
 * // status: { uptime_s: 12 }
 * await server.close();
 * ```
 */
export function startControlHttp<S>(options: ControlHttpOptions<S>): Promise<ControlHttpServer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
  const routes = {
    ...options,
    token: options.token ?? "",
    assets: options.assets ?? new Map(),
    documents: options.documents ?? new Map(),
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024,
    timeoutMs,
    snapshots: new SnapshotCache(
      options as ControlSource<unknown>,
      timeoutMs,
      options.snapshotMaxAgeMs ?? 250,
    ),
  };
  const maxInFlight = options.maxInFlight ?? 16;
  const budget = new RequestBudget(options.maxPerSecond ?? 50);
  let inFlight = 0;
  return startHttpListener({
    hostname: options.hostname,
    port: options.port,
    ...(options.onError === undefined ? {} : { onError: options.onError }),
    internalError: () => jsonError(500, "Internal error: see the a1mb log"),
    handler: async (request) => {
      if (!budget.take(performance.now())) {
        await request.body?.cancel();
        return jsonError(429, `Too many requests: at most ${budget.perSecond} a second`, {
          "retry-after": "1",
        });
      }
      if (inFlight >= maxInFlight) {
        await request.body?.cancel();
        return jsonError(503, `Busy: ${maxInFlight} requests are being answered, try again`, {
          "retry-after": "1",
        });
      }
      inFlight++;
      try {
        return await route(request, routes);
      } finally {
        inFlight--;
      }
    },
  });
}

/** A token bucket: `perSecond` requests a second, bursts of as many. */
class RequestBudget {
  readonly perSecond: number;
  #tokens: number;
  #at = performance.now();

  constructor(perSecond: number) {
    this.perSecond = perSecond;
    this.#tokens = perSecond;
  }

  /** Takes one request from the budget; false when it is spent. */
  take(now: number): boolean {
    this.#tokens = Math.min(
      this.perSecond,
      this.#tokens + ((now - this.#at) * this.perSecond) / 1000,
    );
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens--;
    return true;
  }
}
