/**
 * The routes of the HTTP control endpoint: the web console's files, the JSON API and the
 * Prometheus metrics. Reads need nothing; writes (`POST`) need `Authorization: Bearer <token>`
 * and a configured token, and carry a JSON body of bounded size. Every refusal is a JSON
 * `{ "error": … }` with the status that says why (400, 401, 403, 404, 405, 413, 415).
 *
 * @module
 */
import { answer, settingsAnswer } from "./_answer.ts";
import { json, jsonError, reply, text } from "./_http_reply.ts";
import { checkBearer } from "./bearer_token.ts";
import type { ControlAnswer, ControlSource, SnapshotCommand } from "./control_source.ts";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus_text.ts";

/** A file of the web console, served as it is. */
export interface HttpAsset {
  /** Its `Content-Type`. */
  readonly type: string;
  readonly body: Uint8Array<ArrayBuffer>;
}

/** What the routes answer from. */
export interface HttpRoutes<S> extends ControlSource<S> {
  /** Secret for writes; `""` = read-only (writes answered 403). */
  readonly token: string;
  /** Files by path (`/` is the page). */
  readonly assets: ReadonlyMap<string, HttpAsset>;
  /** Read-only JSON documents by path (`/api/map`), answered per request from its URL. */
  readonly documents: ReadonlyMap<string, (url: URL) => Promise<ControlAnswer>>;
  /** Longest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Bound on taking one snapshot or one settings operation, in ms. */
  readonly timeoutMs: number;
  /** The rendered snapshots, shared by requests close together. */
  readonly snapshots: SnapshotCache;
}

/**
 * Rendered `status` and `metrics` bodies, each shared by every request within `maxAgeMs` of the
 * first (and by requests that arrive while it is being taken): however fast clients ask, the
 * actors are asked at most once per `maxAgeMs`.
 */
export class SnapshotCache {
  readonly #source: ControlSource<unknown>;
  readonly #timeoutMs: number;
  readonly #maxAgeMs: number;
  readonly #entries = new Map<SnapshotCommand, { at: number; answer: ReturnType<typeof answer> }>();

  /**
   * @param source what the snapshots come from
   * @param timeoutMs bound on taking one
   * @param maxAgeMs how long one is shared
   */
  constructor(source: ControlSource<unknown>, timeoutMs: number, maxAgeMs: number) {
    this.#source = source;
    this.#timeoutMs = timeoutMs;
    this.#maxAgeMs = maxAgeMs;
  }

  /** The body of `command`: a shared recent one, or a new one. */
  get(command: SnapshotCommand): ReturnType<typeof answer> {
    const now = performance.now();
    const entry = this.#entries.get(command);
    if (entry !== undefined && now - entry.at < this.#maxAgeMs) return entry.answer;
    const fresh = answer(this.#source, command, this.#timeoutMs);
    this.#entries.set(command, { at: now, answer: fresh });
    return fresh;
  }
}

const READ = "GET, HEAD";
const WRITE = "POST";

const SNAPSHOTS: Readonly<Record<string, { command: SnapshotCommand; type: string }>> = {
  "/status": { command: "status", type: "application/json; charset=utf-8" },
  "/api/status": { command: "status", type: "application/json; charset=utf-8" },
  "/metrics": { command: "metrics", type: PROMETHEUS_CONTENT_TYPE },
};

/**
 * Answers one request (a `HEAD` with the body the listener then leaves out). Never throws for a
 * bad request; only a bug can.
 */
export async function route<S>(request: Request, routes: HttpRoutes<S>): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname;
  const method = request.method;

  const snapshot = SNAPSHOTS[path];
  if (snapshot !== undefined) {
    if (!isRead(method)) return notAllowed(READ);
    const result = await routes.snapshots.get(snapshot.command);
    if (!result.ok) {
      return path.startsWith("/api/")
        ? jsonError(500, result.error)
        : text(500, `error: ${result.error}\n`);
    }
    return reply(200, result.body, snapshot.type);
  }

  const document = routes.documents.get(path);
  if (document !== undefined) {
    if (!isRead(method)) return notAllowed(READ);
    return toResponse(await settingsAnswer(() => document(url), routes.timeoutMs));
  }

  const settings = routes.settings;
  if (path === "/api/config" && settings !== undefined) {
    if (isRead(method)) {
      return toResponse(await settingsAnswer(() => settings.view(), routes.timeoutMs));
    }
    if (method !== "POST") return notAllowed(`${READ}, ${WRITE}`);
    const refused = await authorize(request, routes.token);
    if (refused !== null) return refused;
    const body = await readJsonObject(request, routes.maxBodyBytes);
    if (body instanceof Response) return body;
    return toResponse(await settingsAnswer(() => settings.write(body, "http"), routes.timeoutMs));
  }
  if (path === "/api/reboot" && settings !== undefined) {
    if (method !== "POST") return notAllowed(WRITE);
    const refused = await authorize(request, routes.token);
    if (refused !== null) return refused;
    const body = await readBody(request, routes.maxBodyBytes);
    if (body instanceof Response) return body;
    return toResponse(await settingsAnswer(() => settings.reboot("http"), routes.timeoutMs));
  }

  const asset = routes.assets.get(path);
  if (asset !== undefined) {
    if (!isRead(method)) return notAllowed(READ);
    return reply(200, asset.body, asset.type);
  }
  return jsonError(404, `Not found: ${JSON.stringify(path)} (try /, /api/status or /metrics)`);
}

function isRead(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

function notAllowed(allow: string): Response {
  return jsonError(405, `Method not allowed: use ${allow}`, { allow });
}

function toResponse(result: ControlAnswer): Response {
  return json(result.status, result.body);
}

/** Null when the request may write; else the 401 or 403 answer. */
async function authorize(request: Request, token: string): Promise<Response | null> {
  switch (await checkBearer(request.headers.get("authorization"), token)) {
    case "ok":
      return null;
    case "no-token-configured":
      return jsonError(
        403,
        "The console is read-only: no [control] token is configured (see a1mb config set control.token=…)",
      );
    case "missing":
      return jsonError(401, "A write needs the header Authorization: Bearer <token>", {
        "www-authenticate": 'Bearer realm="a1mb"',
      });
    case "wrong":
      return jsonError(401, "Wrong token: nothing was changed", {
        "www-authenticate": 'Bearer realm="a1mb", error="invalid_token"',
      });
  }
}

/** The body as text, read up to `max` bytes; a 413 answer when longer. */
async function readBody(request: Request, max: number): Promise<string | Response> {
  const tooLarge = () => jsonError(413, `The request body exceeds ${max} bytes`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) {
    await request.body?.cancel();
    return tooLarge();
  }
  if (request.body === null) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return jsonError(400, "The request body is not UTF-8 text");
  }
}

/** The body as a JSON object of at least one key, or the 400/413/415 answer. */
async function readJsonObject(
  request: Request,
  max: number,
): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    await request.body?.cancel();
    return jsonError(415, `The request body must be JSON (Content-Type: application/json)`);
  }
  const body = await readBody(request, max);
  if (body instanceof Response) return body;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return jsonError(400, `The request body is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return jsonError(
      400,
      'The request body must be a JSON object of keys and values: {"key": value}',
    );
  }
  if (Object.keys(value).length === 0) {
    return jsonError(400, "The request body names no key: nothing to change");
  }
  return value as Record<string, unknown>;
}
