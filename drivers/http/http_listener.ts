/**
 * The one HTTP listener of a1mb (Deno.serve): the web console and its API (`[control] http`) and
 * the HomeWizard-compatible API (`[homewizard] listen`) are both built on it, each with its own
 * routing and policies. It listens on a host and port (0 picks a free one), says which address
 * it could not listen on and why, hands each request to the caller's handler, and keeps serving
 * whatever a request does:
 *
 * - a handler that throws or rejects gets the request a 500 (the caller's, or a plain one) and a
 *   report naming the method and path;
 * - malformed HTTP never reaches the handler: the runtime answers it 400 and closes;
 * - a `HEAD` request gets the handler's status and headers, with the body's `Content-Length`,
 *   without the body (the runtime leaves it out).
 *
 * @module
 */

/** What a handler is told of a request besides the request itself. */
export interface HttpRequestInfo {
  /** `GET`, `POST`, … as sent. */
  readonly method: string;
  /** The URL's path, percent-decoding left to the caller (`/api/v1/data`). */
  readonly path: string;
}

/** Answers one request. */
export type HttpHandler = (
  request: Request,
  info: HttpRequestInfo,
) => Response | Promise<Response>;

/** Options of {@linkcode startHttpListener}. */
export interface HttpListenerOptions {
  /** Address to listen on, without brackets (`"0.0.0.0"`, `"::"`, `"127.0.0.1"`, a host name). */
  readonly hostname: string;
  /** Port to listen on; 0 picks a free one (see {@linkcode HttpListener.port}). */
  readonly port: number;
  /** Answers each request. */
  readonly handler: HttpHandler;
  /** Told about requests that failed inside the listener (for a log line). */
  readonly onError?: (message: string) => void;
  /**
   * The answer to a request the handler failed on.
   * @default a plain-text 500 `Internal error`
   */
  readonly internalError?: () => Response;
}

/** A running listener. */
export interface HttpListener {
  /** The address it listens on. */
  readonly hostname: string;
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** Stops listening, lets the requests being answered finish, and releases the port. */
  close(): Promise<void>;
}

/**
 * Starts listening.
 *
 * @throws {Error} when the address cannot be listened on (in use, not local, no permission):
 * `Cannot listen on HOST:PORT for HTTP: <reason>`
 *
 * @example
 * ```ts
 * import { startHttpListener } from "./http_listener.ts";
 *
 * const listener = await startHttpListener({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   handler: (_request, info) => new Response(`${info.method} ${info.path}\n`),
 * });
 * const response = await fetch(`http://127.0.0.1:${listener.port}/hello`);
 * await response.text(); // "GET /hello\n"
 * await listener.close();
 * ```
 */
export function startHttpListener(options: HttpListenerOptions): Promise<HttpListener> {
  const report = (message: string) => options.onError?.(message);
  const internalError = options.internalError ?? plainInternalError;
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      onListen: () => {},
      // Only reached if a failure escapes `serve` below; it answers the same way.
      onError: (error) => {
        report(`request failed: ${errorText(error)}`);
        return internalError();
      },
    }, (request) => serve(request, options.handler, report, internalError));
  } catch (error) {
    return Promise.reject(
      new Error(
        `Cannot listen on ${hostPort(options.hostname, options.port)} for HTTP: ${
          errorText(error)
        }`,
        { cause: error },
      ),
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

async function serve(
  request: Request,
  handler: HttpHandler,
  report: (message: string) => void,
  internalError: () => Response,
): Promise<Response> {
  const info = { method: request.method, path: new URL(request.url).pathname };
  try {
    return await handler(request, info);
  } catch (error) {
    report(`${info.method} ${info.path} failed: ${errorText(error)}`);
    return internalError();
  }
}

/** `host:port`, with brackets around an IPv6 address (`[::1]:80`). */
function hostPort(hostname: string, port: number): string {
  return hostname.includes(":") ? `[${hostname}]:${port}` : `${hostname}:${port}`;
}

function plainInternalError(): Response {
  return new Response("Internal error\n", {
    status: 500,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
