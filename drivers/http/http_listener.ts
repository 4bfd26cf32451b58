/**
 * A small HTTP listener (Deno.serve) whose answers come from a synchronous function: the caller
 * keeps the answers ready (bodies built once per telegram), so a request costs a lookup and a
 * write, never a wait on anything else. Request bodies are never read. A request the answer
 * function fails on gets a 500 and a report; the listener keeps serving. Malformed HTTP never
 * reaches the function (the runtime answers it with a 400).
 *
 * @module
 */

/** What the answer function sees of a request. */
export interface HttpRequestInfo {
  /** `GET`, `POST`, … as sent. */
  readonly method: string;
  /** The URL's path, percent-decoding left to the caller (`/api/v1/data`). */
  readonly path: string;
}

/** An answer: status, headers and body (`null` for none). */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/** Options of {@linkcode startHttpListener}. */
export interface HttpListenerOptions {
  /** Address to listen on, without brackets (`"0.0.0.0"`, `"::"`, `"127.0.0.1"`). */
  readonly hostname: string;
  /** Port to listen on; 0 picks a free one (see {@linkcode HttpListener.port}). */
  readonly port: number;
  /** Answers one request; called once per request, must not block. */
  readonly answer: (request: HttpRequestInfo) => HttpAnswer;
  /** Told about requests that failed inside the listener (for a log line). */
  readonly onError?: (message: string) => void;
}

/** A running listener. */
export interface HttpListener {
  /** The address it listens on. */
  readonly hostname: string;
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
}

/**
 * Starts listening.
 *
 * @throws {Error} when the address cannot be listened on (in use, not local, no permission)
 *
 * @example
 * ```ts
 * import { startHttpListener } from "./http_listener.ts";
 *
 * const listener = await startHttpListener({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   answer: () => ({ status: 200, headers: { "content-type": "text/plain" }, body: "ok\n" }),
 * });
 * const response = await fetch(`http://127.0.0.1:${listener.port}/`);
 * await response.text(); // "ok\n"
 * await listener.close();
 * ```
 */
export function startHttpListener(options: HttpListenerOptions): Promise<HttpListener> {
  const where = options.hostname.includes(":")
    ? `[${options.hostname}]:${options.port}`
    : `${options.hostname}:${options.port}`;
  const report = (message: string) => options.onError?.(message);
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      onListen: () => {},
      onError: (error) => {
        report(`HTTP request failed: ${errorText(error)}`);
        return new Response("Internal error\n", { status: 500 });
      },
    }, (request) => respond(request, options.answer, report));
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

function respond(
  request: Request,
  answer: (request: HttpRequestInfo) => HttpAnswer,
  report: (message: string) => void,
): Response {
  let result: HttpAnswer;
  try {
    result = answer({ method: request.method, path: new URL(request.url).pathname });
  } catch (error) {
    report(`HTTP ${request.method} ${request.url} failed: ${errorText(error)}`);
    return new Response("Internal error\n", { status: 500 });
  }
  const body = request.method === "HEAD" ? null : result.body;
  return new Response(body, { status: result.status, headers: result.headers });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
