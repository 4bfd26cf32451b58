/**
 * The HomeWizard-compatible API's answers, as a pure function of the request, the last accepted
 * telegram and the time: `GET /api` (device information, always served), `GET /api/v1/data`
 * (the v1 measurement), `GET /api/v1/telegram` (the telegram as sent). Values older than
 * `a1.stale_after_s` are served only with `a1.stale = "hold"`; otherwise, and before the first
 * telegram, the two data endpoints answer 503 with a JSON reason, so a client never reads a
 * missing meter as 0 W. Read-only: another method on a known path is 405 with `Allow`, an unknown
 * path 404. Errors use HomeWizard's shape, `{"error": {"id", "description"}}`.
 *
 * @module
 */
import type { HttpAnswer, HttpRequestInfo } from "../../drivers/http/answer_listener.ts";
import type { StalePolicy } from "../../config/mod.ts";

/** The last accepted telegram, ready to serve. */
export interface ServedTelegram {
  /** The `/api/v1/data` body (JSON). */
  readonly data: string;
  /** The telegram as the meter sent it. */
  readonly text: string;
  /** Monotonic ms when it arrived. */
  readonly receivedAt: number;
}

/** Requests answered, by endpoint and by HTTP status. */
export interface HomeWizardCounters {
  /** Every request. */
  requests: number;
  /** By endpoint: `api`, `data`, `telegram`, `other` (unknown paths). */
  readonly byEndpoint: Record<Endpoint, number>;
  /** By status code, e.g. `{ "200": 12, "503": 1 }`. */
  readonly byStatus: Record<string, number>;
}

/** What the answers are made from; the actor owns it and updates `latest` per telegram. */
export interface HomeWizardView {
  /** The `/api` body (JSON). */
  readonly device: string;
  /** The last accepted telegram, or null before the first. */
  latest: ServedTelegram | null;
  /** `a1.stale_after_s`, in ms. */
  readonly staleAfterMs: number;
  /** `a1.stale`. */
  readonly policy: StalePolicy;
  /** Counted as requests are answered. */
  readonly counters: HomeWizardCounters;
}

/** The endpoints. */
export type Endpoint = "api" | "data" | "telegram" | "other";

const ROUTES: Readonly<Record<string, Endpoint>> = {
  "/api": "api",
  "/api/v1/data": "data",
  "/api/v1/telegram": "telegram",
};

/** Content type of the JSON answers. */
export const JSON_TYPE = "application/json";

/** Fresh counters. */
export function newCounters(): HomeWizardCounters {
  return { requests: 0, byEndpoint: { api: 0, data: 0, telegram: 0, other: 0 }, byStatus: {} };
}

/**
 * Answers one request and counts it.
 *
 * @param view What to answer from.
 * @param request Method and path.
 * @param now Monotonic ms now (the clock the telegrams' `receivedAt` is on).
 *
 * @example
 * ```ts
 * import { answerRequest, newCounters } from "./answer.ts";
 *
 * const view = {
 *   device: '{"api_version":"v1"}',
 *   latest: null,
 *   staleAfterMs: 25_000,
 *   policy: "zero" as const,
 *   counters: newCounters(),
 * };
 * answerRequest(view, { method: "GET", path: "/api" }, 0).status; // 200
 * answerRequest(view, { method: "GET", path: "/api/v1/data" }, 0).status; // 503: no telegram yet
 * answerRequest(view, { method: "POST", path: "/api" }, 0).status; // 405
 * ```
 */
export function answerRequest(
  view: HomeWizardView,
  request: HttpRequestInfo,
  now: number,
): HttpAnswer {
  const path = request.path.length > 1 ? request.path.replace(/\/+$/, "") : request.path;
  const endpoint = ROUTES[path] ?? "other";
  const result = answer(view, endpoint, request, now);
  const c = view.counters;
  c.requests++;
  c.byEndpoint[endpoint]++;
  c.byStatus[result.status] = (c.byStatus[result.status] ?? 0) + 1;
  return result;
}

function answer(
  view: HomeWizardView,
  endpoint: Endpoint,
  request: HttpRequestInfo,
  now: number,
): HttpAnswer {
  if (endpoint === "other") {
    return error(
      404,
      "not_found",
      `No endpoint ${JSON.stringify(request.path)}: this P1 meter serves /api, /api/v1/data ` +
        "and /api/v1/telegram",
    );
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    return {
      ...error(
        405,
        "method_not_allowed",
        `Method ${request.method} is not allowed on ${request.path}: the API is read-only (GET)`,
      ),
      headers: { "content-type": JSON_TYPE, "cache-control": "no-store", allow: "GET, HEAD" },
    };
  }
  if (endpoint === "api") return ok(JSON_TYPE, view.device);
  const latest = view.latest;
  if (latest === null) {
    return error(503, "no_telegram", "No valid telegram from the meter yet: no values to serve");
  }
  const ageMs = now - latest.receivedAt;
  if (ageMs >= view.staleAfterMs && view.policy !== "hold") {
    return error(
      503,
      "stale",
      `No valid telegram for ${(ageMs / 1000).toFixed(1)} s (a1.stale_after_s = ${
        view.staleAfterMs / 1000
      }): values are stale and a1.stale = "${view.policy}" serves none`,
    );
  }
  return endpoint === "data" ? ok(JSON_TYPE, latest.data) : ok("text/plain", latest.text);
}

function ok(type: string, body: string): HttpAnswer {
  return { status: 200, headers: { "content-type": type, "cache-control": "no-store" }, body };
}

function error(status: number, id: string, description: string): HttpAnswer {
  return {
    status,
    headers: { "content-type": JSON_TYPE, "cache-control": "no-store" },
    body: JSON.stringify({ error: { id, description } }),
  };
}
